//! `Download`: a successful binary response whose body is read chunk by
//! chunk, so that a large file is never held in memory.

use std::fmt;

use futures_util::stream::{self, Stream};
use reqwest::header::HeaderMap;
use tokio::io::{AsyncWrite, AsyncWriteExt};

use crate::body::Bytes;
use crate::error::Error;
use crate::reply::{self, Opened};
use crate::request::Request;
use crate::send;

/// A successful (2xx) response whose body has not been read yet; made by
/// [`Request::download`].
///
/// Read the body with [`chunk`](Download::chunk), as a stream with
/// [`into_stream`](Download::into_stream), or into a file or any other
/// [`AsyncWrite`] with [`write_to`](Download::write_to). Only one chunk is
/// held at a time. A connection that breaks while the body is read gives
/// [`Error::Transport`], as does a body shorter than its `Content-Length`;
/// it is not retried (ask for the rest with a `Range` header).
///
/// The client's [`request_timeout`](crate::ClientBuilder::request_timeout)
/// bounds the whole attempt, body included: raise it for large files.
pub struct Download {
    /// HTTP status code (always 2xx).
    pub status: u16,
    /// Response headers.
    pub headers: HeaderMap,
    /// The response, its body unread.
    response: reqwest::Response,
    /// HTTP method of the request, for errors.
    method: String,
    /// Full URL of the request, for errors.
    url: String,
}

impl Request<'_, Bytes> {
    /// Sends the request and returns the response with its body unread, to
    /// be streamed: see [`Download`].
    ///
    /// Everything up to the successful response is as for
    /// [`send_full`](Request::send_full): 429, 503 and 504 responses are
    /// retried (honouring `Retry-After`), as are, for idempotent methods,
    /// connections that break before the response arrives; a non-2xx status
    /// gives [`Error::Api`] with at most 64 KiB of its body.
    pub async fn download(self) -> Result<Download, Error> {
        let client = self.client();
        let request = self.into_http()?;
        let method = request.method().to_string();
        let url = request.url().to_string();
        let reply = send::send(client, request, reply::open).await?;
        match reply.body {
            Opened::Success(response) => Ok(Download {
                status: reply.status,
                headers: reply.headers,
                response,
                method,
                url,
            }),
            Opened::Failure(body) => Err(Error::api(reply.status, reply.headers, &body)),
        }
    }
}

impl Download {
    /// The length of the body, when the response says it
    /// (`Content-Length`).
    pub fn content_length(&self) -> Option<u64> {
        self.response.content_length()
    }

    /// The next chunk of the body, or `None` once the whole body was read.
    pub async fn chunk(&mut self) -> Result<Option<bytes::Bytes>, Error> {
        self.response
            .chunk()
            .await
            .map_err(|source| Error::Transport {
                method: self.method.clone(),
                url: self.url.clone(),
                source,
            })
    }

    /// The chunks of the body as a stream; an error ends the stream after
    /// it is yielded.
    pub fn into_stream(self) -> impl Stream<Item = Result<bytes::Bytes, Error>> + Send + 'static {
        stream::unfold(Some(self), |download| async move {
            let mut download = download?;
            match download.chunk().await {
                Ok(Some(chunk)) => Some((Ok(chunk), Some(download))),
                Ok(None) => None,
                Err(error) => Some((Err(error), None)),
            }
        })
    }

    /// Writes the rest of the body to `writer`, flushes it, and returns the
    /// number of bytes written.
    ///
    /// A failure to read the body gives [`Error::Transport`], a failure to
    /// write it [`Error::Write`]; what was written before stays written.
    pub async fn write_to<W>(mut self, writer: &mut W) -> Result<u64, Error>
    where
        W: AsyncWrite + Unpin + ?Sized,
    {
        let mut written = 0;
        while let Some(chunk) = self.chunk().await? {
            writer
                .write_all(&chunk)
                .await
                .map_err(|source| self.write_error(source))?;
            written += chunk.len() as u64;
        }
        writer
            .flush()
            .await
            .map_err(|source| self.write_error(source))?;
        Ok(written)
    }

    /// The [`Error::Write`] for a failure to write this body.
    fn write_error(&self, source: std::io::Error) -> Error {
        Error::Write {
            url: self.url.clone(),
            source,
        }
    }
}

impl fmt::Debug for Download {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Download")
            .field("status", &self.status)
            .field("headers", &self.headers)
            .field("method", &self.method)
            .field("url", &self.url)
            .finish_non_exhaustive()
    }
}
