//! docgen: reads Microsoft Graph API reference pages and generates a typed Rust client with tests.
#![deny(missing_docs)]

pub mod build;
pub mod check;
pub mod cli;
pub mod commands;
pub mod diagnostic;
pub mod emit;
pub mod generate;
pub mod http;
pub mod ir;
pub mod lenient_json;
pub mod load;
pub mod page;
pub mod progress;
pub mod render;
pub mod select;
pub mod style;
pub mod summary;
pub mod write;
