//! Shared machinery for generated example tests: a mock server answering
//! with a documented response, and a check of the request it received.
//!
//! Enabled by the `testing` feature. The assertions here panic on purpose:
//! they are meant to fail tests.

mod check;

use reqwest::header::{HeaderName, HeaderValue};
use reqwest::StatusCode;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::auth::StaticToken;
use crate::client::Client;

/// The token the [`ExampleServer`] client sends.
const EXAMPLE_TOKEN: &str = "example-token";

/// The response a documentation example shows.
#[derive(Debug, Clone, Copy)]
pub struct DocumentedResponse {
    /// HTTP status code.
    pub status: u16,
    /// Response headers, sent in order. `Content-Length` and
    /// `Transfer-Encoding` are skipped: the server frames the body itself.
    pub headers: &'static [(&'static str, &'static str)],
    /// Response body, sent as is.
    pub body: &'static str,
}

/// The request a documentation example shows, as the server should see it.
#[derive(Debug, Clone, Copy)]
pub struct ExpectedRequest {
    /// HTTP method, e.g. `"GET"`.
    pub method: &'static str,
    /// Decoded path segments, the API version first:
    /// `&["beta", "users", "u-1", "contacts"]`.
    pub path: &'static [&'static str],
    /// Decoded query pairs, compared as a multiset.
    pub query: &'static [(&'static str, &'static str)],
    /// Documented request headers that must be present. An `Authorization`
    /// entry is not compared: the header must always be
    /// `Bearer example-token`.
    pub headers: &'static [(&'static str, &'static str)],
    /// Documented JSON body, compared as JSON; `None` means an empty body.
    pub json_body: Option<&'static str>,
}

/// A mock server answering every request with one documented response,
/// and a [`Client`] pointed at it.
#[derive(Debug)]
pub struct ExampleServer {
    server: MockServer,
    client: Client,
}

impl ExampleServer {
    /// Starts a server answering every request with `response`, and a client
    /// whose base URL is the server's (plain `http`), whose token is
    /// `example-token` and which never retries.
    ///
    /// Panics if the documented status or a header is not valid HTTP.
    pub async fn start(response: DocumentedResponse) -> ExampleServer {
        let server = MockServer::start().await;
        Mock::given(any())
            .respond_with(template(&response))
            .mount(&server)
            .await;
        // A documented exchange is one request: a documented 429 or 503 is
        // served as the answer, not retried.
        let client = Client::builder(StaticToken::new(EXAMPLE_TOKEN))
            .base_url(server.uri())
            .allow_http(true)
            .max_retries(0)
            .build()
            .unwrap_or_else(|error| panic!("the mock server URI is unusable: {error}"));
        ExampleServer { server, client }
    }

    /// The client that sends requests to this server.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// Panics with a description of every difference unless exactly one
    /// request arrived and it matches `expected`.
    ///
    /// Compared: the method; the percent-decoded path segments; the
    /// percent-decoded query pairs as a multiset (`+` is not a space); each
    /// expected header (name case-insensitive; `Content-Type` by media type
    /// only); `Authorization: Bearer example-token`; and the body, as JSON
    /// when `json_body` is set (numbers compare by value) or else as empty.
    pub async fn assert_received(&self, expected: &ExpectedRequest) {
        let Some(received) = self.server.received_requests().await else {
            panic!("the mock server is not recording requests");
        };
        let [request] = received.as_slice() else {
            let list: Vec<String> = received
                .iter()
                .map(|request| format!("  {} {}", request.method, request.url))
                .collect();
            panic!(
                "expected exactly one request, the server received {}:\n{}",
                received.len(),
                list.join("\n")
            );
        };
        let problems = check::request(request, expected, EXAMPLE_TOKEN);
        if !problems.is_empty() {
            panic!(
                "the request {} {} does not match the documented example:\n  - {}",
                request.method,
                request.url,
                problems.join("\n  - ")
            );
        }
    }
}

/// Assert that a decoded model encodes back to the documented JSON body: the same keys and
/// values, in any order, numbers compared by value (`1` and `1.0` are equal).
pub fn assert_encodes_to<T: serde::Serialize>(model: &T, documented: &str) {
    let documented: serde_json::Value = match serde_json::from_str(documented) {
        Ok(value) => value,
        Err(e) => panic!("the documented body is not JSON: {e}"),
    };
    let encoded = match serde_json::to_value(model) {
        Ok(value) => value,
        Err(e) => panic!("the model does not encode: {e}"),
    };
    if let Some(difference) = check::json_difference(&documented, &encoded, "$") {
        panic!("decoding then encoding the documented body changed it: {difference}");
    }
}

/// The wiremock response for a documented response.
fn template(response: &DocumentedResponse) -> ResponseTemplate {
    let status = StatusCode::from_u16(response.status)
        .unwrap_or_else(|_| panic!("documented status {} is not valid", response.status));
    let mut template = ResponseTemplate::new(status);
    for &(name, value) in response.headers {
        let name = HeaderName::from_bytes(name.as_bytes())
            .unwrap_or_else(|_| panic!("documented response header name {name:?} is not valid"));
        if name == reqwest::header::CONTENT_LENGTH || name == reqwest::header::TRANSFER_ENCODING {
            continue;
        }
        let value = HeaderValue::from_str(value).unwrap_or_else(|_| {
            panic!("documented response header {name}: {value:?} is not a valid value")
        });
        template = template.append_header(name, value);
    }
    template.set_body_bytes(response.body.as_bytes())
}
