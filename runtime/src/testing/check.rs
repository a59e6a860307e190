//! Comparison of a received request with a documented one, listing every
//! difference found.

use percent_encoding::percent_decode_str;
use reqwest::header::{HeaderMap, AUTHORIZATION, CONTENT_TYPE};
use serde_json::Value;
use wiremock::Request;

use super::ExpectedRequest;

/// Every way `received` differs from `expected`; empty when they match.
pub(super) fn request(received: &Request, expected: &ExpectedRequest, token: &str) -> Vec<String> {
    let mut problems = Vec::new();
    if received.method.as_str() != expected.method {
        problems.push(format!(
            "method: expected {}, received {}",
            expected.method, received.method
        ));
    }
    problems.extend(path(received.url.path(), expected.path));
    problems.extend(query(received.url.query(), expected.query));
    problems.extend(headers(&received.headers, expected.headers));
    problems.extend(authorization(&received.headers, token));
    problems.extend(body(&received.body, expected.json_body));
    problems
}

/// Percent-decodes one URL component; `+` stays `+`.
fn decode(text: &str) -> String {
    percent_decode_str(text).decode_utf8_lossy().into_owned()
}

/// Compares the decoded path segments.
fn path(raw: &str, expected: &[&str]) -> Option<String> {
    let received: Vec<String> = raw
        .strip_prefix('/')
        .unwrap_or(raw)
        .split('/')
        .map(decode)
        .collect();
    (received != expected).then(|| {
        format!("path segments: expected {expected:?}, received {received:?} (raw path {raw:?})")
    })
}

/// Compares the decoded query pairs as multisets.
fn query(raw: Option<&str>, expected: &[(&str, &str)]) -> Option<String> {
    let mut missing: Vec<(String, String)> = expected
        .iter()
        .map(|&(name, value)| (name.to_owned(), value.to_owned()))
        .collect();
    let mut extra = Vec::new();
    let pairs = raw
        .unwrap_or_default()
        .split('&')
        .filter(|pair| !pair.is_empty());
    for pair in pairs {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        let pair = (decode(name), decode(value));
        match missing.iter().position(|wanted| *wanted == pair) {
            Some(index) => {
                missing.swap_remove(index);
            }
            None => extra.push(pair),
        }
    }
    (!missing.is_empty() || !extra.is_empty()).then(|| {
        format!(
            "query: missing {missing:?}, unexpected {extra:?} (raw query {:?})",
            raw.unwrap_or_default()
        )
    })
}

/// Checks that each expected header is present with its value.
fn headers(received: &HeaderMap, expected: &[(&str, &str)]) -> Vec<String> {
    expected
        .iter()
        .filter(|(name, _)| !name.eq_ignore_ascii_case(AUTHORIZATION.as_str()))
        .filter_map(|&(name, value)| {
            let values: Vec<String> = received
                .get_all(name)
                .iter()
                .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned())
                .collect();
            let is_content_type = name.eq_ignore_ascii_case(CONTENT_TYPE.as_str());
            let matches = |got: &String| {
                if is_content_type {
                    media_type(got).eq_ignore_ascii_case(media_type(value))
                } else {
                    got == value
                }
            };
            if values.iter().any(matches) {
                None
            } else if values.is_empty() {
                Some(format!("header {name}: expected {value:?}, it is missing"))
            } else {
                Some(format!(
                    "header {name}: expected {value:?}, received {values:?}"
                ))
            }
        })
        .collect()
}

/// The media type of a `Content-Type` value, without parameters.
fn media_type(value: &str) -> &str {
    value.split(';').next().unwrap_or_default().trim()
}

/// Checks the bearer token.
fn authorization(received: &HeaderMap, token: &str) -> Option<String> {
    let expected = format!("Bearer {token}");
    let values: Vec<_> = received.get_all(AUTHORIZATION).iter().collect();
    match values.as_slice() {
        [value] if value.as_bytes() == expected.as_bytes() => None,
        _ => Some(format!(
            "header Authorization: expected {expected:?}, received {values:?}"
        )),
    }
}

/// Compares the body: as JSON when one is documented, else it must be empty.
fn body(received: &[u8], expected: Option<&str>) -> Option<String> {
    let text = String::from_utf8_lossy(received);
    let Some(expected) = expected else {
        return (!received.is_empty()).then(|| format!("body: expected none, received {text:?}"));
    };
    let expected: Value = match serde_json::from_str(expected) {
        Ok(value) => value,
        Err(error) => {
            return Some(format!(
                "body: the documented JSON body is not valid JSON ({error}): {expected:?}"
            ))
        }
    };
    let received: Value = match serde_json::from_slice(received) {
        Ok(value) => value,
        Err(error) => {
            return Some(format!(
                "body: received body is not JSON ({error}): {text:?}"
            ))
        }
    };
    json_difference(&expected, &received, "$").map(|difference| {
        format!("body: {difference}\n    expected: {expected}\n    received: {received}")
    })
}

