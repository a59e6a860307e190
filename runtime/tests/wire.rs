//! Requests sent to a mock server: what goes over the wire and how
//! responses and failures come back.

use std::collections::BTreeMap;

use async_trait::async_trait;
use docgen_runtime::{Client, Error, Json, Method, NoContent, Node, StaticToken, TokenProvider};
use serde::Deserialize;
use serde_json::json;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// The token every test client sends.
const TOKEN: &str = "secret-token-123";

/// A backoff short enough for tests whose requests get retried.
const FAST_RETRY: std::time::Duration = std::time::Duration::from_millis(10);

/// A mock server answering every request with `response`, and a client for it.
async fn serve(response: ResponseTemplate) -> (MockServer, Client) {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(response)
        .mount(&server)
        .await;
    let client = Client::builder(StaticToken::new(TOKEN))
        .base_url(server.uri())
        .allow_http(true)
        .retry_base_delay(FAST_RETRY)
        .build()
        .unwrap();
    (server, client)
}

/// The requests the server received so far.
async fn received(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.unwrap()
}

/// The only request the server received.
async fn only_request(server: &MockServer) -> Request {
    let mut requests = received(server).await;
    assert_eq!(requests.len(), 1, "requests: {requests:?}");
    requests.remove(0)
}

/// The percent-decoded segments of a request path.
fn decoded_segments(request: &Request) -> Vec<String> {
    request
        .url
        .path()
        .trim_start_matches('/')
        .split('/')
        .map(|segment| {
            percent_encoding::percent_decode_str(segment)
                .decode_utf8()
                .unwrap()
                .into_owned()
        })
        .collect()
}

fn ok_json(body: serde_json::Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(body)
}

#[tokio::test]
async fn values_stay_one_segment_on_the_wire() {
    let (server, client) = serve(ResponseTemplate::new(204)).await;
    let value = "a/b?c#d%e f...é[x]\\y";
    Node::root(&client, "beta")
        .literal("users")
        .value(value)
        .literal("contacts")
        .request::<NoContent>(Method::GET)
        .send()
        .await
        .unwrap();
    let request = only_request(&server).await;
    assert_eq!(request.method, Method::GET);
    assert_eq!(
        decoded_segments(&request),
        ["beta", "users", value, "contacts"]
    );
    assert_eq!(request.url.query(), None);
}

#[tokio::test]
async fn dot_segments_and_empty_values_are_never_sent() {
    let (server, client) = serve(ResponseTemplate::new(204)).await;
    for value in ["", ".", ".."] {
        let result = Node::root(&client, "v1.0")
            .literal("users")
            .value(value)
            .literal("contacts")
            .request::<NoContent>(Method::DELETE)
            .send()
            .await;
        assert!(
            matches!(result, Err(Error::InvalidRequest(_))),
            "value {value:?} gave {result:?}"
        );
    }
    assert!(received(&server).await.is_empty());
}

#[tokio::test]
async fn query_pairs_arrive_in_order_and_intact() {
    let (server, client) = serve(ResponseTemplate::new(204)).await;
    let filter = "name eq 'a&b=c+d' #x% é";
    Node::root(&client, "v1.0")
        .literal("users")
        .request::<NoContent>(Method::GET)
        .query("$filter", filter)
        .query("$select", "id,displayName")
        .query("$top", "5")
        .send()
        .await
        .unwrap();
    let request = only_request(&server).await;
    let raw = request.url.query().unwrap();
    assert!(raw.starts_with("$filter=name%20eq%20"), "raw query {raw:?}");
    assert!(
        raw.ends_with("&$select=id,displayName&$top=5"),
        "raw query {raw:?}"
    );
    let pairs: Vec<(String, String)> = raw
        .split('&')
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap();
            let decode = |text| {
                percent_encoding::percent_decode_str(text)
                    .decode_utf8()
                    .unwrap()
                    .into_owned()
            };
            (decode(name), decode(value))
        })
        .collect();
    assert_eq!(
        pairs,
        [
            ("$filter".to_owned(), filter.to_owned()),
            ("$select".to_owned(), "id,displayName".to_owned()),
            ("$top".to_owned(), "5".to_owned()),
        ]
    );
}

