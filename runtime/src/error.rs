//! The error type returned by every fallible operation of the runtime.

use reqwest::header::HeaderMap;
use serde::Deserialize;
use serde_json::{Map, Value};

/// Largest number of bytes of an error response body read and kept in
/// [`Error::Api`].
pub(crate) const API_BODY_CAP: usize = 64 * 1024;

/// Number of characters of an undecodable body kept in [`Error::Decode`].
const DECODE_EXCERPT_CHARS: usize = 200;

/// Everything that can go wrong while building, sending or decoding a request.
///
/// No variant ever contains the access token, neither in its fields nor in
/// its `Display` or `Debug` output.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The service answered with a status outside `200..=299`.
    ///
    /// The message names the `request-id` (from the OData `innerError`, or
    /// else the response header) when there is one: quote it to Microsoft
    /// support.
    #[error(
        "Microsoft Graph answered HTTP {status}{}{}",
        describe_api(odata.as_ref(), body),
        describe_request_id(odata.as_ref(), headers)
    )]
    Api {
        /// HTTP status code of the response.
        status: u16,
        /// The response headers (`request-id`, `client-request-id`,
        /// `Retry-After`...), boxed to keep `Error` small.
        headers: Box<HeaderMap>,
        /// The OData error from the body, when the body has the Graph error shape.
        odata: Option<ODataError>,
        /// The raw body text (lossily decoded as UTF-8), at most 64 KiB:
        /// no more of an error body is read.
        body: String,
    },
    /// The request could not be sent or the response could not be read,
    /// or the attempt timed out (the message then says "timed out", and
    /// `source.is_timeout()` is true).
    #[error("{method} {url} {}: {source}", failure(source))]
    Transport {
        /// HTTP method of the failed request.
        method: String,
        /// Full URL of the failed request.
        url: String,
        /// The underlying HTTP client error.
        source: reqwest::Error,
    },
    /// A downloaded body could not be written where it was asked to go
    /// (see [`Download::write_to`](crate::Download::write_to)).
    #[error("could not write the body of {url}: {source}")]
    Write {
        /// Full URL of the request whose body was being written.
        url: String,
        /// The error of the writer.
        source: std::io::Error,
    },
    /// A successful response body did not match the expected type.
    #[error(
        "could not decode the response to {}: {source} (body starts with: {excerpt:?})",
        decoded_what(method, url)
    )]
    Decode {
        /// HTTP method of the request whose response failed to decode (empty for a
        /// [`cast`](crate::cast)).
        method: String,
        /// Full URL of the request whose response failed to decode.
        url: String,
        /// The JSON error.
        source: serde_json::Error,
        /// The first 200 characters of the body.
        excerpt: String,
    },
    /// The request was rejected before anything was sent.
    #[error("invalid request: {0}")]
    InvalidRequest(String),
    /// No access token could be obtained.
    #[error("authentication failed: {0}")]
    Auth(String),
}

impl Error {
    /// The HTTP status code, when the service answered with an error status.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// Builds an [`Error::Api`] from an error response.
    pub(crate) fn api(status: u16, headers: HeaderMap, body: &[u8]) -> Error {
        let odata = serde_json::from_slice::<ErrorEnvelope>(body)
            .ok()
            .map(|envelope| envelope.error);
        Error::Api {
            status,
            headers: Box::new(headers),
            odata,
            body: capped_text(body, API_BODY_CAP),
        }
    }

    /// Builds an [`Error::Decode`] for a body that did not decode.
    pub(crate) fn decode(
        method: String,
        url: String,
        source: serde_json::Error,
        body: &[u8],
    ) -> Error {
        // A character takes at most four bytes, so this prefix always holds
        // the first `DECODE_EXCERPT_CHARS` characters.
        let prefix = &body[..body.len().min(DECODE_EXCERPT_CHARS * 4)];
        let excerpt = String::from_utf8_lossy(prefix)
            .chars()
            .take(DECODE_EXCERPT_CHARS)
            .collect();
        Error::Decode {
            method,
            url,
            source,
            excerpt,
        }
    }
}

/// The `error` object of a Microsoft Graph error response.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ODataError {
    /// Machine-readable error code, e.g. `ErrorItemNotFound`.
    pub code: String,
    /// Human-readable description of the error.
    #[serde(default)]
    pub message: String,
    /// The `innerError` object: the ids to quote to Microsoft support
    /// (boxed to keep `Error` small).
    #[serde(rename = "innerError", alias = "innererror", default)]
    pub inner_error: Option<Box<InnerError>>,
}

/// The `innerError` object of a Microsoft Graph error: which request failed, and when.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct InnerError {
    /// `request-id`: the id the service gave the failed request.
    #[serde(rename = "request-id", default)]
    pub request_id: Option<String>,
    /// `client-request-id`: the id the client sent, or the service made up.
    #[serde(rename = "client-request-id", default)]
    pub client_request_id: Option<String>,
    /// `date`: when the request failed, as the service wrote it.
    #[serde(default)]
    pub date: Option<String>,
    /// Every other property of the object, as sent.
    #[serde(flatten)]
    pub additional: Map<String, Value>,
}

/// The body of a Graph error response: `{"error": {"code": ..., "message": ...}}`.
#[derive(Deserialize)]
struct ErrorEnvelope {
    error: ODataError,
}

/// The tail of the [`Error::Api`] message: the OData error, or else the
/// start of the raw body.
fn describe_api(odata: Option<&ODataError>, body: &str) -> String {
    match odata {
        Some(odata) => format!(": {}: {}", odata.code, odata.message),
        None if body.is_empty() => String::new(),
        None => {
            let start: String = body.chars().take(DECODE_EXCERPT_CHARS).collect();
            format!(" with body {start:?}")
        }
    }
}