/// The first place where two JSON values differ, or `None` if they are
/// equal. Numbers are equal when they have the same value (`1` and `1.0`).
pub(super) fn json_difference(expected: &Value, received: &Value, at: &str) -> Option<String> {
    match (expected, received) {
        (Value::Object(expected), Value::Object(received)) => {
            if let Some(key) = expected.keys().find(|key| !received.contains_key(*key)) {
                return Some(format!("{at}.{key} is missing"));
            }
            if let Some(key) = received.keys().find(|key| !expected.contains_key(*key)) {
                return Some(format!("{at}.{key} is not expected"));
            }
            expected.iter().find_map(|(key, value)| {
                json_difference(value, &received[key], &format!("{at}.{key}"))
            })
        }
        (Value::Array(expected), Value::Array(received)) => {
            if expected.len() != received.len() {
                return Some(format!(
                    "{at}: expected {} elements, received {}",
                    expected.len(),
                    received.len()
                ));
            }
            expected
                .iter()
                .zip(received)
                .enumerate()
                .find_map(|(index, (expected, received))| {
                    json_difference(expected, received, &format!("{at}[{index}]"))
                })
        }
        (Value::Number(a), Value::Number(b)) if a == b || a.as_f64() == b.as_f64() => None,
        _ if expected == received => None,
        _ => Some(format!("{at}: expected {expected}, received {received}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn path_segments_are_decoded() {
        assert_eq!(
            path("/beta/users/a%2Fb%20c", &["beta", "users", "a/b c"]),
            None
        );
        assert!(path("/beta/users/x", &["beta", "users", "y"]).is_some());
        assert!(path("/beta/users", &["beta", "users", "y"]).is_some());
    }

    #[test]
    fn query_is_a_multiset_with_literal_plus() {
        let expected = [("$top", "5"), ("a", "1+1"), ("a", "x y")];
        assert_eq!(query(Some("a=x%20y&$top=5&a=1%2B1"), &expected), None);
        assert_eq!(query(Some("a=x%20y&$top=5&a=1+1"), &expected), None);
        assert!(query(Some("a=x+y&$top=5&a=1%2B1"), &expected).is_some());
        assert!(query(Some("$top=5&a=1%2B1"), &expected).is_some());
        assert!(query(Some("a=x%20y&$top=5&a=1%2B1&a=1%2B1"), &expected).is_some());
        assert_eq!(query(None, &[]), None);
        assert!(query(Some("flag"), &[]).is_some());
        assert_eq!(query(Some("flag"), &[("flag", "")]), None);
    }

    #[test]
    fn headers_compare_names_case_insensitively() {
        let mut received = HeaderMap::new();
        received.insert("prefer", "outlook.timezone=\"UTC\"".parse().unwrap());
        received.insert(
            CONTENT_TYPE,
            "Application/JSON; charset=utf-8".parse().unwrap(),
        );
        let expected = [
            ("Prefer", "outlook.timezone=\"UTC\""),
            ("Content-type", "application/json"),
            ("Authorization", "Bearer {token}"),
        ];
        assert!(headers(&received, &expected).is_empty());
        assert_eq!(headers(&received, &[("Prefer", "other")]).len(), 1);
        assert_eq!(
            headers(&received, &[("ConsistencyLevel", "eventual")]).len(),
            1
        );
        assert_eq!(
            headers(&received, &[("Content-Type", "text/plain")]).len(),
            1
        );
    }

    #[test]
    fn authorization_must_carry_the_token() {
        let mut received = HeaderMap::new();
        assert!(authorization(&received, "t").is_some());
        received.insert(AUTHORIZATION, "Bearer t".parse().unwrap());
        assert_eq!(authorization(&received, "t"), None);
        assert!(authorization(&received, "u").is_some());
    }

    #[test]
    fn bodies_compare_as_json() {
        assert_eq!(
            body(
                br#"{"b": [1, 2.0], "a": "x"}"#,
                Some(r#"{"a":"x","b":[1.0,2]}"#)
            ),
            None
        );
        assert!(body(br#"{"a": "y"}"#, Some(r#"{"a":"x"}"#)).is_some());
        assert!(body(br#"{"a": "x", "b": 1}"#, Some(r#"{"a":"x"}"#)).is_some());
        assert!(body(b"not json", Some("{}")).is_some());
        assert!(body(b"{}", Some("not json")).is_some());
        assert_eq!(body(b"", None), None);
        assert!(body(b"{}", None).is_some());
    }

    #[test]
    fn json_difference_names_the_first_differing_place() {
        let expected = json!({"a": {"list": [1, {"b": true}]}});
        let received = json!({"a": {"list": [1, {"b": false}]}});
        assert_eq!(
            json_difference(&expected, &received, "$").unwrap(),
            "$.a.list[1].b: expected true, received false"
        );
        assert_eq!(
            json_difference(&json!(1), &json!("1"), "$").unwrap(),
            "$: expected 1, received \"1\""
        );
    }
}
