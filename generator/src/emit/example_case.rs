//! The test of one documented example: the mock server's documented response, the call of the
//! generated method with the example's values, the request the server must receive, and what
//! the result must be.

use super::conformance;
use super::models::{BodyKind, ModelNames};
use super::names::ident_text;
use super::rust_text::{string_literal, RustText};
use super::shape::{response_kind, takes_body, ResponseKind};
use super::tree::{Route, Tree, ROOT_TYPE};
use crate::diagnostic::{Diagnostic, Kind};
use crate::ir::{Binding, Example, Operation, Part, Segment, ValueStyle};
use crate::lenient_json;

/// Request headers a test does not set by hand: the runtime and transport own them.
const TRANSPORT_HEADERS: &[&str] = &["authorization", "host", "content-length", "content-type"];

/// The generated test of one example.
pub(crate) struct TestCase {
    /// The statements of the test function, as text indented for a function in a module.
    pub(crate) body: String,
    /// Notes for its doc comment (repairs made to the documented JSON).
    pub(crate) notes: Vec<String>,
    /// Whether it parses a JSON request body (and so needs `serde_json`).
    pub(crate) parses_json: bool,
    /// Whether it names a model of the version's `models` module.
    pub(crate) uses_models: bool,
    /// Whether it checks that the decoded response encodes back to the documented body.
    pub(crate) checks_encoding: bool,
    /// Whether it decodes into a typed model.
    pub(crate) typed: bool,
    /// Whether the body did not fit the model and is read untyped.
    pub(crate) untyped_fallback: bool,
}

