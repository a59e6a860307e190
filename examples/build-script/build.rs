//! Generates the contacts part of the v1.0 client from the workspace's docs into `OUT_DIR`.

use docgen::build::Builder;
use docgen::ir::ApiVersion;

fn main() {
    let built = Builder::new()
        .input("../../docs-input")
        .version(ApiVersion::V1)
        .area("contacts")
        .generate()
        .unwrap_or_else(|error| panic!("docgen: {error}"));
    assert!(built.operations > 0, "docgen found no contacts operation");
}
