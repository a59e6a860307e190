//! Diagnostics: what docgen found wrong or odd in its input, with file and line.

use serde::Serialize;
use std::fmt;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The input breaks a rule and part of it could not be used.
    Error,
    /// The input is odd; docgen used it as best it could.
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// One finding about one place in one input file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Diagnostic {
    /// The file, as shown to the user (relative to the folder given).
    pub file: String,
    /// The 1-based line the finding is about (0 when it concerns the whole file).
    pub line: u32,
    /// How serious it is.
    pub severity: Severity,
    /// What was found, in one sentence.
    pub message: String,
}

impl Diagnostic {
    /// An error at `file:line`.
    pub fn error(file: &str, line: u32, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, file, line, message)
    }

    /// A warning at `file:line`.
    pub fn warning(file: &str, line: u32, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, file, line, message)
    }

    fn new(severity: Severity, file: &str, line: u32, message: impl Into<String>) -> Self {
        Self {
            file: file.to_string(),
            line,
            severity,
            message: message.into(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: {}: {}",
            self.file, self.line, self.severity, self.message
        )
    }
}
