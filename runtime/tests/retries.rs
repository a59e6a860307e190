//! Retries, timeouts, the https rule and the error body cap, against real
//! local servers. Every test is bounded in time.

use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use docgen_runtime::{Client, ClientBuilder, Error, Json, Method, NoContent, Node, StaticToken};
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// The longest any test here may take.
const TEST_LIMIT: Duration = Duration::from_secs(15);

/// Runs `test`, failing if it takes longer than [`TEST_LIMIT`].
async fn bounded<T>(test: impl Future<Output = T>) -> T {
    tokio::time::timeout(TEST_LIMIT, test)
        .await
        .expect("the test took too long")
}

/// A builder for a client of `base` (plain http allowed) with a short backoff.
fn builder(base: &str) -> ClientBuilder {
    Client::builder(StaticToken::new("t"))
        .base_url(base)
        .allow_http(true)
        .retry_base_delay(Duration::from_millis(20))
}

/// A server answering every request with `response`.
async fn serve(response: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(response)
        .mount(&server)
        .await;
    server
}

/// A server answering the first `first_count` requests with `first`, and
/// all later ones with `then`.
async fn server(first: ResponseTemplate, first_count: u64, then: ResponseTemplate) -> MockServer {
    let server = serve(then).await;
    Mock::given(any())
        .respond_with(first)
        .up_to_n_times(first_count)
        .with_priority(1)
        .mount(&server)
        .await;
    server
}

/// A GET of `/v1.0/me`, decoded as JSON.
async fn get_me(client: &Client) -> Result<serde_json::Value, Error> {
    Node::root(client, "v1.0")
        .literal("me")
        .request::<Json<serde_json::Value>>(Method::GET)
        .send()
        .await
}

/// The `retry-attempt` header of each request received, in order.
async fn retry_attempts(server: &MockServer) -> Vec<Option<String>> {
    let requests: Vec<Request> = server.received_requests().await.unwrap();
    requests
        .iter()
        .map(|request| {
            request
                .headers
                .get("retry-attempt")
                .map(|value| value.to_str().unwrap().to_owned())
        })
        .collect()
}

fn attempts(list: &[Option<&str>]) -> Vec<Option<String>> {
    list.iter().map(|entry| entry.map(str::to_owned)).collect()
}

fn ok() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({"id": "me"}))
}

#[tokio::test]
async fn throttled_request_waits_the_retry_after_seconds() {
    bounded(async {
        let throttled = ResponseTemplate::new(429).insert_header("Retry-After", "1");
        let server = server(throttled, 1, ok()).await;
        let client = builder(&server.uri()).build().unwrap();
        let started = Instant::now();
        assert_eq!(get_me(&client).await.unwrap(), json!({"id": "me"}));
        let elapsed = started.elapsed();
        assert!(elapsed >= Duration::from_millis(950), "{elapsed:?}");
        assert_eq!(retry_attempts(&server).await, attempts(&[None, Some("1")]));
    })
    .await;
}

#[tokio::test]
async fn retry_after_may_be_an_http_date() {
    bounded(async {
        // HTTP dates have whole seconds: two seconds ahead, cut to the
        // second, is between one and two seconds away.
        let date = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(2));
        let throttled = ResponseTemplate::new(503).insert_header("Retry-After", date.as_str());
        let server = server(throttled, 1, ok()).await;
        let client = builder(&server.uri()).build().unwrap();
        let started = Instant::now();
        get_me(&client).await.unwrap();
        let elapsed = started.elapsed();
        assert!(
            elapsed >= Duration::from_millis(900) && elapsed < Duration::from_secs(4),
            "{elapsed:?}"
        );
        assert_eq!(retry_attempts(&server).await, attempts(&[None, Some("1")]));
    })
    .await;
}