#[tokio::test]
async fn header_injection_is_rejected_before_sending() {
    let (server, client) = serve(ResponseTemplate::new(204)).await;
    let node = Node::root(&client, "v1.0").literal("me");
    let attempts = [
        ("Prefer", "a\r\nX-Injected: 1"),
        ("Prefer", "a\nb"),
        ("Prefer", "a\rb"),
        ("Prefer", "a\0b"),
        ("X-Injected: 1\r\nPrefer", "a"),
        ("Bad Name", "a"),
    ];
    for (name, value) in attempts {
        let result = node
            .request::<NoContent>(Method::GET)
            .header(name, value)
            .send()
            .await;
        assert!(
            matches!(result, Err(Error::InvalidRequest(_))),
            "header {name:?}: {value:?} gave {result:?}"
        );
    }
    assert!(received(&server).await.is_empty());
}

#[tokio::test]
async fn headers_body_and_token_are_sent() {
    let (server, client) =
        serve(ResponseTemplate::new(201).set_body_json(json!({"id": "c-1"}))).await;
    let created: serde_json::Value = Node::root(&client, "v1.0")
        .literal("me")
        .literal("contacts")
        .request::<Json<serde_json::Value>>(Method::POST)
        .header("Prefer", "return=minimal")
        .header("Authorization", "Bearer someone-else")
        .json(&json!({"givenName": "Pavel"}))
        .send()
        .await
        .unwrap();
    assert_eq!(created, json!({"id": "c-1"}));
    let request = only_request(&server).await;
    assert_eq!(request.method, Method::POST);
    assert_eq!(request.url.path(), "/v1.0/me/contacts");
    assert_eq!(request.headers["prefer"], "return=minimal");
    assert_eq!(request.headers["content-type"], "application/json");
    let authorization: Vec<_> = request.headers.get_all("authorization").iter().collect();
    assert_eq!(authorization, [format!("Bearer {TOKEN}").as_str()]);
    assert_eq!(
        request.body_json::<serde_json::Value>().unwrap(),
        json!({"givenName": "Pavel"})
    );
}

#[tokio::test]
async fn unserializable_body_is_rejected_before_sending() {
    let (server, client) = serve(ResponseTemplate::new(204)).await;
    let body: BTreeMap<Vec<u8>, u8> = BTreeMap::from([(vec![1], 2)]);
    let result = Node::root(&client, "v1.0")
        .literal("me")
        .request::<NoContent>(Method::PATCH)
        .json(&body)
        .send()
        .await;
    assert!(
        matches!(result, Err(Error::InvalidRequest(_))),
        "gave {result:?}"
    );
    assert!(received(&server).await.is_empty());
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
struct User {
    id: String,
    display_name: String,
}

#[tokio::test]
async fn successful_json_is_decoded_with_status_and_headers() {
    let response = ok_json(json!({"id": "u-1", "displayName": "Ada", "extra": 1}))
        .insert_header("request-id", "r-42");
    let (_server, client) = serve(response).await;
    let response = Node::root(&client, "v1.0")
        .literal("users")
        .value("u-1")
        .request::<Json<User>>(Method::GET)
        .send_full()
        .await
        .unwrap();
    assert_eq!(response.status, 200);
    assert_eq!(response.headers["request-id"], "r-42");
    assert_eq!(
        response.body,
        User {
            id: "u-1".into(),
            display_name: "Ada".into()
        }
    );
}

#[tokio::test]
async fn undecodable_body_gives_decode_error_with_excerpt() {
    let body = format!("{{\"id\": 5, \"pad\": \"{}\"}}", "x".repeat(500));
    let (_server, client) = serve(ResponseTemplate::new(200).set_body_string(body.clone())).await;
    let error = Node::root(&client, "v1.0")
        .literal("users")
        .value("u-1")
        .request::<Json<User>>(Method::GET)
        .send()
        .await
        .unwrap_err();
    let Error::Decode {
        method,
        url,
        excerpt,
        ..
    } = &error
    else {
        panic!("expected Error::Decode, got {error:?}");
    };
    assert_eq!(method, "GET");
    assert!(url.ends_with("/v1.0/users/u-1"), "url {url}");
    assert!(
        error.to_string().contains("response to GET http"),
        "{error}"
    );
    assert_eq!(excerpt.as_str(), &body[..200]);
    assert_eq!(error.status(), None);
}

#[tokio::test]
async fn no_content_ignores_any_body() {
    for response in [
        ResponseTemplate::new(204),
        ResponseTemplate::new(200).set_body_string("not json {"),
        ResponseTemplate::new(202).set_body_json(json!({"ignored": true})),
    ] {
        let (_server, client) = serve(response).await;
        let response = Node::root(&client, "v1.0")
            .literal("me")
            .request::<NoContent>(Method::DELETE)
            .send_full()
            .await
            .unwrap();
        assert!((200..300).contains(&response.status));
    }
}

#[tokio::test]
async fn odata_error_body_gives_api_error() {
    let body = json!({"error": {
        "code": "ErrorItemNotFound",
        "message": "The specified object was not found in the store.",
        "innerError": {"request-id": "r-1"}
    }});
    let (_server, client) = serve(ResponseTemplate::new(404).set_body_json(body)).await;
    let error = Node::root(&client, "v1.0")
        .literal("me")
        .literal("contacts")
        .value("missing")
        .request::<Json<serde_json::Value>>(Method::GET)
        .send()
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(404));
    let Error::Api { odata, body, .. } = &error else {
        panic!("expected Error::Api, got {error:?}");
    };
    let odata = odata.as_ref().unwrap();
    assert_eq!(odata.code, "ErrorItemNotFound");
    assert_eq!(
        odata.message,
        "The specified object was not found in the store."
    );
    assert!(body.contains("innerError"));
    let message = error.to_string();
    assert!(message.contains("404") && message.contains("ErrorItemNotFound"));
    assert!(!message.contains(TOKEN));
}

