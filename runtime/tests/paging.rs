//! Paging over `@odata.nextLink` against mock servers: pages, items,
//! the page cap, links to other hosts, bad pages and error details.

use docgen_runtime::{Client, Error, Json, Method, Node, Page, Pages, StaticToken};
use futures_util::StreamExt;
use serde_json::{json, Value};
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// The token every test client sends.
const TOKEN: &str = "secret-token-123";

/// A client for `server`.
fn client_for(server: &MockServer) -> Client {
    Client::builder(StaticToken::new(TOKEN))
        .base_url(server.uri())
        .allow_http(true)
        .retry_base_delay(std::time::Duration::from_millis(10))
        .build()
        .unwrap()
}

/// `GET /v1.0/users?$top=2` with a `ConsistencyLevel` header, read page by page.
fn users(client: &Client) -> Pages<'_, Value> {
    Node::root(client, "v1.0")
        .literal("users")
        .request::<Json<Page<Value>>>(Method::GET)
        .query("$top", "2")
        .header("ConsistencyLevel", "eventual")
        .pages()
}

/// The URL of the page with `$skiptoken=token` on `server`.
fn link(server: &MockServer, token: &str) -> String {
    format!("{}/v1.0/users?$skiptoken={token}", server.uri())
}

/// Answers the page with `$skiptoken=token` (or the first page, for `None`) with `body`.
async fn serve_page(server: &MockServer, token: Option<&str>, response: ResponseTemplate) {
    let mock = Mock::given(method("GET")).and(path("/v1.0/users"));
    let mock = match token {
        Some(token) => mock.and(query_param("$skiptoken", token)),
        None => mock.and(query_param("$top", "2")),
    };
    mock.respond_with(response).mount(server).await;
}

/// A server with three pages of two users each, `u1`..`u6`, the last
/// page carrying a deltaLink.
async fn three_pages() -> MockServer {
    let server = MockServer::start().await;
    let page = |ids: [&str; 2], links: Value| {
        let mut body = links;
        body["value"] = json!([{"id": ids[0]}, {"id": ids[1]}]);
        ResponseTemplate::new(200).set_body_json(body)
    };
    let next = |token: &str| json!({"@odata.nextLink": link(&server, token)});
    let delta = json!({"@odata.deltaLink": link(&server, "delta")});
    serve_page(&server, None, page(["u1", "u2"], next("p2"))).await;
    serve_page(&server, Some("p2"), page(["u3", "u4"], next("p3"))).await;
    serve_page(&server, Some("p3"), page(["u5", "u6"], delta)).await;
    server
}

/// The ids of `items`, which must all be `Ok`.
fn ids(items: Vec<Result<Value, Error>>) -> Vec<String> {
    items
        .into_iter()
        .map(|item| item.unwrap()["id"].as_str().unwrap().to_owned())
        .collect()
}

/// The requests `server` received so far.
async fn received(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.unwrap()
}

#[tokio::test]
async fn pages_follow_next_links_to_the_delta_link() {
    let server = three_pages().await;
    let client = client_for(&server);
    let mut pages = users(&client);
    let mut seen = Vec::new();
    loop {
        assert_eq!(pages.delta_link(), None, "before the end");
        let Some(page) = pages.next_page().await else {
            break;
        };
        let page = page.unwrap();
        seen.extend(page.value.into_iter().map(Ok));
        if page.next_link.is_none() {
            break;
        }
    }
    assert_eq!(ids(seen), ["u1", "u2", "u3", "u4", "u5", "u6"]);
    assert_eq!(pages.delta_link(), Some(link(&server, "delta").as_str()));
    assert!(pages.next_page().await.is_none(), "the end stays the end");

    let requests = received(&server).await;
    // The server sees path and query; the host is checked by the test below
    // that serves a link to another host.
    let targets: Vec<String> = requests
        .iter()
        .map(|r| format!("{}?{}", r.url.path(), r.url.query().unwrap_or("")))
        .collect();
    assert_eq!(
        targets,
        [
            "/v1.0/users?$top=2",
            "/v1.0/users?$skiptoken=p2",
            "/v1.0/users?$skiptoken=p3"
        ]
    );
    for request in &requests {
        assert_eq!(request.method, wiremock::http::Method::GET);
        assert_eq!(request.headers["consistencylevel"], "eventual");
        assert_eq!(
            request.headers["authorization"],
            format!("Bearer {TOKEN}").as_str()
        );
    }
}

#[tokio::test]
async fn items_stream_every_item_of_every_page_in_order() {
    let server = three_pages().await;
    let client = client_for(&server);
    let items: Vec<_> = users(&client).items().collect().await;
    assert_eq!(ids(items), ["u1", "u2", "u3", "u4", "u5", "u6"]);
    assert_eq!(received(&server).await.len(), 3);
}