#[tokio::test]
async fn unavailable_storm_stops_within_the_budget() {
    bounded(async {
        let unavailable = ResponseTemplate::new(503).insert_header("Retry-After", "1");
        let server = serve(unavailable).await;
        let budget = Duration::from_millis(2500);
        let client = builder(&server.uri())
            .max_retries(10)
            .retry_budget(budget)
            .build()
            .unwrap();
        let started = Instant::now();
        let error = get_me(&client).await.unwrap_err();
        let elapsed = started.elapsed();
        assert_eq!(error.status(), Some(503), "{error:?}");
        assert!(elapsed < budget, "{elapsed:?}");
        // Waits of 1 s end at about 1 s and 2 s; a third would end at 3 s.
        assert_eq!(
            retry_attempts(&server).await,
            attempts(&[None, Some("1"), Some("2")])
        );
    })
    .await;
}

#[tokio::test]
async fn backoff_storm_stops_within_the_budget() {
    bounded(async {
        let unavailable = ResponseTemplate::new(503);
        let server = serve(unavailable).await;
        let budget = Duration::from_secs(1);
        let client = builder(&server.uri())
            .max_retries(100)
            .retry_budget(budget)
            .retry_base_delay(Duration::from_millis(50))
            .build()
            .unwrap();
        let started = Instant::now();
        let error = get_me(&client).await.unwrap_err();
        let elapsed = started.elapsed();
        assert_eq!(error.status(), Some(503), "{error:?}");
        assert!(elapsed < budget + Duration::from_millis(200), "{elapsed:?}");
        // Waits of 25-50, 50-100, 100-200, 200-400 and 400-800 ms: the
        // budget allows four or five of them.
        let count = retry_attempts(&server).await.len();
        assert!((5..=6).contains(&count), "{count} requests");
    })
    .await;
}

#[tokio::test]
async fn gateway_timeouts_are_retried_with_growing_backoff() {
    bounded(async {
        let server = server(ResponseTemplate::new(504), 2, ok()).await;
        let client = builder(&server.uri())
            .retry_base_delay(Duration::from_millis(100))
            .build()
            .unwrap();
        let started = Instant::now();
        get_me(&client).await.unwrap();
        let elapsed = started.elapsed();
        // At least half of 100 ms, then half of 200 ms.
        assert!(elapsed >= Duration::from_millis(150), "{elapsed:?}");
        assert_eq!(
            retry_attempts(&server).await,
            attempts(&[None, Some("1"), Some("2")])
        );
    })
    .await;
}

#[tokio::test]
async fn a_throttled_post_is_sent_again_with_its_body() {
    bounded(async {
        let throttled = ResponseTemplate::new(429).insert_header("Retry-After", "0");
        let created = ResponseTemplate::new(201).set_body_json(json!({"id": "c-1"}));
        let server = server(throttled, 1, created).await;
        let client = builder(&server.uri()).build().unwrap();
        let body = json!({"givenName": "Pavel"});
        let created: serde_json::Value = Node::root(&client, "v1.0")
            .literal("me")
            .literal("contacts")
            .request::<Json<serde_json::Value>>(Method::POST)
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(created, json!({"id": "c-1"}));
        let requests = server.received_requests().await.unwrap();
        assert_eq!(requests.len(), 2);
        for request in &requests {
            assert_eq!(request.method, Method::POST);
            assert_eq!(request.body_json::<serde_json::Value>().unwrap(), body);
            assert_eq!(request.headers["authorization"], "Bearer t");
        }
    })
    .await;
}

#[tokio::test]
async fn max_retries_zero_sends_once() {
    bounded(async {
        let server = serve(ResponseTemplate::new(429)).await;
        let client = builder(&server.uri()).max_retries(0).build().unwrap();
        assert_eq!(get_me(&client).await.unwrap_err().status(), Some(429));
        assert_eq!(retry_attempts(&server).await, attempts(&[None]));
    })
    .await;
}

/// How a [`DroppingServer`] breaks a connection.
#[derive(Clone, Copy)]
enum Break {
    /// Closes the connection without answering.
    BeforeResponse,
    /// Sends the head and part of the body, then closes.
    MidResponse,
}

