//! docgen-e2e
