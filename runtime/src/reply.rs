//! Reading a response: status, headers and body, with error bodies capped.

use reqwest::header::HeaderMap;

use crate::error::API_BODY_CAP;

/// A response read in full, except that a non-2xx body is cut at
/// [`API_BODY_CAP`] bytes.
#[derive(Debug)]
pub(crate) struct Reply {
    /// HTTP status code.
    pub(crate) status: u16,
    /// Response headers.
    pub(crate) headers: HeaderMap,
    /// The body; for a non-2xx status, at most its first 64 KiB.
    pub(crate) body: Vec<u8>,
}

impl Reply {
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
