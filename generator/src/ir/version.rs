//! The API versions Graph documents.

use serde::Serialize;
use std::fmt;

/// An API version: each gets its own module in the generated crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum ApiVersion {
    /// `v1.0`.
    #[serde(rename = "v1.0")]
    V1,
    /// `beta`.
    #[serde(rename = "beta")]
    Beta,
}

impl ApiVersion {
    /// The version as it appears in URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            ApiVersion::V1 => "v1.0",
            ApiVersion::Beta => "beta",
        }
    }

    /// The name of the generated module for this version.
    pub fn module_name(self) -> &'static str {
        match self {
            ApiVersion::V1 => "v1_0",
            ApiVersion::Beta => "beta",
        }
    }

    /// Parse a URL or path component (`v1.0`, `beta`, case-insensitive).
    pub fn parse(text: &str) -> Option<Self> {
        if text.eq_ignore_ascii_case("v1.0") {
            Some(ApiVersion::V1)
        } else if text.eq_ignore_ascii_case("beta") {
            Some(ApiVersion::Beta)
        } else {
            None
        }
    }
}

impl fmt::Display for ApiVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
