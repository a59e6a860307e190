//! The client-credentials token provider against a mock token endpoint:
//! what it sends, when it asks again, how failures come back, and a client
//! using its tokens.

use std::collections::HashMap;

use docgen_runtime::{Client, ClientCredentials, Error, Json, Method, Node, TokenProvider};
use serde_json::json;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const TENANT: &str = "tenant-1";
const CLIENT_ID: &str = "client-id-1";
const SECRET: &str = "super-secret-value";
const TOKEN_PATH: &str = "/tenant-1/oauth2/v2.0/token";

/// A token endpoint answering every token request with `response`.
async fn token_endpoint(response: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(response)
        .mount(&server)
        .await;
    server
}

/// A successful token response.
fn token_response(token: &str, expires_in: u64) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({
        "token_type": "Bearer",
        "expires_in": expires_in,
        "ext_expires_in": expires_in,
        "access_token": token,
    }))
}

/// A provider using the mock token endpoint.
fn provider(server: &MockServer) -> ClientCredentials {
    ClientCredentials::new(TENANT, CLIENT_ID, SECRET).authority(server.uri())
}

/// The form fields of a token request.
fn form(request: &Request) -> HashMap<String, String> {
    url::form_urlencoded::parse(&request.body)
        .into_owned()
        .collect()
}

#[tokio::test]
async fn sends_the_client_credentials_grant() {
    let server = token_endpoint(token_response("token-1", 3600)).await;
    let provider = provider(&server).scope("https://graph.microsoft.us/.default");
    assert_eq!(provider.token().await.unwrap(), "token-1");

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    let fields = form(&requests[0]);
    assert_eq!(fields["grant_type"], "client_credentials");
    assert_eq!(fields["client_id"], CLIENT_ID);
    assert_eq!(fields["client_secret"], SECRET);
    assert_eq!(fields["scope"], "https://graph.microsoft.us/.default");
}

#[tokio::test]
async fn default_scope_is_graph() {
    let server = token_endpoint(token_response("token-1", 3600)).await;
    provider(&server).token().await.unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(
        form(&requests[0])["scope"],
        "https://graph.microsoft.com/.default"
    );
}

#[tokio::test]
async fn reuses_a_token_within_its_lifetime() {
    let server = token_endpoint(token_response("token-1", 3600)).await;
    let provider = provider(&server);
    assert_eq!(provider.token().await.unwrap(), "token-1");
    assert_eq!(provider.token().await.unwrap(), "token-1");
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn concurrent_callers_share_one_request() {
    let server = token_endpoint(token_response("token-1", 3600)).await;
    let provider = provider(&server);
    let (a, b, c) = tokio::join!(provider.token(), provider.token(), provider.token());
    assert_eq!([a.unwrap(), b.unwrap(), c.unwrap()], ["token-1"; 3]);
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn refreshes_a_token_about_to_expire() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(token_response("short-lived", 1))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(token_response("token-2", 3600))
        .mount(&server)
        .await;
    let provider = provider(&server);
    assert_eq!(provider.token().await.unwrap(), "short-lived");
    assert_eq!(provider.token().await.unwrap(), "token-2");
    assert_eq!(provider.token().await.unwrap(), "token-2");
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn error_response_is_an_auth_error_without_the_secret() {
    let server = token_endpoint(ResponseTemplate::new(400).set_body_json(json!({
        "error": "invalid_client",
        "error_description": format!("AADSTS7000215: Invalid client secret provided: {SECRET}"),
        "error_codes": [7000215],
    })))
    .await;
    let error = provider(&server).token().await.unwrap_err();
    let Error::Auth(message) = &error else {
        panic!("expected Error::Auth, got {error:?}");
    };
    assert!(message.contains("invalid_client"), "{message}");
    assert!(message.contains("AADSTS7000215"), "{message}");
    assert!(!message.contains(SECRET), "{message}");
    assert!(!format!("{error:?}").contains(SECRET));
}

#[tokio::test]
async fn unreadable_response_is_an_auth_error_without_the_token() {
    let server = token_endpoint(
        ResponseTemplate::new(200)
            .set_body_json(json!({"access_token": "leaked-token", "token_type": 5})),
    )
    .await;
    let error = provider(&server).token().await.unwrap_err();
    let Error::Auth(message) = &error else {
        panic!("expected Error::Auth, got {error:?}");
    };
    assert!(!message.contains("leaked-token"), "{message}");
    assert!(!message.contains(SECRET), "{message}");
}

#[tokio::test]
async fn failed_attempt_is_retried_on_the_next_call() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(ResponseTemplate::new(500))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(token_response("token-1", 3600))
        .mount(&server)
        .await;
    let provider = provider(&server);
    assert!(matches!(provider.token().await, Err(Error::Auth(_))));
    assert_eq!(provider.token().await.unwrap(), "token-1");
}

#[tokio::test]
async fn debug_shows_neither_secret_nor_token() {
    let server = token_endpoint(token_response("cached-token-value", 3600)).await;
    let provider = provider(&server);
    provider.token().await.unwrap();
    for shown in [format!("{provider:?}"), format!("{provider:#?}")] {
        assert!(!shown.contains(SECRET), "{shown}");
        assert!(!shown.contains("cached-token-value"), "{shown}");
        assert!(shown.contains(CLIENT_ID), "{shown}");
    }
}

#[tokio::test]
async fn client_sends_the_token_from_the_endpoint() {
    let tokens = token_endpoint(token_response("graph-token-42", 3600)).await;
    let graph = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1.0/me"))
        .and(header("authorization", "Bearer graph-token-42"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "me-1"})))
        .mount(&graph)
        .await;
    let client = Client::builder(provider(&tokens))
        .base_url(graph.uri())
        .allow_http(true)
        .build()
        .unwrap();
    let me: serde_json::Value = Node::root(&client, "v1.0")
        .literal("me")
        .request::<Json<serde_json::Value>>(Method::GET)
        .send()
        .await
        .unwrap();
    assert_eq!(me["id"], "me-1");
    assert_eq!(graph.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn client_reports_token_failures_as_auth_errors() {
    let tokens = token_endpoint(ResponseTemplate::new(401).set_body_json(json!({
        "error": "unauthorized_client",
    })))
    .await;
    let client = Client::builder(provider(&tokens))
        .base_url("https://graph.example")
        .build()
        .unwrap();
    let error = Node::root(&client, "v1.0")
        .literal("me")
        .request::<Json<serde_json::Value>>(Method::GET)
        .send()
        .await
        .unwrap_err();
    assert!(matches!(&error, Error::Auth(message) if !message.contains(SECRET)));
}
