//! Property tests: no input makes the parser, the lowering or the emitter panic, and page text
//! can never break the generated Rust code.

use docgen::emit::{emit_crate, CrateOptions};
use docgen::load::{spec_from_pages, LoadOptions};
use docgen::page::parse_page;
use proptest::prelude::*;
use std::path::Path;
use std::sync::LazyLock;

const SEED: &str = include_str!("../../docs-input/beta/api/user-post-contacts.md");

/// Real pages to mutate, when the shared corpus is present (one in seven of the v1.0 API pages,
/// to keep the run short; `PROPTEST_CASES` raises the number of mutations).
static CORPUS_PAGES: LazyLock<Vec<String>> = LazyLock::new(|| {
    let folder =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/graph-docs-v1.0-2021/api");
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut paths: Vec<_> = entries.filter_map(|e| Some(e.ok()?.path())).collect();
    paths.sort();
    paths
        .iter()
        .step_by(7)
        .filter_map(|p| std::fs::read(p).ok())
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        .collect()
});

/// Fragments that stress the Markdown and annotation structure.
const NASTY: &[&str] = &[
    "```",
    "```http\n",
    "~~~",
    "<!--",
    "-->",
    "{",
    "}",
    "\"",
    "|",
    "\n",
    "\r\n",
    "\n# [HTTP](#tab/http)\n",
    "\n## HTTP request\n",
    "\n## Response\n",
    "`200 OK`",
    "POST /me/{x}/y\n",
    "GET \n",
    "\u{0}",
    "é",
    "*/",
    "\"#",
    "r#\"",
    "\\",
    "#[doc = \"x\"]",
    "]]",
    "[!INCLUDE [x](../y.md)]",
    "\t",
    "{id | upn}",
    "<!-- { \"blockType\": \"request\" } -->\n```http\nGET /me/x\n```\n",
    "<!-- { \"blockType\": \"response\", } -->\n```http\nHTTP/1.1 201 Created\n\n{\"a\":1}\n```\n",
];

/// Parse, lower and emit; every generated Rust file must still parse.
fn run_pipeline(text: &str) {
    // The same text as an API page and as a resource page.
    let spec = spec_from_pages(
        vec![
            parse_page("v1.0/api/fuzz.md", text),
            parse_page("v1.0/resources/fuzz.md", text),
        ],
        &LoadOptions::default(),
    );
    let generated = emit_crate(&spec, &CrateOptions::default());
    for file in generated
        .files
        .iter()
        .filter(|f| f.path.extension().is_some_and(|e| e == "rs"))
    {
        if let Err(e) = syn::parse_file(&file.contents) {
            panic!(
                "{} does not parse: {e}\n{}",
                file.path.display(),
                file.contents
            );
        }
    }
}

fn mutated_seed() -> impl Strategy<Value = String> {
    mutated(Just(SEED.to_string()))
}

fn mutated_corpus_page() -> impl Strategy<Value = String> {
    let pages = if CORPUS_PAGES.is_empty() {
        vec![SEED.to_string()]
    } else {
        CORPUS_PAGES.clone()
    };
    mutated(prop::sample::select(pages))
}

/// Apply one to eight random edits (insert a nasty fragment, or cut a run of bytes) to a page.
fn mutated(pages: impl Strategy<Value = String>) -> impl Strategy<Value = String> {
    let edits = prop::collection::vec(
        (
            any::<prop::sample::Index>(),
            0..NASTY.len(),
            0usize..40,
            any::<bool>(),
        ),
        1..8,
    );
    (pages, edits).prop_map(|(page, edits)| {
        let mut text = page;
        for (at, fragment, cut, insert) in edits {
            let mut position = at.index(text.len() + 1);
            while !text.is_char_boundary(position) {
                position -= 1;
            }
            if insert {
                text.insert_str(position, NASTY[fragment]);
            } else {
                let mut end = (position + cut).min(text.len());
                while !text.is_char_boundary(end) {
                    end -= 1;
                }
                text.replace_range(position..end, "");
            }
        }
        text
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_text_never_panics(text in ".{0,400}") {
        run_pipeline(&text);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        run_pipeline(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn mutated_own_pages_never_panic_nor_break_generated_code(text in mutated_seed()) {
        run_pipeline(&text);
    }

    #[test]
    fn mutated_corpus_pages_never_panic_nor_break_generated_code(text in mutated_corpus_page()) {
        run_pipeline(&text);
    }
}