/// The test for one example, or `None` (with a diagnostic when the reason is new).
pub(crate) fn example_test(
    tree: &Tree,
    operations: &[Operation],
    names: &ModelNames<'_>,
    op_index: usize,
    example: &Example,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<TestCase> {
    // Unbound and unpaired examples, and endpoints without a method, are reported where found.
    let binding = example.binding.as_ref()?;
    let response = example.response.as_ref()?;
    let route = tree.routes.get(&(op_index, binding.endpoint))?;
    let operation = &operations[op_index];
    // The method's shape comes from the page that first documented its endpoint.
    let shape = &operations[route.owner];
    let mut skip = |why: &str| {
        diagnostics.push(Diagnostic::warning(
            Kind::UntestedExample,
            &operation.source,
            example.line,
            format!("no test generated for this example: {why}"),
        ));
        None
    };
    if (300..400).contains(&response.status) {
        return skip("redirect responses are not tested yet");
    }
    let mut notes = Vec::new();
    let request_body = match example.request.body.as_deref().map(lenient_json::parse) {
        Some(Err(e)) => return skip(&format!("the request body is not JSON ({e})")),
        Some(Ok(body)) => {
            if !body.repairs.is_empty() {
                notes.push(format!("The documented request body is not strict JSON ({}): the test sends it repaired.", body.repairs.join(", ")));
            }
            Some(body)
        }
        None => None,
    };
    if takes_body(shape) != request_body.is_some() {
        return skip(if request_body.is_some() {
            "the example sends a body but the page says the request has none"
        } else {
            "the example sends no body but the operation takes one"
        });
    }
    let success = (200..300).contains(&response.status);
    let kind = response_kind(shape, names);
    let mut untyped = false;
    let mut mismatches = Vec::new();
    let decodes_json = success && kind.is_json();
    let documented = response.body.clone().unwrap_or_default();
    let response_body = if decodes_json {
        match lenient_json::parse(&documented) {
            Err(e) => return skip(&format!("the response body is not JSON ({e})")),
            Ok(body) => {
                if let Err(why) = conformance::fits(&body.value, &kind, names) {
                    mismatches.push(Diagnostic::warning(
                        Kind::ModelMismatch,
                        &operation.source,
                        example.line,
                        format!("the documented response body does not fit the model the method returns ({why}); its test reads the body untyped"),
                    ));
                    notes.push(format!("The documented response body does not fit the model ({why}): the test reads it untyped, with `send_raw`."));
                    untyped = true;
                }
                if !body.repairs.is_empty() {
                    notes.push(format!("The documented response body is not strict JSON ({}): the server answers with it repaired.", body.repairs.join(", ")));
                }
                body.text
            }
        }
    } else {
        documented
    };
    // The parsed body (for the model check) and its text (for the test).
    let request_json = request_body.as_ref();
    let request_body = request_body.as_ref().map(|b| b.text.as_str());
    let response_body = response_body.as_str();

    let values = concrete_values(binding);
    if let Some(unsafe_value) = unsafe_raw_value(&route.segments, &values) {
        return skip(&format!(
            "the unquoted function argument `{unsafe_value}` is not a simple token"
        ));
    }
    let mut expected_path = vec![operation.version.as_str().to_string()];
    for (segment, values) in route.segments.iter().zip(&values) {
        expected_path.extend(rendered(segment, values).split('/').map(str::to_string));
    }
    let pair = |(k, v): (&str, &str)| format!("({}, {})", string_literal(k), string_literal(v));
    let query: Vec<String> = binding
        .query
        .iter()
        .map(|(k, v)| pair((k.as_str(), v.as_str())))
        .collect();
    let extra_headers: Vec<(&str, &str)> = example
        .request
        .headers
        .iter()
        .filter(|h| !TRANSPORT_HEADERS.contains(&h.name.to_ascii_lowercase().as_str()))
        .map(|h| (h.name.as_str(), h.value.as_str()))
        .collect();
    let mut checked_headers: Vec<String> = extra_headers.iter().map(|&h| pair(h)).collect();
    if request_body.is_some() {
        if let Some(content_type) = example.request.header("content-type") {
            checked_headers.push(pair(("Content-Type", content_type)));
        }
    }
    let method = &operation.endpoints[binding.endpoint].method;
    let response_headers: Vec<String> = response
        .headers
        .iter()
        .map(|h| pair((h.name.as_str(), h.value.as_str())))
        .collect();
    let body_kind = names.body_kind(route.owner, shape, takes_body(shape));
    let mut body_fits = true;
    if let (Some(body), Some(properties)) = (request_json, names.body_properties(&body_kind)) {
        if let Err(why) = conformance::fits_properties(&body.value, &properties, names) {
            body_fits = false;
            mismatches.push(Diagnostic::warning(
                Kind::ModelMismatch,
                &operation.source,
                example.line,
                format!("the documented request body does not fit the model the method takes ({why}); its test sends it untyped"),
            ));
            notes.push(format!("The documented request body does not fit the model ({why}): the test sends it untyped, with `.json`."));
        }
    }
    diagnostics.extend(mismatches);
    let body_model = match &body_kind {
        BodyKind::Model(name) | BodyKind::Parameters(name) => Some(ident_text(name)),
        BodyKind::None | BodyKind::Any => None,
    };
    let mut text = RustText::default();
    let body = request_body_text(&mut text, request_body, body_model.as_deref(), body_fits);
    let response_arg = if response_body.is_empty() {
        "\"\"".to_string()
    } else {
        text.line(
            2,
            &format!("const RESPONSE_BODY: &str = {};", raw_string(response_body)),
        );
        "RESPONSE_BODY".to_string()
    };
    text.line(2, "let server = ExampleServer::start(DocumentedResponse {");
    text.line(3, &format!("status: {},", response.status));
    text.list(3, "headers: &", &response_headers, ",");
    text.line(3, &format!("body: {response_arg},"));
    text.line(2, "})");
    text.line(2, ".await;");
    let mut calls = call_steps(route, &values);
    if let Some((_, arguments)) = calls.last_mut() {
        arguments.extend(body.argument);
    }
    text.line(
        2,
        &format!("let result = {ROOT_TYPE}::new(server.client())"),
    );
    for (name, arguments) in &calls {
        text.line(3, &format!(".{name}({})", arguments.join(", ")));
    }
    if let Some(override_body) = &body.override_body {
        text.line(3, override_body);
    }
    for (k, v) in &binding.query {
        text.line(
            3,
            &format!(".query({}, {})", string_literal(k), string_literal(v)),
        );
    }
    for (k, v) in &extra_headers {
        text.line(
            3,
            &format!(".header({}, {})", string_literal(k), string_literal(v)),
        );
    }
    text.line(
        3,
        if untyped {
            ".send_raw()"
        } else {
            ".send_full()"
        },
    );
    text.line(3, ".await;");
    text.line(2, "server");
    text.line(3, ".assert_received(&ExpectedRequest {");
    text.line(4, &format!("method: {},", string_literal(method)));
    let path: Vec<String> = expected_path.iter().map(|p| string_literal(p)).collect();
    text.list(4, "path: &", &path, ",");
    text.list(4, "query: &", &query, ",");
    text.list(4, "headers: &", &checked_headers, ",");
    text.line(4, &format!("json_body: {},", body.expected));
    text.line(3, "})");
    text.line(3, ".await;");
    outcome_text(
        &mut text,
        response.status,
        success && decodes_json,
        kind == ResponseKind::Binary && !response_body.is_empty(),
    );
    Some(TestCase {
        body: text.finish(),
        notes,
        parses_json: request_body.is_some(),
        uses_models: request_body.is_some() && body_model.is_some(),
        checks_encoding: success && decodes_json,
        typed: success
            && !untyped
            && matches!(
                kind,
                ResponseKind::Model(_) | ResponseKind::Page(_) | ResponseKind::Primitive(..)
            ),
        untyped_fallback: untyped,
    })
}

/// What a test's request body adds to the call.
struct BodyText {
    /// The body argument of the generated method, if it takes one.
    argument: Option<String>,
    /// `.json(&body)` when the documented body does not fit the method's model.
    override_body: Option<String>,
    /// The `json_body` the server must receive.
    expected: &'static str,
}

/// Writes the documented request body, parsed into the method's model (`body_model`), or into
/// untyped JSON when the method takes any body or when the body does not fit the model (it is
/// then sent with `.json`, after a default model).
fn request_body_text(
    text: &mut RustText,
    request_body: Option<&str>,
    body_model: Option<&str>,
    body_fits: bool,
) -> BodyText {
    let Some(body) = request_body else {
        return BodyText {
            argument: None,
            override_body: None,
            expected: "None",
        };
    };
    text.line(
        2,
        &format!("const REQUEST_BODY: &str = {};", raw_string(body)),
    );
    let (declared, expect, argument, override_body) = match body_model {
        Some(model) if body_fits => (
            format!("models::{model}"),
            "the documented request body fits the model",
            "&body".to_string(),
            None,
        ),
        Some(model) => (
            "serde_json::Value".to_string(),
            "the documented request body is JSON",
            format!("&models::{model}::default()"),
            Some(".json(&body)".to_string()),
        ),
        None => (
            "serde_json::Value".to_string(),
            "the documented request body is JSON",
            "&body".to_string(),
            None,
        ),
    };
    text.line(
        2,
        &format!("let body: {declared} = serde_json::from_str(REQUEST_BODY)"),
    );
    text.line(3, &format!(".expect({});", string_literal(expect)));
    BodyText {
        argument: Some(argument),
        override_body,
        expected: "Some(REQUEST_BODY)",
    }
}

/// What a test asserts of the result: the error status, or the status and the decoded body
/// (JSON that must encode back to the documented body, or the documented bytes).
fn outcome_text(text: &mut RustText, status: u16, checks_json: bool, checks_bytes: bool) {
    if !(200..300).contains(&status) {
        text.line(
            2,
            "let error = result.expect_err(\"the documented status is an error\");",
        );
        text.line(2, &format!("assert_eq!(error.status(), Some({status}));"));
        return;
    }
    text.line(
        2,
        "let response = result.expect(\"the documented response is accepted\");",
    );
    text.line(2, &format!("assert_eq!(response.status, {status});"));
    if checks_json {
        text.line(2, "assert_encodes_to(&response.body, RESPONSE_BODY);");
    } else if checks_bytes {
        text.line(2, "assert_eq!(response.body, RESPONSE_BODY.as_bytes());");
    }
}

/// The values of each segment of the example URL. A placeholder left in the URL (`{contactId}`,
/// `<address>`) becomes a concrete, distinct value (`contactId-1`).
fn concrete_values(binding: &Binding) -> Vec<Vec<String>> {
    let mut placeholders = 0;
    binding
        .segments
        .iter()
        .map(|segment| {
            segment
                .values
                .iter()
                .map(|value| {
                    let inner = value
                        .strip_prefix('{')
                        .and_then(|v| v.strip_suffix('}'))
                        .or_else(|| value.strip_prefix('<').and_then(|v| v.strip_suffix('>')));
                    match inner {
                        Some(name) => {
                            placeholders += 1;
                            let stem: String = name
                                .trim()
                                .chars()
                                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                                .collect();
                            let stem = if stem.is_empty() {
                                "value".to_string()
                            } else {
                                stem
                            };
                            format!("{stem}-{placeholders}")
                        }
                        None => value.clone(),
                    }
                })
                .collect()
        })
        .collect()
}

/// An unquoted function argument the runtime would refuse to send, if any.
fn unsafe_raw_value<'v>(segments: &[Segment], values: &'v [Vec<String>]) -> Option<&'v str> {
    segments.iter().zip(values).find_map(|(segment, values)| {
        let Segment::Template { parts, .. } = segment else {
            return None;
        };
        value_styles(parts)
            .zip(values)
            .find(|(style, value)| {
                *style == ValueStyle::Raw
                    && (value.is_empty()
                        || !value
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || "-._:+".contains(c)))
            })
            .map(|(_, value)| value.as_str())
    })
}

