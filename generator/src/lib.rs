//! docgen: reads Microsoft Graph API reference pages and generates a typed Rust client with tests.

pub mod diagnostic;
pub mod page;
