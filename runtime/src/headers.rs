//! Validation of caller-supplied request headers.

use reqwest::header::{HeaderMap, HeaderName, HeaderValue, CONTENT_TYPE};

use crate::error::Error;

/// Builds the header map of a request from caller-supplied pairs.
///
/// A name that is not a valid HTTP token, or a value holding CR, LF, NUL or
/// another control character other than tab, gives [`Error::InvalidRequest`].
/// Repeated names are all sent. When `json_body` is set and the caller gave
/// no `Content-Type`, `Content-Type: application/json` is added.
pub(crate) fn build(pairs: &[(String, String)], json_body: bool) -> Result<HeaderMap, Error> {
    let mut headers = HeaderMap::with_capacity(pairs.len() + 1);
    for (name, value) in pairs {
        let header_name = HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| Error::InvalidRequest(format!("{name:?} is not a valid header name")))?;
        // The value is left out of the message: it may be a credential.
        let header_value = HeaderValue::from_bytes(value.as_bytes()).map_err(|_| {
            Error::InvalidRequest(format!(
                "the value of header {name:?} contains a control character such as CR, LF or NUL"
            ))
        })?;
        headers.append(header_name, header_value);
    }
    if json_body {
        headers
            .entry(CONTENT_TYPE)
            .or_insert(HeaderValue::from_static("application/json"));
    }
    Ok(headers)
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
        let headers = build(
            &pairs(&[
                ("Prefer", "a"),
                ("prefer", "b"),
                ("ConsistencyLevel", "eventual"),
            ]),
            false,
        )
        .unwrap();
        let prefer: Vec<_> = headers.get_all("prefer").iter().collect();
        assert_eq!(prefer, ["a", "b"]);
        assert_eq!(headers["consistencylevel"], "eventual");
        assert!(headers.get(CONTENT_TYPE).is_none());
    }

    #[test]
    fn rejects_injection_in_values() {
        for value in ["a\r\nX-Evil: 1", "a\nb", "a\rb", "a\0b"] {
            let error = build(&pairs(&[("Prefer", value)]), false).unwrap_err();
            assert!(
                matches!(&error, Error::InvalidRequest(message) if !message.contains(value)),
                "value {value:?} gave {error:?}"
            );
        }
    }

    #[test]
    fn rejects_invalid_names() {
        for name in ["", "Bad Name", "X-Evil:", "a\r\nb", "é"] {
            let result = build(&pairs(&[(name, "v")]), false);
            assert!(
                matches!(result, Err(Error::InvalidRequest(_))),
                "name {name:?}"
            );
        }
    }

    #[test]
    fn json_body_adds_content_type_unless_given() {
        let headers = build(&[], true).unwrap();
        assert_eq!(headers[CONTENT_TYPE], "application/json");
        let headers = build(
            &pairs(&[("Content-Type", "application/json; charset=utf-8")]),
            true,
        )
        .unwrap();
        let values: Vec<_> = headers.get_all(CONTENT_TYPE).iter().collect();
        assert_eq!(values, ["application/json; charset=utf-8"]);
    }
}
