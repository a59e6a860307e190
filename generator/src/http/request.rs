//! Requests: `METHOD URL [HTTP/x.y]`, then headers, then an optional body.

use super::headers::{self, Header};
use super::{first_token, is_version, lines, method, HttpError};
use serde::Serialize;

/// An example request, as written on a page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HttpRequest {
    /// The method, upper-cased: `GET`, `POST`, `PUT`, `PATCH`, `DELETE`, `HEAD` or `OPTIONS`.
    pub method: String,
    /// The URL as written, trimmed; absolute or relative, and it may hold spaces.
    pub url: String,
    /// The protocol version (e.g. `HTTP/1.1`) when the request line ends with one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// The headers, in order.
    pub headers: Vec<Header>,
    /// The body, trailing whitespace trimmed; `None` when there is none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
}

impl HttpRequest {
    /// The value of the first header named `name`, ignoring ASCII case.
    #[must_use]
    pub fn header(&self, name: &str) -> Option<&str> {
        headers::find(&self.headers, name)
    }
}

/// Reads an example request block.
///
/// # Errors
///
/// When the block is blank, or its first non-blank line does not start with a known method, or
/// has no URL.
pub fn parse_request(text: &str) -> Result<HttpRequest, HttpError> {
    let all = lines::split(text);
    let blanks = all.iter().take_while(|line| line.is_blank()).count();
    let Some((start, after_start)) = all.get(blanks..).unwrap_or_default().split_first() else {
        return Err(HttpError::new(
            all.len().saturating_sub(1),
            "the request is empty",
        ));
    };
    let (method, url, version) = read_request_line(start.text, start.index)?;
    let (headers, body) = headers::read_head_and_body(text, after_start);
    Ok(HttpRequest {
        method: method.to_string(),
        url: url.to_string(),
        version: version.map(str::to_string),
        headers,
        body,
    })
}

/// Splits a request line into method (upper-cased), URL and version; `index` is its line.
fn read_request_line(
    text: &str,
    index: usize,
) -> Result<(&'static str, &str, Option<&str>), HttpError> {
    let (token, rest) = first_token(text).unwrap_or_default();
    let Some(method) = method(token) else {
        let looks_like_status = token
            .get(..4)
            .is_some_and(|head| head.eq_ignore_ascii_case("HTTP"));
        let message = if looks_like_status {
            "the request starts with a status line, not a request line".to_string()
        } else {
            format!(
                "expected a request line starting with an HTTP method (GET, POST, PUT, PATCH, \
                 DELETE, HEAD or OPTIONS), found `{token}`"
            )
        };
        return Err(HttpError::new(index, message));
    };
    let rest = rest.trim_end();
    let (url, version) = match rest.rsplit_once(char::is_whitespace) {
        Some((url, last)) if is_version(last) => (url.trim_end(), Some(last)),
        _ if is_version(rest) => ("", Some(rest)),
        _ => (rest, None),
    };
    if url.is_empty() {
        return Err(HttpError::new(
            index,
            format!("the request line `{}` has no URL", text.trim()),
        ));
    }
    Ok((method, url, version))
}

#[cfg(test)]
mod tests {
    use super::{parse_request, Header, HttpError, HttpRequest};
    use proptest::prelude::*;

    fn header(name: &str, value: &str) -> Header {
        Header {
            name: name.to_string(),
            value: value.to_string(),
        }
    }

    fn request(method: &str, url: &str) -> HttpRequest {
        HttpRequest {
            method: method.to_string(),
            url: url.to_string(),
            version: None,
            headers: Vec::new(),
            body: None,
        }
    }

    fn error(line: usize, message: &str) -> HttpError {
        HttpError {
            line,
            message: message.to_string(),
        }
    }

    #[test]
    fn request_line_only() {
        assert_eq!(
            parse_request("GET https://graph.microsoft.com/v1.0/me"),
            Ok(request("GET", "https://graph.microsoft.com/v1.0/me"))
        );
    }

    #[test]
    fn full_request_with_crlf() {
        let text = "POST https://graph.microsoft.com/v1.0/me/contacts HTTP/1.1\r\n\
                    Content-Type: application/json\r\n\
                    \r\n\
                    {\r\n  \"givenName\": \"Pavel\"\r\n}\r\n";
        let parsed = parse_request(text);
        assert_eq!(
            parsed,
            Ok(HttpRequest {
                version: Some("HTTP/1.1".to_string()),
                headers: vec![header("Content-Type", "application/json")],
                body: Some("{\r\n  \"givenName\": \"Pavel\"\r\n}".to_string()),
                ..request("POST", "https://graph.microsoft.com/v1.0/me/contacts")
            })
        );
    }

    #[test]
    fn method_is_upper_cased_and_leading_blank_lines_are_skipped() {
        assert_eq!(
            parse_request("\n  \r\n\tpatch /me/contacts/{id}  \n"),
            Ok(request("PATCH", "/me/contacts/{id}"))
        );
        for method in ["get", "Post", "PUT", "delete", "head", "options"] {
            let parsed = parse_request(&format!("{method} /x"));
            assert_eq!(
                parsed.map(|request| request.method),
                Ok(method.to_uppercase())
            );
        }
    }

    #[test]
    fn url_with_spaces_and_a_version() {
        let parsed = parse_request("GET /users?$filter=startswith(displayName, 'a') HTTP/1.1");
        assert_eq!(
            parsed,
            Ok(HttpRequest {
                version: Some("HTTP/1.1".to_string()),
                ..request("GET", "/users?$filter=startswith(displayName, 'a')")
            })
        );
        assert_eq!(
            parse_request("GET /me/events?$filter=subject eq 'x'"),
            Ok(request("GET", "/me/events?$filter=subject eq 'x'"))
        );
    }

