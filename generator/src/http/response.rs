//! Responses: a status line such as `HTTP/1.1 200 OK`, then headers, then an optional body.

use super::headers::{self, Header};
use super::{first_token, is_version, lines, method, HttpError};
use serde::Serialize;

/// An example response, as written on a page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HttpResponse {
    /// The status code, in `100..=599`.
    pub status: u16,
    /// The reason phrase as written (even when it does not match the code), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The protocol version (e.g. `HTTP/1.1`) when the status line starts with one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// The headers, in order.
    pub headers: Vec<Header>,
    /// The body, trailing whitespace trimmed; `None` when there is none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
}

impl HttpResponse {
    /// The value of the first header named `name`, ignoring ASCII case.
    #[must_use]
    pub fn header(&self, name: &str) -> Option<&str> {
        headers::find(&self.headers, name)
    }
}

/// The parts of a status line: code, reason phrase and version.
type StatusLine<'a> = (u16, Option<&'a str>, Option<&'a str>);

/// Reads an example response block.
///
/// The status line may be `HTTP/1.1 200 OK`, `HTTP/1.1 200`, `HTTP 201 Created`, `201 Created`
/// or `HTTP/2 204`.
///
/// # Errors
///
/// When the block is blank, or its first non-blank line holds no status code in `100..=599` in
/// one of those forms, or is a request line.
pub fn parse_response(text: &str) -> Result<HttpResponse, HttpError> {
    let all = lines::split(text);
    let blanks = all.iter().take_while(|line| line.is_blank()).count();
    let Some((start, after_start)) = all.get(blanks..).unwrap_or_default().split_first() else {
        return Err(HttpError::new(
            all.len().saturating_sub(1),
            "the response is empty",
        ));
    };
    let (status, reason, version) = read_status_line(start.text, start.index)?;
    let (headers, body) = headers::read_head_and_body(text, after_start);
    Ok(HttpResponse {
        status,
        reason: reason.map(str::to_string),
        version: version.map(str::to_string),
        headers,
        body,
    })
}

/// Splits a status line into code, reason phrase and version; `index` is its line.
fn read_status_line(text: &str, index: usize) -> Result<StatusLine<'_>, HttpError> {
    let (first, rest) = first_token(text).unwrap_or_default();
    if method(first).is_some() {
        return Err(HttpError::new(
            index,
            format!(
                "the response starts with a request line (`{}`), not a status line",
                text.trim()
            ),
        ));
    }
    let (version, code, rest) = if first.eq_ignore_ascii_case("HTTP") {
        let (code, rest) = first_token(rest).unwrap_or_default();
        (None, code, rest)
    } else if is_version(first) {
        let (code, rest) = first_token(rest).unwrap_or_default();
        (Some(first), code, rest)
    } else {
        (None, first, rest)
    };
    let Some(status) = status_code(code) else {
        return Err(HttpError::new(
            index,
            format!(
                "expected a status line such as `HTTP/1.1 200 OK` with a code in 100..=599, \
                 found `{}`",
                text.trim()
            ),
        ));
    };
    let reason = rest.trim_end();
    Ok((status, (!reason.is_empty()).then_some(reason), version))
}

/// `token` as a status code, if it is three ASCII digits in `100..=599`.
fn status_code(token: &str) -> Option<u16> {
    if token.len() != 3 || !token.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    token.parse().ok().filter(|code| (100..=599).contains(code))
}

#[cfg(test)]
mod tests {
    use super::{parse_response, status_code, Header, HttpError, HttpResponse};

    fn header(name: &str, value: &str) -> Header {
        Header {
            name: name.to_string(),
            value: value.to_string(),
        }
    }

    fn response(status: u16, reason: Option<&str>, version: Option<&str>) -> HttpResponse {
        HttpResponse {
            status,
            reason: reason.map(str::to_string),
            version: version.map(str::to_string),
            headers: Vec::new(),
            body: None,
        }
    }

    fn error_line(text: &str) -> Result<HttpResponse, usize> {
        parse_response(text).map_err(|error| error.line)
    }

    #[test]
    fn status_codes() {
        assert_eq!(status_code("100"), Some(100));
        assert_eq!(status_code("599"), Some(599));
        for token in [
            "099",
            "600",
            "999",
            "20",
            "2000",
            "+20",
            "２００",
            "",
            "abc",
        ] {
            assert_eq!(status_code(token), None, "{token}");
        }
    }

