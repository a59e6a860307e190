//! Request bodies: JSON or bytes held in memory (sent again on a retry), or
//! a stream (sent once), with their `Content-Type` and `Content-Length`.

use std::fmt;

use futures_util::stream::Stream;
use reqwest::header::{HeaderMap, HeaderValue, CONTENT_LENGTH, CONTENT_TYPE};
use tokio::io::AsyncRead;
use tokio_util::io::ReaderStream;

use crate::body::ResponseBody;
use crate::error::Error;
use crate::headers;
use crate::request::Request;

/// Size of the chunks read from an [`AsyncRead`] body.
const READ_CHUNK: usize = 64 * 1024;

/// The body of a request.
pub(crate) enum Payload {
    /// Serialized JSON, or the serialization error message.
    Json(Result<Vec<u8>, String>),
    /// Bytes held in memory, with their content type.
    Bytes {
        /// The `Content-Type` to send.
        content_type: String,
        /// The body.
        bytes: bytes::Bytes,
    },
    /// A stream read while sending, with its content type and length.
    Stream {
        /// The `Content-Type` to send.
        content_type: String,
        /// The `Content-Length` to send, when known.
        length: Option<u64>,
        /// The body, which cannot be replayed.
        body: reqwest::Body,
    },
}

impl Payload {
    /// The body to send, after setting its headers in `headers`:
    /// `Content-Type` (for JSON only when the caller gave none) and, for a
    /// stream of known length, `Content-Length`.
    ///
    /// A JSON serialization failure or a content type that is not a valid
    /// header value gives [`Error::InvalidRequest`].
    pub(crate) fn into_body(self, headers: &mut HeaderMap) -> Result<reqwest::Body, Error> {
        match self {
            Payload::Json(json) => {
                let json = json.map_err(|message| {
                    Error::InvalidRequest(format!("the JSON body failed to serialize: {message}"))
                })?;
                headers
                    .entry(CONTENT_TYPE)
                    .or_insert(HeaderValue::from_static("application/json"));
                Ok(reqwest::Body::from(json))
            }
            Payload::Bytes {
                content_type,
                bytes,
            } => {
                set_content_type(headers, &content_type)?;
                Ok(reqwest::Body::from(bytes))
            }
            Payload::Stream {
                content_type,
                length,
                body,
            } => {
                set_content_type(headers, &content_type)?;
                if let Some(length) = length {
                    headers.insert(CONTENT_LENGTH, HeaderValue::from(length));
                }
                Ok(body)
            }
        }
    }
}

impl fmt::Debug for Payload {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Payload::Json(json) => f
                .debug_struct("Json")
                .field("len", &json.as_ref().map(Vec::len))
                .finish(),
            Payload::Bytes {
                content_type,
                bytes,
            } => f
                .debug_struct("Bytes")
                .field("content_type", content_type)
                .field("len", &bytes.len())
                .finish(),
            Payload::Stream {
                content_type,
                length,
                ..
            } => f
                .debug_struct("Stream")
                .field("content_type", content_type)
                .field("length", length)
                .finish_non_exhaustive(),
        }
    }
}

/// Sets `Content-Type: content_type`, replacing any the caller added.
fn set_content_type(headers: &mut HeaderMap, content_type: &str) -> Result<(), Error> {
    let value = headers::value(CONTENT_TYPE.as_str(), content_type)?;
    headers.insert(CONTENT_TYPE, value);
    Ok(())
}

