//! Decisions about an operation's Rust shape: its verb, whether it takes a body, what it returns.

use super::models::ModelNames;
use crate::ir::{Operation, RequestBody, Segment};
use regex::Regex;
use std::sync::LazyLock;

static ACTION_TITLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*\w+\s*:\s*(\w+)\s*$").expect("valid regex"));

/// Function names that Graph exposes as a trailing path segment on many resources.
const KNOWN_FUNCTIONS: &[&str] = &["delta"];

/// What a successful response is decoded into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ResponseKind {
    /// No body is expected (`204 No Content`, or nothing documented).
    NoContent,
    /// A JSON document of no documented type.
    Json,
    /// The model of a documented type (its Rust name).
    Model(String),
    /// A page of a collection of a documented type (its Rust name).
    Page(String),
    /// Binary content (`$value`, `/content`, or an example answering with a non-JSON type).
    Binary,
    /// A primitive result wrapped in `value`: its Edm type and whether it is a collection.
    Primitive(String, bool),
}

impl ResponseKind {
    /// Whether the body is JSON (untyped or typed).
    pub(crate) fn is_json(&self) -> bool {
        !matches!(self, ResponseKind::NoContent | ResponseKind::Binary)
    }
}

/// Whether the operation answers with binary content: a GET of `$value` or `content`, or an
/// example response whose Content-Type is not JSON.
fn is_binary(operation: &Operation) -> bool {
    let content_endpoint = operation.endpoints.iter().all(|e| {
        e.method == "GET"
            && matches!(e.segments.last(), Some(Segment::Literal { value }) if value == "$value" || value.eq_ignore_ascii_case("content"))
    });
    let binary_example = operation.examples.iter().any(|e| {
        e.response.as_ref().is_some_and(|r| {
            r.body.is_some()
                && r.header("content-type").is_some_and(|t| {
                    let t = t.to_ascii_lowercase();
                    !t.contains("json") && !t.starts_with("text/plain")
                })
        })
    });
    (content_endpoint && !operation.endpoints.is_empty()) || binary_example
}

/// Whether the last segment of an endpoint of `operation` names an action or function rather
/// than a navigation step: a function call (`range(address='{a}')`, `microsoft.graph.delta()`),
/// the action a page's title names (`permanentDelete` on `contact: permanentDelete`), or `delta`.
pub(crate) fn is_action_segment(operation: &Operation, segment: &Segment) -> bool {
    match segment {
        Segment::Template { raw, .. } => raw.contains('('),
        Segment::Literal { value } => {
            let titled = ACTION_TITLE
                .captures(&operation.title)
                .is_some_and(|c| c[1].eq_ignore_ascii_case(value));
            titled
                || value.contains('(')
                || KNOWN_FUNCTIONS
                    .iter()
                    .any(|f| f.eq_ignore_ascii_case(value))
        }
        Segment::Parameter { .. } => false,
    }
}

/// The verb method for a plain CRUD endpoint.
pub(crate) fn verb(operation: &Operation, http_method: &str) -> String {
    match http_method {
        "GET" if returns_collection(operation) => "list".to_string(),
        "GET" => "get".to_string(),
        "POST" => "create".to_string(),
        "PATCH" => "update".to_string(),
        "PUT" => "replace".to_string(),
        "DELETE" => "delete".to_string(),
        other => other.to_ascii_lowercase(),
    }
}

fn returns_collection(operation: &Operation) -> bool {
    operation
        .responses
        .first()
        .and_then(|r| r.returns.as_ref())
        .is_some_and(|r| r.collection)
}

/// Whether the operation uploads binary content: a PUT of `$value` or `content` on every
/// endpoint. Its method takes no JSON body; the caller sends the bytes (or a stream).
pub(crate) fn is_upload(operation: &Operation) -> bool {
    !operation.endpoints.is_empty()
        && operation.endpoints.iter().all(|e| {
            e.method == "PUT"
                && matches!(e.segments.last(), Some(Segment::Literal { value }) if value == "$value" || value.eq_ignore_ascii_case("content"))
        })
}

/// Whether the generated method takes a (JSON) request body.
pub(crate) fn takes_body(operation: &Operation) -> bool {
    if is_upload(operation) {
        return false;
    }
    match operation.body {
        RequestBody::None => false,
        RequestBody::Resource { .. } | RequestBody::Properties { .. } => true,
        RequestBody::Unspecified { .. } | RequestBody::Undocumented => {
            operation.examples.iter().any(|e| e.request.body.is_some())
        }
    }
}

/// How the success response is decoded: the model of the resource the Response section names
/// when a page documents it, else untyped JSON when a body is documented, else nothing.
pub(crate) fn response_kind(operation: &Operation, names: &ModelNames<'_>) -> ResponseKind {
    let success = operation.responses.first();
    if success.is_some_and(|r| r.status == 204) {
        return ResponseKind::NoContent;
    }
    if is_binary(operation) {
        return ResponseKind::Binary;
    }
    let returns = operation.responses.iter().find_map(|r| r.returns.as_ref());
    if let Some(primitive) = returns.filter(|r| r.type_name.starts_with("Edm.")) {
        return ResponseKind::Primitive(primitive.type_name.clone(), primitive.collection);
    }
    if let Some((name, _)) = returns.and_then(|r| names.find(&r.type_name)) {
        return if returns.is_some_and(|r| r.collection) {
            ResponseKind::Page(name.clone())
        } else {
            ResponseKind::Model(name.clone())
        };
    }
    let documented_body = returns.is_some()
        || operation
            .examples
            .iter()
            .any(|e| e.response.as_ref().is_some_and(|r| r.body.is_some()));
    if documented_body {
        ResponseKind::Json
    } else {
        ResponseKind::NoContent
    }
}
