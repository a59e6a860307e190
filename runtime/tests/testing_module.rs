//! The `testing` module: the example server serves the documented response
//! and `assert_received` accepts exactly the documented request.
#![cfg(feature = "testing")]

use docgen_runtime::testing::{DocumentedResponse, ExampleServer, ExpectedRequest};
use docgen_runtime::{Json, Method, NoContent, Node};
use serde_json::json;

const CREATED: DocumentedResponse = DocumentedResponse {
    status: 201,
    headers: &[
        ("Content-Type", "application/json"),
        ("Location", "https://graph.microsoft.com/beta/contacts/c-1"),
    ],
    body: r#"{"id": "c-1", "givenName": "Pavel"}"#,
};

const CREATE_CONTACT: ExpectedRequest = ExpectedRequest {
    method: "POST",
    path: &["beta", "users", "u/1 é", "contacts"],
    query: &[("$select", "id,givenName"), ("tag", "a+b&c")],
    headers: &[
        ("Authorization", "Bearer {token}"),
        ("content-type", "Application/JSON"),
        ("Prefer", "return=representation"),
    ],
    json_body: Some(r#"{"givenName": "Pavel", "emails": [{"address": "p@example.com"}]}"#),
};

/// Sends a contact creation for `user` named `given_name`, optionally with
/// an extra query parameter; `CREATE_CONTACT` documents `u/1 é`, `Pavel`.
async fn send_contact(server: &ExampleServer, user: &str, extra_query: bool, given_name: &str) {
    let mut request = Node::root(server.client(), "beta")
        .literal("users")
        .value(user)
        .literal("contacts")
        .request::<Json<serde_json::Value>>(Method::POST)
        .query("tag", "a+b&c")
        .query("$select", "id,givenName")
        .header("Prefer", "return=representation")
        .json(&json!({"emails": [{"address": "p@example.com"}], "givenName": given_name}));
    if extra_query {
        request = request.query("$top", "1");
    }
    request.send().await.unwrap();
}

#[tokio::test]
async fn serves_the_documented_response() {
    let server = ExampleServer::start(CREATED).await;
    let response = Node::root(server.client(), "beta")
        .literal("me")
        .literal("contacts")
        .request::<Json<serde_json::Value>>(Method::POST)
        .send_full()
        .await
        .unwrap();
    assert_eq!(response.status, 201);
    assert_eq!(response.headers["content-type"], "application/json");
    assert_eq!(
        response.headers["location"],
        "https://graph.microsoft.com/beta/contacts/c-1"
    );
    assert_eq!(response.body, json!({"id": "c-1", "givenName": "Pavel"}));
}

#[tokio::test]
async fn matching_request_passes() {
    let server = ExampleServer::start(CREATED).await;
    send_contact(&server, "u/1 é", false, "Pavel").await;
    server.assert_received(&CREATE_CONTACT).await;
}

#[tokio::test]
async fn request_without_body_passes() {
    let server = ExampleServer::start(DocumentedResponse {
        status: 204,
        headers: &[],
        body: "",
    })
    .await;
    Node::root(server.client(), "v1.0")
        .literal("me")
        .literal("contacts")
        .value("c-1")
        .request::<NoContent>(Method::DELETE)
        .send()
        .await
        .unwrap();
    server
        .assert_received(&ExpectedRequest {
            method: "DELETE",
            path: &["v1.0", "me", "contacts", "c-1"],
            query: &[],
            headers: &[],
            json_body: None,
        })
        .await;
}

#[tokio::test]
#[should_panic(expected = "path segments: expected [\"beta\", \"users\", \"u/1 é\", \"contacts\"]")]
async fn wrong_segment_panics() {
    let server = ExampleServer::start(CREATED).await;
    send_contact(&server, "u-2", false, "Pavel").await;
    server.assert_received(&CREATE_CONTACT).await;
}

#[tokio::test]
#[should_panic(expected = "query: missing [], unexpected [(\"$top\", \"1\")]")]
async fn extra_query_parameter_panics() {
    let server = ExampleServer::start(CREATED).await;
    send_contact(&server, "u/1 é", true, "Pavel").await;
    server.assert_received(&CREATE_CONTACT).await;
}

#[tokio::test]
#[should_panic(expected = "body: $.givenName: expected \"Pavel\", received \"Pablo\"")]
async fn wrong_json_body_panics() {
    let server = ExampleServer::start(CREATED).await;
    send_contact(&server, "u/1 é", false, "Pablo").await;
    server.assert_received(&CREATE_CONTACT).await;
}

#[tokio::test]
#[should_panic(expected = "header ConsistencyLevel: expected \"eventual\", it is missing")]
async fn missing_header_panics() {
    let server = ExampleServer::start(CREATED).await;
    send_contact(&server, "u/1 é", false, "Pavel").await;
    server
        .assert_received(&ExpectedRequest {
            headers: &[("ConsistencyLevel", "eventual")],
            ..CREATE_CONTACT
        })
        .await;
}

#[tokio::test]
#[should_panic(expected = "method: expected PATCH, received POST")]
async fn wrong_method_panics() {
    let server = ExampleServer::start(CREATED).await;
    send_contact(&server, "u/1 é", false, "Pavel").await;
    server
        .assert_received(&ExpectedRequest {
            method: "PATCH",
            ..CREATE_CONTACT
        })
        .await;
}

#[tokio::test]
#[should_panic(expected = "body: expected none")]
async fn unexpected_body_panics() {
    let server = ExampleServer::start(CREATED).await;
    send_contact(&server, "u/1 é", false, "Pavel").await;
    server
        .assert_received(&ExpectedRequest {
            json_body: None,
            ..CREATE_CONTACT
        })
        .await;
}

#[tokio::test]
#[should_panic(expected = "expected exactly one request, the server received 0")]
async fn no_request_panics() {
    let server = ExampleServer::start(CREATED).await;
    server.assert_received(&CREATE_CONTACT).await;
}

#[tokio::test]
#[should_panic(expected = "expected exactly one request, the server received 2")]
async fn two_requests_panic() {
    let server = ExampleServer::start(CREATED).await;
    send_contact(&server, "u/1 é", false, "Pavel").await;
    send_contact(&server, "u/1 é", false, "Pavel").await;
    server.assert_received(&CREATE_CONTACT).await;
}

#[derive(serde::Serialize)]
struct Encoded {
    a: f64,
    b: Vec<&'static str>,
}

#[test]
fn a_model_that_encodes_to_the_documented_body_passes() {
    let model = Encoded {
        a: 1.0,
        b: vec!["x"],
    };
    docgen_runtime::testing::assert_encodes_to(&model, r#"{"b": ["x"], "a": 1}"#);
}

#[test]
#[should_panic(expected = "$.b[0]")]
fn a_model_that_changed_the_body_fails() {
    let model = Encoded {
        a: 1.0,
        b: vec!["y"],
    };
    docgen_runtime::testing::assert_encodes_to(&model, r#"{"b": ["x"], "a": 1}"#);
}
