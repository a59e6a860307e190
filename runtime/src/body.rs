//! How a successful response body is turned into a value.

use std::marker::PhantomData;

use serde::de::DeserializeOwned;

/// Describes how the body of a successful (2xx) response is decoded.
///
/// The type parameter of [`Request`](crate::Request) picks the
/// implementation: [`Json<T>`], [`Bytes`] or [`NoContent`].
pub trait ResponseBody {
    /// The value a successful response decodes to.
    type Output;

    /// Decodes the body of a response with the given 2xx status.
    fn decode(status: u16, body: &[u8]) -> Result<Self::Output, serde_json::Error>;
}

/// Marker for a response whose body is JSON decoded into `T`.
pub struct Json<T>(PhantomData<fn() -> T>);

impl<T: DeserializeOwned> ResponseBody for Json<T> {
    type Output = T;

    fn decode(_status: u16, body: &[u8]) -> Result<T, serde_json::Error> {
        serde_json::from_slice(body)
    }
}

/// Marker for a response whose body, if any, is ignored.
#[derive(Debug, Clone, Copy)]
pub struct NoContent;

impl ResponseBody for NoContent {
    type Output = ();

    fn decode(_status: u16, _body: &[u8]) -> Result<(), serde_json::Error> {
        Ok(())
    }
}

/// Marker for a response whose body is binary content (a photo, a file, a CSV report), kept as
/// the bytes received.
#[derive(Debug, Clone, Copy)]
pub struct Bytes;

impl ResponseBody for Bytes {
    type Output = Vec<u8>;

    fn decode(_status: u16, body: &[u8]) -> Result<Vec<u8>, serde_json::Error> {
        Ok(body.to_vec())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_decodes_into_the_target_type() {
        let decoded = Json::<Vec<u32>>::decode(200, b"[1, 2]").unwrap();
        assert_eq!(decoded, vec![1, 2]);
        assert!(Json::<Vec<u32>>::decode(200, b"{").is_err());
    }

    #[test]
    fn bytes_keep_the_body_as_received() {
        assert_eq!(Bytes::decode(200, b"\x89PNG").unwrap(), b"\x89PNG".to_vec());
    }

    #[test]
    fn no_content_ignores_any_body() {
        NoContent::decode(204, b"").unwrap();
        NoContent::decode(200, b"not json at all").unwrap();
    }
}
