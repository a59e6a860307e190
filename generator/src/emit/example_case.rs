//! The test of one documented example: the mock server's documented response, the call of the
//! generated method with the example's values, the request the server must receive, and what
//! the result must be.

use super::conformance;
use super::models::{BodyKind, ModelNames};
use super::names::ident;
use super::shape::{response_kind, takes_body, ResponseKind};
use super::tree::{Route, Tree, ROOT_TYPE};
use crate::diagnostic::{Diagnostic, Kind};
use crate::ir::{Binding, Example, Operation, Part, Segment, ValueStyle};
use crate::lenient_json;
use proc_macro2::{Literal, TokenStream};
use quote::{quote, ToTokens};

/// Request headers a test does not set by hand: the runtime and transport own them.
const TRANSPORT_HEADERS: &[&str] = &["authorization", "host", "content-length", "content-type"];

/// The generated test of one example.
pub(crate) struct TestCase {
    /// The statements of the test function.
    pub(crate) body: TokenStream,
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
    let (call, action_arguments) = call_tokens(route, &values);
    let mut expected_path = vec![operation.version.as_str().to_string()];
    for (segment, values) in route.segments.iter().zip(&values) {
        expected_path.extend(rendered(segment, values).split('/').map(str::to_string));
    }
    let query: Vec<TokenStream> = binding
        .query
        .iter()
        .map(|(k, v)| quote!((#k, #v)))
        .collect();
    let set_query = binding.query.iter().map(|(k, v)| quote!(.query(#k, #v)));
    let extra_headers: Vec<(&str, &str)> = example
        .request
        .headers
        .iter()
        .filter(|h| !TRANSPORT_HEADERS.contains(&h.name.to_ascii_lowercase().as_str()))
        .map(|h| (h.name.as_str(), h.value.as_str()))
        .collect();
    let set_headers = extra_headers.iter().map(|(k, v)| quote!(.header(#k, #v)));
    let mut checked_headers: Vec<TokenStream> = extra_headers
        .iter()
        .map(|(k, v)| quote!((#k, #v)))
        .collect();
    if request_body.is_some() {
        if let Some(content_type) = example.request.header("content-type") {
            checked_headers.push(quote!(("Content-Type", #content_type)));
        }
    }
    let method = &operation.endpoints[binding.endpoint].method;
    let status = Literal::u16_unsuffixed(response.status);
    let response_headers = response.headers.iter().map(|h| {
        let (name, value) = (&h.name, &h.value);
        quote!((#name, #value))
    });
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
    let send = if untyped {
        quote!(send_raw)
    } else {
        quote!(send_full)
    };
    let body_model = match &body_kind {
        BodyKind::Model(name) | BodyKind::Parameters(name) => Some(ident(name)),
        BodyKind::None | BodyKind::Any => None,
    };
    let body = request_body_tokens(request_body, body_model.as_ref(), body_fits);
    let (response_const, response_arg) = if response_body.is_empty() {
        (TokenStream::new(), quote!(""))
    } else {
        let literal = raw_string(response_body);
        (
            quote!(const RESPONSE_BODY: &str = #literal;),
            quote!(RESPONSE_BODY),
        )
    };
    let outcome = outcome_tokens(
        response.status,
        success && decodes_json,
        kind == ResponseKind::Binary && !response_body.is_empty(),
    );
    let (body_const, body_arg, override_body, json_body) =
        (body.setup, body.argument, body.override_body, body.expected);
    let test = quote! {
        #body_const
        #response_const
        let server = ExampleServer::start(DocumentedResponse {
            status: #status,
            headers: &[#(#response_headers),*],
            body: #response_arg,
        })
        .await;
        let result = #call(#(#action_arguments,)* #body_arg)
            #override_body
            #(#set_query)*
            #(#set_headers)*
            .#send()
            .await;
        server
            .assert_received(&ExpectedRequest {
                method: #method,
                path: &[#(#expected_path),*],
                query: &[#(#query),*],
                headers: &[#(#checked_headers),*],
                json_body: #json_body,
            })
            .await;
        #outcome
    };
    Some(TestCase {
        body: test,
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

/// The Rust of a test's request body.
struct BodyTokens {
    /// The constant with the documented body and its parsing.
    setup: TokenStream,
    /// The body argument of the generated method.
    argument: TokenStream,
    /// `.json(&body)` when the documented body does not fit the method's model.
    override_body: TokenStream,
    /// The `json_body` the server must receive.
    expected: TokenStream,
}

/// The documented request body parsed into the method's model (`body_model`), or into untyped
/// JSON when the method takes any body or when the body does not fit the model (it is then sent
/// with `.json`, after a default model).
fn request_body_tokens(
    request_body: Option<&str>,
    body_model: Option<&proc_macro2::Ident>,
    body_fits: bool,
) -> BodyTokens {
    let Some(body) = request_body else {
        return BodyTokens {
            setup: TokenStream::new(),
            argument: TokenStream::new(),
            override_body: TokenStream::new(),
            expected: quote!(None),
        };
    };
    let literal = raw_string(body);
    let untyped = quote!(let body: serde_json::Value = serde_json::from_str(REQUEST_BODY).expect("the documented request body is JSON"););
    let (parse, argument, override_body) = match body_model {
        Some(model) if body_fits => (
            quote!(let body: models::#model = serde_json::from_str(REQUEST_BODY).expect("the documented request body fits the model");),
            quote!(&body),
            TokenStream::new(),
        ),
        Some(model) => (
            untyped,
            quote!(&models::#model::default()),
            quote!(.json(&body)),
        ),
        None => (untyped, quote!(&body), TokenStream::new()),
    };
    BodyTokens {
        setup: quote! {
            const REQUEST_BODY: &str = #literal;
            #parse
        },
        argument,
        override_body,
        expected: quote!(Some(REQUEST_BODY)),
    }
}

/// What a test asserts of the result: the error status, or the status and the decoded body
/// (JSON that must encode back to the documented body, or the documented bytes).
fn outcome_tokens(status: u16, checks_json: bool, checks_bytes: bool) -> TokenStream {
    let status_literal = Literal::u16_unsuffixed(status);
    if !(200..300).contains(&status) {
        return quote! {
            let error = result.expect_err("the documented status is an error");
            assert_eq!(error.status(), Some(#status_literal));
        };
    }
    let body_check = if checks_json {
        quote!(assert_encodes_to(&response.body, RESPONSE_BODY);)
    } else if checks_bytes {
        quote!(assert_eq!(response.body, RESPONSE_BODY.as_bytes());)
    } else {
        TokenStream::new()
    };
    quote! {
        let response = result.expect("the documented response is accepted");
        assert_eq!(response.status, #status_literal);
        #body_check
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

/// `Graph::new(server.client()).users().item("u-1")...permanent_delete` with the action's
/// arguments, if any, ready for the body argument to follow.
fn call_tokens(route: &Route, values: &[Vec<String>]) -> (TokenStream, Vec<String>) {
    let root = ident(ROOT_TYPE);
    let steps = route.steps.iter().map(|(method, index)| {
        let method = ident(method);
        let arguments = values.get(*index).cloned().unwrap_or_default();
        quote!(.#method(#(#arguments),*))
    });
    let method = ident(&route.method);
    let action_arguments = if route.segments.len() > route.steps.len() {
        values.last().cloned().unwrap_or_default()
    } else {
        Vec::new()
    };
    (
        quote!(#root::new(server.client()) #(#steps)* .#method),
        action_arguments,
    )
}

/// A string literal for `text`, raw (`r#"..."#`) when that keeps it readable.
fn raw_string(text: &str) -> TokenStream {
    if text.contains('\r') {
        return Literal::string(text).into_token_stream();
    }
    let mut hashes = 1;
    while text.contains(&format!("\"{}", "#".repeat(hashes))) {
        hashes += 1;
    }
    let fence = "#".repeat(hashes);
    format!("r{fence}\"{text}\"{fence}")
        .parse()
        .unwrap_or_else(|_| Literal::string(text).into_token_stream())
}
