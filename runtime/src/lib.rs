//! docgen-runtime