#[tokio::test]
async fn items_read_the_next_page_only_when_needed() {
    let server = three_pages().await;
    let client = client_for(&server);
    let items = users(&client).items();
    let mut items = std::pin::pin!(items);
    for _ in 0..2 {
        items.next().await.unwrap().unwrap();
    }
    assert_eq!(received(&server).await.len(), 1);
    items.next().await.unwrap().unwrap();
    assert_eq!(received(&server).await.len(), 2);
}

#[tokio::test]
async fn max_pages_stops_after_that_many_requests() {
    let server = three_pages().await;
    let client = client_for(&server);
    let mut pages = users(&client).max_pages(2);
    let mut count = 0;
    while let Some(page) = pages.next_page().await {
        page.unwrap();
        count += 1;
    }
    assert_eq!(count, 2);
    assert_eq!(pages.delta_link(), None);
    assert_eq!(received(&server).await.len(), 2);

    let items: Vec<_> = users(&client).max_pages(2).items().collect().await;
    assert_eq!(ids(items), ["u1", "u2", "u3", "u4"]);
    assert_eq!(received(&server).await.len(), 4);
}

#[tokio::test]
async fn a_next_link_to_another_host_is_refused() {
    let server = MockServer::start().await;
    let other = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"value": []})))
        .mount(&other)
        .await;
    let body = json!({"value": [{"id": "u1"}], "@odata.nextLink": link(&other, "p2")});
    serve_page(
        &server,
        None,
        ResponseTemplate::new(200).set_body_json(body),
    )
    .await;
    let client = client_for(&server);

    let mut pages = users(&client);
    assert_eq!(pages.next_page().await.unwrap().unwrap().value.len(), 1);
    let error = pages.next_page().await.unwrap().unwrap_err();
    assert!(matches!(error, Error::InvalidRequest(_)), "{error:?}");
    assert!(!error.to_string().contains(TOKEN));
    assert!(pages.next_page().await.is_none());

    let items: Vec<_> = users(&client).items().collect().await;
    assert_eq!(items.len(), 2);
    assert!(matches!(items[1], Err(Error::InvalidRequest(_))));

    assert!(
        received(&other).await.is_empty(),
        "the other host got a request"
    );
    assert_eq!(received(&server).await.len(), 2);
}

#[tokio::test]
async fn a_malformed_page_gives_a_decode_error() {
    let server = MockServer::start().await;
    let first = json!({"value": [{"id": "u1"}], "@odata.nextLink": link(&server, "p2")});
    serve_page(
        &server,
        None,
        ResponseTemplate::new(200).set_body_json(first),
    )
    .await;
    let broken = ResponseTemplate::new(200).set_body_string("{\"value\": [{\"id\": ");
    serve_page(&server, Some("p2"), broken).await;
    let client = client_for(&server);

    let items: Vec<_> = users(&client).items().collect().await;
    assert_eq!(items.len(), 2, "{items:?}");
    assert_eq!(items[0].as_ref().unwrap()["id"], "u1");
    let Err(Error::Decode { url, excerpt, .. }) = &items[1] else {
        panic!("expected Error::Decode, got {:?}", items[1]);
    };
    assert_eq!(url, &link(&server, "p2"));
    assert!(excerpt.starts_with("{\"value\""), "{excerpt}");
}

#[tokio::test]
async fn an_api_error_carries_the_inner_error_and_headers() {
    let server = MockServer::start().await;
    let body = json!({"error": {
        "code": "Request_ResourceNotFound",
        "message": "Gone",
        "innerError": {
            "request-id": "req-42",
            "client-request-id": "client-7",
            "date": "2024-05-01T10:00:00",
            "x-ms-extra": "kept"
        }
    }});
    let response = ResponseTemplate::new(404)
        .insert_header("request-id", "req-42")
        .insert_header("x-ms-ags-diagnostic", "{\"ServerInfo\":{}}")
        .set_body_json(body);
    serve_page(&server, None, response).await;
    let client = client_for(&server);

    let mut pages = users(&client);
    let error = pages.next_page().await.unwrap().unwrap_err();
    assert_eq!(error.status(), Some(404));
    let message = error.to_string();
    assert!(message.contains("request-id req-42"), "{message}");
    assert!(!message.contains(TOKEN));
    let Error::Api { headers, odata, .. } = &error else {
        panic!("expected Error::Api, got {error:?}");
    };
    assert_eq!(headers["request-id"], "req-42");
    assert!(headers.contains_key("x-ms-ags-diagnostic"));
    let inner = odata.as_ref().unwrap().inner_error.as_ref().unwrap();
    assert_eq!(inner.request_id.as_deref(), Some("req-42"));
    assert_eq!(inner.client_request_id.as_deref(), Some("client-7"));
    assert_eq!(inner.date.as_deref(), Some("2024-05-01T10:00:00"));
    assert_eq!(inner.additional["x-ms-extra"], "kept");
    assert!(pages.next_page().await.is_none(), "an error ends the pages");
}