/// A raw HTTP server that breaks its first `drops` connections, then
/// answers `200 {}`; it records the head of every request.
struct DroppingServer {
    address: String,
    heads: Arc<Mutex<Vec<String>>>,
}

impl DroppingServer {
    async fn start(drops: usize, how: Break) -> DroppingServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = format!("http://{}", listener.local_addr().unwrap());
        let heads = Arc::new(Mutex::new(Vec::new()));
        let seen = Arc::clone(&heads);
        tokio::spawn(async move {
            loop {
                let Ok((mut stream, _)) = listener.accept().await else {
                    return;
                };
                let head = read_request(&mut stream).await;
                let index = {
                    let mut seen = seen.lock().unwrap();
                    seen.push(head);
                    seen.len() - 1
                };
                let answer: &[u8] = match how {
                    _ if index >= drops => {
                        b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"
                    }
                    Break::BeforeResponse => b"",
                    Break::MidResponse => b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"id\":",
                };
                let _ = stream.write_all(answer).await;
                let _ = stream.shutdown().await;
            }
        });
        DroppingServer { address, heads }
    }

    fn heads(&self) -> Vec<String> {
        self.heads.lock().unwrap().clone()
    }
}

/// Reads one request (head and `Content-Length` body) and returns its head.
async fn read_request(stream: &mut TcpStream) -> String {
    let mut data = Vec::new();
    let mut buffer = [0u8; 4096];
    loop {
        if let Some(end) = data.windows(4).position(|window| window == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&data[..end]).to_lowercase();
            let length: usize = head
                .lines()
                .find_map(|line| line.strip_prefix("content-length:"))
                .map_or(0, |value| value.trim().parse().unwrap());
            if data.len() >= end + 4 + length {
                return head;
            }
        }
        match stream.read(&mut buffer).await {
            Ok(0) | Err(_) => return String::from_utf8_lossy(&data).to_lowercase(),
            Ok(read) => data.extend_from_slice(&buffer[..read]),
        }
    }
}

#[tokio::test]
async fn a_get_is_retried_after_a_dropped_connection() {
    bounded(async {
        for how in [Break::BeforeResponse, Break::MidResponse] {
            let server = DroppingServer::start(1, how).await;
            let client = builder(&server.address).build().unwrap();
            assert_eq!(get_me(&client).await.unwrap(), json!({}));
            let heads = server.heads();
            assert_eq!(heads.len(), 2, "{heads:?}");
            assert!(heads[0].starts_with("get /v1.0/me "), "{heads:?}");
            assert!(!heads[0].contains("retry-attempt"), "{heads:?}");
            assert!(heads[1].contains("\r\nretry-attempt: 1"), "{heads:?}");
        }
    })
    .await;
}

#[tokio::test]
async fn a_post_is_not_retried_after_a_dropped_connection() {
    bounded(async {
        for how in [Break::BeforeResponse, Break::MidResponse] {
            let server = DroppingServer::start(1, how).await;
            let client = builder(&server.address).build().unwrap();
            let error = Node::root(&client, "v1.0")
                .literal("me")
                .literal("contacts")
                .request::<Json<serde_json::Value>>(Method::POST)
                .json(&json!({"givenName": "Pavel"}))
                .send()
                .await
                .unwrap_err();
            let Error::Transport { method, .. } = &error else {
                panic!("expected Error::Transport, got {error:?}");
            };
            assert_eq!(method, "POST");
            assert!(error.to_string().contains("failed"), "{error}");
            // Give a retry, were there one, time to arrive.
            tokio::time::sleep(Duration::from_millis(200)).await;
            assert_eq!(server.heads().len(), 1);
        }
    })
    .await;
}

