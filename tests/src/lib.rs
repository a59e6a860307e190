//! End-to-end tests across the workspace crates live beside this file (`freshness.rs`);
//! this library is empty and exists only because a package needs a target.