impl<R: ResponseBody> Request<'_, R> {
    /// Sets a body held in memory (a file's content, a CSV, a photo) and its
    /// `Content-Type`, which replaces any `Content-Type` header added.
    ///
    /// The body is sent again when the request is retried. `Content-Length`
    /// is sent. A `content_type` holding CR, LF or another control character
    /// is reported by `send` as [`Error::InvalidRequest`].
    pub fn bytes(self, content_type: impl Into<String>, body: impl Into<bytes::Bytes>) -> Self {
        self.with_payload(Payload::Bytes {
            content_type: content_type.into(),
            bytes: body.into(),
        })
    }

    /// Sets a body read from `stream` while the request is sent, so that a
    /// large upload is never held in memory, and its `Content-Type`, which
    /// replaces any `Content-Type` header added.
    ///
    /// `Content-Length: content_length` is sent when the length is known:
    /// the stream must then yield exactly that many bytes, or the request
    /// fails with [`Error::Transport`]. Otherwise the body is sent with
    /// chunked transfer encoding (HTTP/1.1). An error from the stream also
    /// ends the request with [`Error::Transport`].
    ///
    /// A streamed body cannot be replayed, so the request is sent once:
    /// a 429, 503 or 504 response or a broken connection is returned, not
    /// retried.
    pub fn stream<S>(
        self,
        content_type: impl Into<String>,
        content_length: Option<u64>,
        stream: S,
    ) -> Self
    where
        S: Stream<Item = Result<bytes::Bytes, std::io::Error>> + Send + 'static,
    {
        self.with_payload(Payload::Stream {
            content_type: content_type.into(),
            length: content_length,
            body: reqwest::Body::wrap_stream(stream),
        })
    }

    /// Sets a body read from `reader` (a [`tokio::fs::File`], a pipe...) in
    /// chunks of 64 KiB while the request is sent: [`stream`](Request::stream)
    /// over the reader, with the same rules (sent once, `Content-Length`
    /// when `content_length` is given).
    pub fn reader<A>(
        self,
        content_type: impl Into<String>,
        content_length: Option<u64>,
        reader: A,
    ) -> Self
    where
        A: AsyncRead + Send + 'static,
    {
        let chunks = ReaderStream::with_capacity(reader, READ_CHUNK);
        self.stream(content_type, content_length, chunks)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json_headers(given: Option<&str>) -> HeaderMap {
        let mut headers = HeaderMap::new();
        if let Some(value) = given {
            headers.insert(CONTENT_TYPE, HeaderValue::from_str(value).unwrap());
        }
        Payload::Json(Ok(b"{}".to_vec()))
            .into_body(&mut headers)
            .unwrap();
        headers
    }

    #[test]
    fn json_body_adds_content_type_unless_given() {
        assert_eq!(json_headers(None)[CONTENT_TYPE], "application/json");
        let headers = json_headers(Some("application/json; charset=utf-8"));
        let values: Vec<_> = headers.get_all(CONTENT_TYPE).iter().collect();
        assert_eq!(values, ["application/json; charset=utf-8"]);
    }

    #[test]
    fn bytes_content_type_replaces_a_given_one() {
        let mut headers = HeaderMap::new();
        headers.append(CONTENT_TYPE, HeaderValue::from_static("text/plain"));
        headers.append(CONTENT_TYPE, HeaderValue::from_static("text/html"));
        let payload = Payload::Bytes {
            content_type: "text/csv".into(),
            bytes: bytes::Bytes::from_static(b"a,b"),
        };
        let body = payload.into_body(&mut headers).unwrap();
        let values: Vec<_> = headers.get_all(CONTENT_TYPE).iter().collect();
        assert_eq!(values, ["text/csv"]);
        assert_eq!(body.as_bytes(), Some(&b"a,b"[..]));
    }

    #[test]
    fn stream_sends_its_length_when_known() {
        for (length, expected) in [(Some(12), Some("12")), (None, None)] {
            let mut headers = HeaderMap::new();
            Payload::Stream {
                content_type: "application/octet-stream".into(),
                length,
                body: reqwest::Body::wrap_stream(futures_util::stream::empty::<
                    Result<bytes::Bytes, std::io::Error>,
                >()),
            }
            .into_body(&mut headers)
            .unwrap();
            let sent = headers.get(CONTENT_LENGTH).map(|v| v.to_str().unwrap());
            assert_eq!(sent, expected);
            assert_eq!(headers[CONTENT_TYPE], "application/octet-stream");
        }
    }

    #[test]
    fn a_content_type_with_a_line_break_is_refused_unrepeated() {
        let payload = Payload::Bytes {
            content_type: "text/plain\r\nX-Evil: 1".into(),
            bytes: bytes::Bytes::new(),
        };
        let error = payload.into_body(&mut HeaderMap::new()).unwrap_err();
        assert!(
            matches!(&error, Error::InvalidRequest(message) if !message.contains("X-Evil")),
            "{error:?}"
        );
    }

    #[test]
    fn a_serialization_failure_is_an_invalid_request() {
        let error = Payload::Json(Err("key must be a string".into()))
            .into_body(&mut HeaderMap::new())
            .unwrap_err();
        assert!(
            matches!(&error, Error::InvalidRequest(message) if message.contains("key must be")),
            "{error:?}"
        );
    }
}
