//! End-to-end tests across the workspace crates live beside this file (`freshness.rs`,
//! `polymorphism.rs`, `corpus.rs`).
//! The library itself only checks that the README's Rust example compiles: it is the
//! crate documentation, so `cargo test` builds it as a doctest.
#![doc = include_str!("../../README.md")]