/// The `request-id` part of the [`Error::Api`] message: from the OData
/// `innerError`, or else from the `request-id` response header.
fn describe_request_id(odata: Option<&ODataError>, headers: &HeaderMap) -> String {
    let from_body = odata
        .and_then(|odata| odata.inner_error.as_ref())
        .and_then(|inner| inner.request_id.as_deref());
    let from_headers = || {
        headers
            .get("request-id")
            .and_then(|value| value.to_str().ok())
    };
    match from_body.or_else(from_headers) {
        Some(id) => format!(" (request-id {id})"),
        None => String::new(),
    }
}

/// How a transport failure is told: "timed out" or "failed".
fn failure(source: &reqwest::Error) -> &'static str {
    if source.is_timeout() {
        "timed out"
    } else {
        "failed"
    }
}

/// Decodes `body` lossily as UTF-8 and keeps at most `max_bytes` bytes,
/// cutting on a character boundary.
fn capped_text(body: &[u8], max_bytes: usize) -> String {
    let mut text = String::from_utf8_lossy(&body[..body.len().min(max_bytes)]).into_owned();
    let mut end = text.len().min(max_bytes);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.truncate(end);
    text
}

/// What a decode error is about: `GET https://...`, or a cast.
fn decoded_what(method: &str, url: &str) -> String {
    if method.is_empty() {
        url.to_string()
    } else {
        format!("{method} {url}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_error_parses_the_graph_error_shape() {
        let body = br#"{"error":{"code":"ErrorItemNotFound","message":"Not here","innerError":{"date":"x"}}}"#;
        let error = Error::api(404, HeaderMap::new(), body);
        assert_eq!(error.status(), Some(404));
        let Error::Api { odata, .. } = &error else {
            panic!("expected Error::Api, got {error:?}");
        };
        assert_eq!(
            odata.as_ref(),
            Some(&ODataError {
                code: "ErrorItemNotFound".into(),
                message: "Not here".into(),
                inner_error: Some(Box::new(InnerError {
                    date: Some("x".into()),
                    ..InnerError::default()
                })),
            })
        );
        assert_eq!(
            error.to_string(),
            "Microsoft Graph answered HTTP 404: ErrorItemNotFound: Not here"
        );
    }

    #[test]
    fn inner_error_keeps_its_ids_and_other_keys() {
        let body = br#"{"error":{"code":"BadRequest","message":"m","innerError":{
            "request-id":"r-1","client-request-id":"c-1","date":"2024-01-01T00:00:00",
            "extra":{"n":1}}}}"#;
        let error = Error::api(400, HeaderMap::new(), body);
        let Error::Api { odata, .. } = &error else {
            panic!("expected Error::Api, got {error:?}");
        };
        let inner = odata.as_ref().and_then(|odata| odata.inner_error.clone());
        let inner = inner.unwrap_or_default();
        assert_eq!(inner.request_id.as_deref(), Some("r-1"));
        assert_eq!(inner.client_request_id.as_deref(), Some("c-1"));
        assert_eq!(inner.date.as_deref(), Some("2024-01-01T00:00:00"));
        assert_eq!(inner.additional["extra"], serde_json::json!({"n": 1}));
        assert_eq!(
            error.to_string(),
            "Microsoft Graph answered HTTP 400: BadRequest: m (request-id r-1)"
        );
    }

    #[test]
    fn error_stays_small_enough_to_return_by_value() {
        // clippy's `result_large_err` threshold: the headers and the
        // innerError are boxed to stay below it.
        assert!(std::mem::size_of::<Error>() <= 128);
    }

    #[test]
    fn request_id_header_is_named_without_an_inner_error() {
        let mut headers = HeaderMap::new();
        headers.insert("request-id", "h-7".parse().unwrap());
        let error = Error::api(503, headers, b"");
        assert_eq!(
            error.to_string(),
            "Microsoft Graph answered HTTP 503 (request-id h-7)"
        );
    }

    #[test]
    fn api_error_keeps_a_non_json_body_raw() {
        let error = Error::api(502, HeaderMap::new(), b"<html>Bad gateway</html>");
        let Error::Api { odata, body, .. } = &error else {
            panic!("expected Error::Api, got {error:?}");
        };
        assert_eq!(odata, &None);
        assert_eq!(body, "<html>Bad gateway</html>");
        assert!(error.to_string().contains("Bad gateway"));
    }

    #[test]
    fn api_error_body_is_capped_at_64_kib() {
        let body = "é".repeat(API_BODY_CAP);
        let Error::Api { body, .. } = Error::api(500, HeaderMap::new(), body.as_bytes()) else {
            panic!("expected Error::Api");
        };
        assert_eq!(body.len(), API_BODY_CAP);
    }

    #[test]
    fn capped_text_cuts_on_a_character_boundary() {
        // The cut falls inside the second "é"; the replacement character
        // must not push the text over the cap.
        assert_eq!(capped_text("aéé".as_bytes(), 4), "aé");
        assert_eq!(capped_text(&[b'a', 0xff, 0xff], 3), "a");
    }

    #[test]
    fn decode_excerpt_is_the_first_200_characters() {
        let source = serde_json::from_str::<u8>("x").unwrap_err();
        let body = "ü".repeat(300);
        let error = Error::decode("GET".into(), "u".into(), source, body.as_bytes());
        assert!(error
            .to_string()
            .starts_with("could not decode the response to GET u: "));
        let Error::Decode { excerpt, .. } = error else {
            panic!("expected Error::Decode");
        };
        assert_eq!(excerpt, "ü".repeat(200));
    }

    #[test]
    fn status_is_none_outside_api_errors() {
        assert_eq!(Error::Auth("no".into()).status(), None);
        assert_eq!(Error::InvalidRequest("no".into()).status(), None);
    }
}