#[tokio::test]
async fn non_json_error_body_is_kept_raw() {
    let (_server, client) =
        serve(ResponseTemplate::new(503).set_body_string("<html>Service Unavailable</html>")).await;
    let error = Node::root(&client, "v1.0")
        .literal("me")
        .request::<NoContent>(Method::GET)
        .send()
        .await
        .unwrap_err();
    let Error::Api {
        status,
        odata,
        body,
        ..
    } = &error
    else {
        panic!("expected Error::Api, got {error:?}");
    };
    assert_eq!(*status, 503);
    assert_eq!(odata, &None);
    assert_eq!(body, "<html>Service Unavailable</html>");
}

#[tokio::test]
async fn base_url_path_prefix_is_kept() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    for prefix in ["/graph/proxy", "/graph/proxy/"] {
        let client = Client::builder(StaticToken::new(TOKEN))
            .base_url(format!("{}{prefix}", server.uri()))
            .allow_http(true)
            .http_client(reqwest::Client::new())
            .build()
            .unwrap();
        Node::root(&client, "beta")
            .literal("me")
            .request::<NoContent>(Method::GET)
            .send()
            .await
            .unwrap();
    }
    let paths: Vec<String> = received(&server)
        .await
        .iter()
        .map(|request| request.url.path().to_owned())
        .collect();
    assert_eq!(paths, ["/graph/proxy/beta/me", "/graph/proxy/beta/me"]);
}

/// A provider that always fails, or returns a malformed token.
struct BrokenProvider {
    token: Option<&'static str>,
}

#[async_trait]
impl TokenProvider for BrokenProvider {
    async fn token(&self) -> Result<String, Error> {
        match self.token {
            Some(token) => Ok(token.to_owned()),
            None => Err(Error::Auth("refresh token expired".into())),
        }
    }
}

#[tokio::test]
async fn token_provider_failure_gives_auth_error() {
    let server = MockServer::start().await;
    let cases = [
        (None, "refresh token expired"),
        (Some("secret\r\nX-Injected: 1"), "not a valid header value"),
        (Some(""), "empty token"),
    ];
    for (token, expected) in cases {
        let client = Client::builder(BrokenProvider { token })
            .base_url(server.uri())
            .allow_http(true)
            .build()
            .unwrap();
        let error = Node::root(&client, "v1.0")
            .literal("me")
            .request::<NoContent>(Method::GET)
            .send()
            .await
            .unwrap_err();
        let Error::Auth(message) = &error else {
            panic!("expected Error::Auth, got {error:?}");
        };
        assert!(message.contains(expected), "message {message:?}");
        assert!(!error.to_string().contains("secret"), "{error}");
    }
    assert!(received(&server).await.is_empty());
}

