//! Diagnostics: what docgen found wrong or odd in its input, with file and line.

use serde::Serialize;
use std::collections::BTreeMap;
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

/// What a finding is about; `docgen check` and the summaries count findings by kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// A file or folder that cannot be read.
    UnreadableFile,
    /// Bytes that are not UTF-8.
    InvalidUtf8,
    /// A code block without its closing fence.
    UnclosedFence,
    /// An annotation comment whose JSON is invalid.
    AnnotationJson,
    /// An annotation not followed by the code block it describes.
    OrphanAnnotation,
    /// An included file that does not exist.
    MissingInclude,
    /// A section the page type needs is missing.
    MissingSection,
    /// A line of the HTTP request section that is not `METHOD /path`.
    EndpointLine,
    /// The same endpoint listed twice on a page.
    DuplicateEndpoint,
    /// An example request that cannot be read as HTTP.
    RequestParse,
    /// An example response that cannot be read as HTTP.
    ResponseParse,
    /// A request example without a response example.
    UnpairedRequest,
    /// A response example without a request example.
    UnpairedResponse,
    /// An example whose URL matches none of the page's endpoints.
    UnboundExample,
    /// A page whose API version cannot be told.
    UnknownVersion,
    /// An endpoint with a segment the generator cannot call.
    UnsupportedSegment,
    /// Two methods that wanted the same name on the same node.
    NameCollision,
    /// One endpoint documented by two pages; both use one method.
    SharedEndpoint,
    /// A type named by a page that no page documents.
    UnresolvedType,
    /// An example body that does not fit the model its operation decodes into.
    ModelMismatch,
    /// An example that got no generated test.
    UntestedExample,
    /// A request example whose `name` an earlier request example in the doc set already has.
    DuplicateExampleName,
    /// An example body that should be JSON (by its `Content-Type`, or its first character when
    /// it has none) but is not valid JSON.
    ExampleJson,
    /// An example response status that the operation's Response section does not document.
    StatusMismatch,
}

impl Kind {
    /// The kebab-case name shown to users.
    pub fn name(self) -> &'static str {
        match self {
            Kind::UnreadableFile => "unreadable-file",
            Kind::InvalidUtf8 => "invalid-utf8",
            Kind::UnclosedFence => "unclosed-fence",
            Kind::AnnotationJson => "annotation-json",
            Kind::OrphanAnnotation => "orphan-annotation",
            Kind::MissingInclude => "missing-include",
            Kind::MissingSection => "missing-section",
            Kind::EndpointLine => "endpoint-line",
            Kind::DuplicateEndpoint => "duplicate-endpoint",
            Kind::RequestParse => "request-parse",
            Kind::ResponseParse => "response-parse",
            Kind::UnpairedRequest => "unpaired-request",
            Kind::UnpairedResponse => "unpaired-response",
            Kind::UnboundExample => "unbound-example",
            Kind::UnknownVersion => "unknown-version",
            Kind::UnsupportedSegment => "unsupported-segment",
            Kind::NameCollision => "name-collision",
            Kind::SharedEndpoint => "shared-endpoint",
            Kind::UnresolvedType => "unresolved-type",
            Kind::ModelMismatch => "model-mismatch",
            Kind::UntestedExample => "untested-example",
            Kind::DuplicateExampleName => "duplicate-example-name",
            Kind::ExampleJson => "example-json",
            Kind::StatusMismatch => "status-mismatch",
        }
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
    /// What it is about.
    pub kind: Kind,
    /// What was found, in one sentence.
    pub message: String,
}

impl Diagnostic {
    /// An error of `kind` at `file:line`.
    pub fn error(kind: Kind, file: &str, line: u32, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, kind, file, line, message)
    }

    /// A warning of `kind` at `file:line`.
    pub fn warning(kind: Kind, file: &str, line: u32, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, kind, file, line, message)
    }

    /// A finding of the given severity and kind at `file:line`.
    pub fn new(
        severity: Severity,
        kind: Kind,
        file: &str,
        line: u32,
        message: impl Into<String>,
    ) -> Self {
        Self {
            file: file.to_string(),
            line,
            severity,
            kind,
            message: message.into(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: {}[{}]: {}",
            self.file,
            self.line,
            self.severity,
            self.kind.name(),
            self.message
        )
    }
}

/// How many errors and warnings of one kind the diagnostics hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct KindCount {
    /// The kind (shown by its kebab-case name).
    pub kind: Kind,
    /// How many findings of this kind are errors.
    pub errors: usize,
    /// How many findings of this kind are warnings.
    pub warnings: usize,
}

/// Count diagnostics by kind, in the order of [`Kind`]; kinds that do not occur are left out.
pub fn count_by_kind(diagnostics: &[Diagnostic]) -> Vec<KindCount> {
    let mut by_kind: BTreeMap<Kind, KindCount> = BTreeMap::new();
    for diagnostic in diagnostics {
        let count = by_kind.entry(diagnostic.kind).or_insert(KindCount {
            kind: diagnostic.kind,
            errors: 0,
            warnings: 0,
        });
        match diagnostic.severity {
            Severity::Error => count.errors += 1,
            Severity::Warning => count.warnings += 1,
        }
    }
    by_kind.into_values().collect()
}