    #[test]
    fn status_line_forms() {
        let cases = [
            (
                "HTTP/1.1 200 OK",
                response(200, Some("OK"), Some("HTTP/1.1")),
            ),
            ("HTTP/1.1 200", response(200, None, Some("HTTP/1.1"))),
            ("HTTP 201 Created", response(201, Some("Created"), None)),
            ("201 Created", response(201, Some("Created"), None)),
            ("HTTP/2 204", response(204, None, Some("HTTP/2"))),
            (
                "HTTP/1.1 201 OK",
                response(201, Some("OK"), Some("HTTP/1.1")),
            ),
            (
                "http/1.1  404  Not  Found ",
                response(404, Some("Not  Found"), Some("http/1.1")),
            ),
            (
                "\r\n\n  HTTP/1.1 204 No Content\r\n",
                response(204, Some("No Content"), Some("HTTP/1.1")),
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_response(text), Ok(expected), "{text:?}");
        }
    }

    #[test]
    fn headers_and_body() {
        let text = "HTTP/1.1 200 OK\r\nContent-type: application/json\r\n\r\n{\r\n  \"value\": []\r\n}\r\n\r\n";
        let parsed = parse_response(text);
        assert_eq!(
            parsed,
            Ok(HttpResponse {
                headers: vec![header("Content-type", "application/json")],
                body: Some("{\r\n  \"value\": []\r\n}".to_string()),
                ..response(200, Some("OK"), Some("HTTP/1.1"))
            })
        );
        let parsed = parsed.as_ref();
        assert_eq!(
            parsed.map(|response| response.header("CONTENT-TYPE")),
            Ok(Some("application/json"))
        );
        assert_eq!(parsed.map(|response| response.header("ETag")), Ok(None));
    }

    #[test]
    fn body_right_after_the_status_line() {
        assert_eq!(
            parse_response("HTTP/1.1 200 OK\n{\n  \"id\": \"1\"\n}"),
            Ok(HttpResponse {
                body: Some("{\n  \"id\": \"1\"\n}".to_string()),
                ..response(200, Some("OK"), Some("HTTP/1.1"))
            })
        );
    }

    #[test]
    fn headers_after_a_blank_line_following_the_status_line() {
        assert_eq!(
            parse_response("HTTP/1.1 202 Accepted\n\nLocation: https://x/y\n"),
            Ok(HttpResponse {
                headers: vec![header("Location", "https://x/y")],
                ..response(202, Some("Accepted"), Some("HTTP/1.1"))
            })
        );
    }

    #[test]
    fn request_line_is_an_error_that_says_so() {
        assert_eq!(
            parse_response("\nGET https://graph.microsoft.com/v1.0/me\n"),
            Err(HttpError {
                line: 1,
                message: "the response starts with a request line \
                          (`GET https://graph.microsoft.com/v1.0/me`), not a status line"
                    .to_string()
            })
        );
        assert_eq!(error_line("post /x HTTP/1.1"), Err(0));
    }

    #[test]
    fn missing_or_bad_status_is_an_error_on_its_line() {
        assert_eq!(
            parse_response("\n\nHTTP/1.1 OK"),
            Err(HttpError {
                line: 2,
                message: "expected a status line such as `HTTP/1.1 200 OK` with a code in \
                          100..=599, found `HTTP/1.1 OK`"
                    .to_string()
            })
        );
        for text in [
            "HTTP/1.1",
            "HTTP",
            "HTTP/1.1 999 Odd",
            "HTTP/1.1 099",
            "HTTP/x 200 OK",
            "OK 200",
            "{\"a\": 200}",
            "2000 OK",
        ] {
            assert_eq!(error_line(text), Err(0), "{text}");
        }
    }

    #[test]
    fn empty_response_is_an_error() {
        assert_eq!(
            parse_response(" \n\t"),
            Err(HttpError {
                line: 1,
                message: "the response is empty".to_string()
            })
        );
    }

    #[test]
    fn json_leaves_out_missing_parts() {
        let json = serde_json::to_string(&response(204, None, None)).unwrap_or_default();
        assert_eq!(json, r#"{"status":204,"headers":[]}"#);
        let json =
            serde_json::to_string(&response(200, Some("OK"), Some("HTTP/1.1"))).unwrap_or_default();
        assert_eq!(
            json,
            r#"{"status":200,"reason":"OK","version":"HTTP/1.1","headers":[]}"#
        );
    }
}