#[tokio::test]
async fn transport_failure_names_the_request_but_not_the_token() {
    // Bind a port, then free it, so nothing listens there.
    let address = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let client = Client::builder(StaticToken::new(TOKEN))
        .base_url(format!("http://{address}"))
        .allow_http(true)
        .retry_base_delay(FAST_RETRY)
        .build()
        .unwrap();
    let error = Node::root(&client, "v1.0")
        .literal("me")
        .request::<NoContent>(Method::GET)
        .send()
        .await
        .unwrap_err();
    let Error::Transport { method, url, .. } = &error else {
        panic!("expected Error::Transport, got {error:?}");
    };
    assert_eq!(method, "GET");
    assert_eq!(url, &format!("http://{address}/v1.0/me"));
    assert!(std::error::Error::source(&error).is_some());
    for text in [
        error.to_string(),
        format!("{error:?}"),
        format!("{client:?}"),
    ] {
        assert!(!text.contains(TOKEN), "{text}");
    }
}

#[test]
fn send_futures_are_send() {
    fn assert_send<T: Send>(_: &T) {}
    let client = Client::new(StaticToken::new(TOKEN));
    let future = Node::root(&client, "v1.0")
        .literal("me")
        .request::<Json<serde_json::Value>>(Method::GET)
        .send();
    assert_send(&future);
}

#[tokio::test]
async fn send_raw_reads_any_operation_untyped() {
    use docgen_runtime::{Client, Json, Method, Node, StaticToken};
    use wiremock::matchers::any;
    use wiremock::{Mock, MockServer, ResponseTemplate};

    #[derive(Debug, serde::Deserialize)]
    struct Strict {
        #[allow(dead_code)]
        count: i32,
    }

    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"count": "three"}"#))
        .mount(&server)
        .await;
    let client = Client::builder(StaticToken::new("t"))
        .base_url(server.uri())
        .allow_http(true)
        .retry_base_delay(FAST_RETRY)
        .build()
        .expect("client");
    let node = Node::root(&client, "v1.0").literal("things");
    let typed = node.request::<Json<Strict>>(Method::GET).send_full().await;
    assert!(
        matches!(typed, Err(docgen_runtime::Error::Decode { .. })),
        "{typed:?}"
    );
    let raw = node
        .request::<Json<Strict>>(Method::GET)
        .send_raw()
        .await
        .expect("untyped read");
    assert_eq!(raw.body, serde_json::json!({"count": "three"}));
}

#[tokio::test]
async fn odata_options_are_encoded_and_search_asks_for_eventual_consistency_where_needed() {
    use docgen_runtime::{Client, Json, Method, Node, StaticToken};
    use wiremock::matchers::any;
    use wiremock::{Mock, MockServer, ResponseTemplate};

    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_string("{}"))
        .mount(&server)
        .await;
    let client = Client::builder(StaticToken::new("t"))
        .base_url(server.uri())
        .allow_http(true)
        .build()
        .expect("client");
    Node::root(&client, "v1.0")
        .literal("users")
        .request::<Json<serde_json::Value>>(Method::GET)
        .advanced_queries()
        .select(&["id", "displayName"])
        .filter("startswith(displayName,'A&B')")
        .order_by(&["displayName desc"])
        .top(5)
        .skip(10)
        .expand(&["manager"])
        .search("\"displayName:Ada\"")
        .count(true)
        .send()
        .await
        .expect("sent");
    let requests = server.received_requests().await.expect("recorded");
    let request = &requests[0];
    let pairs: Vec<(String, String)> = request
        .url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let expected = [
        ("$select", "id,displayName"),
        ("$filter", "startswith(displayName,'A&B')"),
        ("$orderby", "displayName desc"),
        ("$top", "5"),
        ("$skip", "10"),
        ("$expand", "manager"),
        ("$search", "\"displayName:Ada\""),
        ("$count", "true"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    assert_eq!(pairs, expected);
    let consistency: Vec<_> = request.headers.get_all("consistencylevel").iter().collect();
    assert_eq!(
        consistency.len(),
        1,
        "one header even with both $search and $count"
    );
    assert_eq!(consistency[0], "eventual");

    // Where the docs do not ask for it (messages, say), `$search` goes without the header.
    Node::root(&client, "v1.0")
        .literal("me")
        .literal("messages")
        .request::<Json<serde_json::Value>>(Method::GET)
        .search("\"pizza\"")
        .count(true)
        .send()
        .await
        .expect("sent");
    let requests = server.received_requests().await.expect("recorded");
    assert_eq!(requests.len(), 2);
    assert!(requests[1].headers.get("consistencylevel").is_none());
}
