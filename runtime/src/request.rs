//! Building, sending and decoding one request.

use std::fmt;
use std::marker::PhantomData;

use reqwest::header::HeaderMap;
use reqwest::Method;
use serde::Serialize;

use crate::body::{Json, ResponseBody};
use crate::client::Client;
use crate::error::Error;
use crate::exchange;
use crate::headers;
use crate::path::ResourcePath;
use crate::upload::Payload;

/// A request being built; `R` says how a successful body is decoded.
///
/// Nothing is checked or sent until [`send`](Request::send) or
/// [`send_full`](Request::send_full), which report any problem with the
/// request as [`Error::InvalidRequest`] before contacting the server.
pub struct Request<'c, R: ResponseBody> {
    client: &'c Client,
    path: ResourcePath,
    method: Method,
    query: Vec<(String, String)>,
    headers: Vec<(String, String)>,
    /// The body, if any.
    body: Option<Payload>,
    /// Whether `$search` and `$count` need `ConsistencyLevel: eventual` here.
    advanced_queries: bool,
    decoder: PhantomData<fn() -> R>,
}

/// A successful response with its decoded body.
#[derive(Debug, Clone)]
pub struct Response<T> {
    /// HTTP status code (always 2xx).
    pub status: u16,
    /// Response headers.
    pub headers: HeaderMap,
    /// The decoded body.
    pub body: T,
}

impl<'c, R: ResponseBody> Request<'c, R> {
    /// A request with no query, headers or body.
    pub(crate) fn new(client: &'c Client, path: ResourcePath, method: Method) -> Self {
        Request {
            client,
            path,
            method,
            query: Vec::new(),
            headers: Vec::new(),
            body: None,
            advanced_queries: false,
            decoder: PhantomData,
        }
    }

    /// Marks the request as one whose documentation requires `ConsistencyLevel: eventual` with
    /// `$search` and `$count` (the advanced queries on directory objects): [`search`] and
    /// [`count`] then add that header. Generated methods call this where the docs list the
    /// header; elsewhere add it with [`header`](Request::header) if the service asks for it.
    ///
    /// [`search`]: Request::search
    /// [`count`]: Request::count
    pub fn advanced_queries(mut self) -> Self {
        self.advanced_queries = true;
        self
    }

    /// Whether [`advanced_queries`](Request::advanced_queries) was called.
    pub(crate) fn needs_eventual_consistency(&self) -> bool {
        self.advanced_queries
    }

    /// Appends a query parameter; parameters are sent in the order added.
    pub fn query(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.query.push((name.into(), value.into()));
        self
    }

    /// Adds a request header; repeated names are all sent.
    ///
    /// The caller cannot replace `Authorization`, which always carries the
    /// token provider's token.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Whether a header of this name (any case) was added.
    pub(crate) fn has_header(&self, name: &str) -> bool {
        self.headers
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case(name))
    }

    /// Sets a JSON body, serialized at once, and `Content-Type:
    /// application/json` unless a `Content-Type` header is given.
    ///
    /// A serialization failure is reported by `send` as
    /// [`Error::InvalidRequest`]. For other bodies see
    /// [`bytes`](Request::bytes), [`stream`](Request::stream) and
    /// [`reader`](Request::reader).
    pub fn json<B: Serialize + ?Sized>(self, body: &B) -> Self {
        let json = serde_json::to_vec(body).map_err(|error| error.to_string());
        self.with_payload(Payload::Json(json))
    }

    /// Sets the body, replacing any set before.
    pub(crate) fn with_payload(mut self, payload: Payload) -> Self {
        self.body = Some(payload);
        self
    }

    /// Sets header `name` to `value`, removing every header of that name
    /// (any case) added before.
    pub(crate) fn replace_header(mut self, name: &str, value: impl Into<String>) -> Self {
        self.headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
        self.header(name, value)
    }

    /// Appends `value` to the first header named `name` (any case) after a
    /// comma, or adds the header when there is none.
    pub(crate) fn join_header(mut self, name: &str, value: impl Into<String>) -> Self {
        let value = value.into();
        match self
            .headers
            .iter_mut()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
        {
            Some((_, joined)) => {
                joined.push_str(", ");
                joined.push_str(&value);
                self
            }
            None => self.header(name, value),
        }
    }

    /// Sends the request and returns the decoded body.
    pub async fn send(self) -> Result<R::Output, Error> {
        self.send_full().await.map(|response| response.body)
    }

    /// Sends the request and returns status, headers and decoded body.
    ///
    /// A non-2xx status gives [`Error::Api`]. Throttled (429) and
    /// unavailable (503, 504) responses and, for idempotent methods, broken
    /// connections are retried first, as configured on the
    /// [`ClientBuilder`](crate::ClientBuilder).
    pub async fn send_full(self) -> Result<Response<R::Output>, Error> {
        self.exchange::<R>().await
    }

    /// Sends the request and returns the body as untyped JSON, whatever model the operation
    /// names: the way out when the service (or its documentation) disagrees with a model.
    pub async fn send_raw(self) -> Result<Response<serde_json::Value>, Error> {
        self.exchange::<Json<serde_json::Value>>().await
    }

    /// Sends the request (with retries) and decodes a 2xx body with `D`.
    async fn exchange<D: ResponseBody>(self) -> Result<Response<D::Output>, Error> {
        let client = self.client;
        let request = self.into_http()?;
        exchange::exchange::<D>(client, request).await
    }

    /// Checks the request (path, headers, body) and makes the HTTP request
    /// of its first attempt, without the token.
    pub(crate) fn into_http(self) -> Result<reqwest::Request, Error> {
        let url = self.client.endpoint(&self.path, &self.query)?;
        let mut headers = headers::build(&self.headers)?;
        let body = match self.body {
            Some(payload) => Some(payload.into_body(&mut headers)?),
            None => None,
        };
        Ok(exchange::http_request(
            self.client,
            self.method,
            url,
            headers,
            body,
        ))
    }

    /// The client this request is sent with.
    pub(crate) fn client(&self) -> &'c Client {
        self.client
    }

    /// The headers the caller added, in the order added.
    pub(crate) fn caller_headers(&self) -> &[(String, String)] {
        &self.headers
    }
}

impl<R: ResponseBody> fmt::Debug for Request<'_, R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Request")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("query", &self.query)
            .field("headers", &self.headers)
            .field("has_body", &self.body.is_some())
            .finish_non_exhaustive()
    }
}
