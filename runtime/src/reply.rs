//! Reading a response: status, headers and body, with error bodies capped.
//!
//! [`read`] reads a whole body (for a value decoded from it); [`open`]
//! reads only an error body and leaves a successful one unread, to be
//! streamed.

use reqwest::header::HeaderMap;

use crate::error::API_BODY_CAP;

/// A response with its status and headers, and its body as `B`: read in
/// full ([`read`]) or left unread when successful ([`open`]).
#[derive(Debug)]
pub(crate) struct Reply<B = Vec<u8>> {
    /// HTTP status code.
    pub(crate) status: u16,
    /// Response headers.
    pub(crate) headers: HeaderMap,
    /// The body; a non-2xx body is always cut at [`API_BODY_CAP`] bytes.
    pub(crate) body: B,
}

/// The body of a response read by [`open`].
#[derive(Debug)]
pub(crate) enum Opened {
    /// A 2xx response, whose body is not read yet.
    Success(reqwest::Response),
    /// A non-2xx response: at most the first [`API_BODY_CAP`] bytes of its body.
    Failure(Vec<u8>),
}

impl<B> Reply<B> {
    /// Whether the status is in `200..=299`.
    pub(crate) fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// Reads `response`. A non-2xx body is read only up to the cap; the rest
/// is never received (the connection is dropped instead).
pub(crate) async fn read(mut response: reqwest::Response) -> Result<Reply, reqwest::Error> {
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let body = if response.status().is_success() {
        Vec::from(response.bytes().await?)
    } else {
        read_capped(&mut response, API_BODY_CAP).await?
    };
    Ok(Reply {
        status,
        headers,
        body,
    })
}

/// Opens `response`: a 2xx body is left unread, a non-2xx body is read up
/// to the cap as by [`read`].
pub(crate) async fn open(mut response: reqwest::Response) -> Result<Reply<Opened>, reqwest::Error> {
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let body = if response.status().is_success() {
        Opened::Success(response)
    } else {
        Opened::Failure(read_capped(&mut response, API_BODY_CAP).await?)
    };
    Ok(Reply {
        status,
        headers,
        body,
    })
}

/// The first `cap` bytes of the body of `response` (all of it when shorter).
async fn read_capped(
    response: &mut reqwest::Response,
    cap: usize,
) -> Result<Vec<u8>, reqwest::Error> {
    let mut body = Vec::new();
    while body.len() < cap {
        let Some(chunk) = response.chunk().await? else {
            break;
        };
        let room = cap - body.len();
        body.extend_from_slice(&chunk[..chunk.len().min(room)]);
    }
    Ok(body)
}
