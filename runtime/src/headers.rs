//! Validation of caller-supplied request headers.

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

use crate::error::Error;

/// Builds the header map of a request from caller-supplied pairs.
///
/// A name that is not a valid HTTP token, or a value holding CR, LF, NUL or
/// another control character other than tab, gives [`Error::InvalidRequest`].
/// Repeated names are all sent.
pub(crate) fn build(pairs: &[(String, String)]) -> Result<HeaderMap, Error> {
    let mut headers = HeaderMap::with_capacity(pairs.len() + 1);
    for (name, value) in pairs {
        let header_name = HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| Error::InvalidRequest(format!("{name:?} is not a valid header name")))?;
        headers.append(header_name, self::value(name, value)?);
    }
    Ok(headers)
}

/// The value of header `name`, checked as [`build`] checks values.
pub(crate) fn value(name: &str, value: &str) -> Result<HeaderValue, Error> {
    // The value is left out of the message: it may be a credential.
    HeaderValue::from_bytes(value.as_bytes()).map_err(|_| {
        Error::InvalidRequest(format!(
            "the value of header {name:?} contains a control character such as CR, LF or NUL"
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(name, value)| (name.to_string(), value.to_string()))
            .collect()
    }

    #[test]
    fn accepts_ordinary_headers_and_keeps_repeats() {
        let headers = build(&pairs(&[
            ("Prefer", "a"),
            ("prefer", "b"),
            ("ConsistencyLevel", "eventual"),
        ]))
        .unwrap();
        let prefer: Vec<_> = headers.get_all("prefer").iter().collect();
        assert_eq!(prefer, ["a", "b"]);
        assert_eq!(headers["consistencylevel"], "eventual");
        assert!(headers.get("content-type").is_none());
    }

    #[test]
    fn rejects_injection_in_values() {
        for value in ["a\r\nX-Evil: 1", "a\nb", "a\rb", "a\0b"] {
            let error = build(&pairs(&[("Prefer", value)])).unwrap_err();
            assert!(
                matches!(&error, Error::InvalidRequest(message) if !message.contains(value)),
                "value {value:?} gave {error:?}"
            );
        }
    }

    #[test]
    fn rejects_invalid_names() {
        for name in ["", "Bad Name", "X-Evil:", "a\r\nb", "é"] {
            let result = build(&pairs(&[(name, "v")]));
            assert!(
                matches!(result, Err(Error::InvalidRequest(_))),
                "name {name:?}"
            );
        }
    }
}