fn value_styles(parts: &[Part]) -> impl Iterator<Item = ValueStyle> + '_ {
    parts.iter().filter_map(|p| match p {
        Part::Value { style, .. } => Some(*style),
        Part::Text { .. } => None,
    })
}

/// A segment as the server receives it once percent-decoded: literals as the client spells
/// them, values in place (quoted values with their quotes doubled).
fn rendered(segment: &Segment, values: &[String]) -> String {
    match segment {
        Segment::Literal { value } => value.clone(),
        Segment::Parameter { .. } => values.first().cloned().unwrap_or_default(),
        Segment::Template { parts, .. } => {
            let mut values = values.iter();
            parts
                .iter()
                .map(|part| match part {
                    Part::Text { text } => text.clone(),
                    Part::Value { style, .. } => {
                        let value = values.next().cloned().unwrap_or_default();
                        if *style == ValueStyle::Quoted {
                            value.replace('\'', "''")
                        } else {
                            value
                        }
                    }
                })
                .collect()
        }
    }
}

/// The calls after `Graph::new(server.client())`: each step method with its arguments, the
/// operation method last with the action's arguments (the body argument follows them).
fn call_steps(route: &Route, values: &[Vec<String>]) -> Vec<(String, Vec<String>)> {
    let literals = |index: usize| -> Vec<String> {
        values
            .get(index)
            .map(|v| v.iter().map(|value| string_literal(value)).collect())
            .unwrap_or_default()
    };
    let mut calls: Vec<(String, Vec<String>)> = route
        .steps
        .iter()
        .map(|(method, index)| (ident_text(method), literals(*index)))
        .collect();
    let action_arguments = if route.segments.len() > route.steps.len() {
        literals(values.len().saturating_sub(1))
    } else {
        Vec::new()
    };
    calls.push((ident_text(&route.method), action_arguments));
    calls
}

/// A string literal for `text`, raw (`r#"..."#`) when that keeps it readable.
fn raw_string(text: &str) -> String {
    if text.contains('\r') {
        return string_literal(text);
    }
    let mut hashes = 1;
    while text.contains(&format!("\"{}", "#".repeat(hashes))) {
        hashes += 1;
    }
    let fence = "#".repeat(hashes);
    format!("r{fence}\"{text}\"{fence}")
}