#[tokio::test]
async fn a_slow_server_hits_the_request_timeout() {
    bounded(async {
        let slow = ok().set_delay(Duration::from_secs(5));
        let server = serve(slow).await;
        let client = builder(&server.uri())
            .request_timeout(Duration::from_millis(300))
            .build()
            .unwrap();
        let started = Instant::now();
        let error = get_me(&client).await.unwrap_err();
        let elapsed = started.elapsed();
        let Error::Transport { source, .. } = &error else {
            panic!("expected Error::Transport, got {error:?}");
        };
        assert!(source.is_timeout(), "{error:?}");
        assert!(error.to_string().contains("timed out"), "{error}");
        assert!(elapsed < Duration::from_secs(2), "{elapsed:?}");
        // A timeout is not retried.
        assert_eq!(server.received_requests().await.unwrap().len(), 1);
    })
    .await;
}

#[tokio::test]
async fn the_request_timeout_also_applies_to_a_given_http_client() {
    bounded(async {
        let slow = ResponseTemplate::new(204).set_delay(Duration::from_secs(5));
        let server = serve(slow).await;
        let client = builder(&server.uri())
            .http_client(reqwest::Client::new())
            .request_timeout(Duration::from_millis(300))
            .build()
            .unwrap();
        let error = Node::root(&client, "v1.0")
            .literal("me")
            .request::<NoContent>(Method::DELETE)
            .send()
            .await
            .unwrap_err();
        assert!(error.to_string().contains("timed out"), "{error}");
    })
    .await;
}

#[tokio::test]
async fn an_http_base_url_is_refused_without_allow_http() {
    bounded(async {
        let server = serve(ok()).await;
        let result = Client::builder(StaticToken::new("t"))
            .base_url(server.uri())
            .build();
        let Err(Error::InvalidRequest(message)) = &result else {
            panic!("expected Error::InvalidRequest, got {result:?}");
        };
        assert!(message.contains("allow_http"), "{message}");
        let client = builder(&server.uri()).build().unwrap();
        get_me(&client).await.unwrap();
        assert_eq!(server.received_requests().await.unwrap().len(), 1);
    })
    .await;
}

/// The [`Error::Api`] a GET answered with `response` gives.
async fn api_error(response: ResponseTemplate) -> Error {
    let server = serve(response).await;
    let client = builder(&server.uri()).build().unwrap();
    get_me(&client).await.unwrap_err()
}

#[tokio::test]
async fn an_oversized_error_body_is_capped() {
    bounded(async {
        let huge = "x".repeat(4 * 1024 * 1024);
        let error = api_error(ResponseTemplate::new(500).set_body_string(huge)).await;
        let Error::Api {
            status,
            odata,
            body,
            ..
        } = &error
        else {
            panic!("expected Error::Api, got {error:?}");
        };
        assert_eq!(*status, 500);
        assert_eq!(odata, &None);
        assert_eq!(body.len(), 64 * 1024);
    })
    .await;
}

#[tokio::test]
async fn an_odata_error_within_the_cap_is_parsed() {
    bounded(async {
        let padded = |size: usize| {
            json!({"error": {
                "code": "BadRequest",
                "message": "too big",
                "innerError": {"padding": "p".repeat(size)}
            }})
        };
        let error = api_error(ResponseTemplate::new(400).set_body_json(padded(60 * 1024))).await;
        let Error::Api { odata, body, .. } = &error else {
            panic!("expected Error::Api, got {error:?}");
        };
        assert_eq!(odata.as_ref().unwrap().code, "BadRequest");
        assert!(body.len() > 60 * 1024, "{}", body.len());

        // Beyond the cap the JSON is cut, so only the raw start is kept.
        let error = api_error(ResponseTemplate::new(400).set_body_json(padded(100 * 1024))).await;
        let Error::Api { odata, body, .. } = &error else {
            panic!("expected Error::Api, got {error:?}");
        };
        assert_eq!(odata, &None);
        assert_eq!(body.len(), 64 * 1024);
        assert!(body.starts_with("{\"error\""), "{}", &body[..40]);
    })
    .await;
}