    #[test]
    fn version_must_be_the_last_token_to_count() {
        assert_eq!(
            parse_request("GET /a HTTP/1.1 b"),
            Ok(request("GET", "/a HTTP/1.1 b"))
        );
        assert_eq!(
            parse_request("GET /a HTTP/x"),
            Ok(request("GET", "/a HTTP/x"))
        );
    }

    #[test]
    fn headers_without_space_and_no_body() {
        let parsed = parse_request(
            "DELETE /me/contacts/1\nIf-Match:abc\nAuthorization: Bearer {token}\n\n  \n",
        );
        assert_eq!(
            parsed,
            Ok(HttpRequest {
                headers: vec![
                    header("If-Match", "abc"),
                    header("Authorization", "Bearer {token}")
                ],
                ..request("DELETE", "/me/contacts/1")
            })
        );
    }

    #[test]
    fn headers_after_a_blank_line_following_the_request_line() {
        let parsed = parse_request(
            "GET https://graph.microsoft.com/v1.0/me/contacts\n\nPrefer: odata.maxpagesize=2\n",
        );
        let parsed = parsed.as_ref();
        assert_eq!(
            parsed.map(|request| request.header("prefer")),
            Ok(Some("odata.maxpagesize=2"))
        );
        assert_eq!(parsed.map(|request| &request.body), Ok(&None));
    }

    #[test]
    fn body_after_a_blank_line_is_not_read_as_headers() {
        for body in ["{\n  \"a:b\": 1\n}", "[1]", "<x a:b=\"c\"/>"] {
            let parsed = parse_request(&format!("POST /x\n\n{body}\n"));
            assert_eq!(
                parsed,
                Ok(HttpRequest {
                    body: Some(body.to_string()),
                    ..request("POST", "/x")
                })
            );
        }
    }

    #[test]
    fn body_without_a_blank_line_before_it() {
        let parsed = parse_request("POST /x\nContent-type: application/json\n{\n  \"a\": 1\n}");
        let parsed = parsed.as_ref();
        assert_eq!(
            parsed.map(|request| request.header("Content-Type")),
            Ok(Some("application/json"))
        );
        assert_eq!(
            parsed.map(|request| request.body.as_deref()),
            Ok(Some("{\n  \"a\": 1\n}"))
        );
    }

    #[test]
    fn header_lookup_misses() {
        let parsed = parse_request("GET /x\nA: 1");
        assert_eq!(parsed.as_ref().map(|request| request.header("B")), Ok(None));
    }

    #[test]
    fn unknown_method_is_an_error_on_its_line() {
        assert_eq!(
            parse_request("\n\nFETCH /x"),
            Err(error(
                2,
                "expected a request line starting with an HTTP method (GET, POST, PUT, PATCH, \
                 DELETE, HEAD or OPTIONS), found `FETCH`"
            ))
        );
        assert_eq!(
            parse_request("{\"a\": 1}").map_err(|error| error.line),
            Err(0)
        );
    }

    #[test]
    fn status_line_in_a_request_is_an_error() {
        assert_eq!(
            parse_request("\nHTTP/1.1 200 OK"),
            Err(error(
                1,
                "the request starts with a status line, not a request line"
            ))
        );
    }

    #[test]
    fn missing_url_is_an_error() {
        assert_eq!(
            parse_request("GET"),
            Err(error(0, "the request line `GET` has no URL"))
        );
        assert_eq!(
            parse_request(" \npost   HTTP/1.1 \n"),
            Err(error(1, "the request line `post   HTTP/1.1` has no URL"))
        );
    }

    #[test]
    fn empty_request_is_an_error() {
        assert_eq!(parse_request(""), Err(error(0, "the request is empty")));
        assert_eq!(
            parse_request("\n \r\n"),
            Err(error(1, "the request is empty"))
        );
    }

    #[test]
    fn json_leaves_out_missing_parts() {
        let json = serde_json::to_string(&request("GET", "/me")).unwrap_or_default();
        assert_eq!(json, r#"{"method":"GET","url":"/me","headers":[]}"#);
    }

    proptest! {
        #[test]
        fn written_requests_read_back(
            method in prop::sample::select(vec!["GET", "POST", "PATCH", "DELETE"]),
            url in "/[a-z]{1,5}( [a-z$=']{1,5}){0,2}",
            version in prop::option::of(prop::sample::select(vec!["HTTP/1.1", "HTTP/2"])),
            names in prop::collection::vec("[A-Za-z][A-Za-z0-9-]{0,8}", 0..4),
            body in prop::option::of("\\{(\"[a-z]{1,4}\": [0-9]{1,3}\r?\n){0,3}\\}"),
            crlf in any::<bool>(),
        ) {
            let newline = if crlf { "\r\n" } else { "\n" };
            let mut text = format!("{method} {url}");
            if let Some(version) = version {
                text = format!("{text} {version}");
            }
            for (number, name) in names.iter().enumerate() {
                text = format!("{text}{newline}{name}: value {number}");
            }
            if let Some(body) = &body {
                text = format!("{text}{newline}{newline}{body}{newline}");
            }
            let headers = names
                .iter()
                .enumerate()
                .map(|(number, name)| header(name, &format!("value {number}")))
                .collect();
            prop_assert_eq!(
                parse_request(&text),
                Ok(HttpRequest {
                    version: version.map(str::to_string),
                    headers,
                    body,
                    ..request(method, &url)
                })
            );
        }
    }
}
