//! docgen
