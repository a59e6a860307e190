//! Raw HTTP text from the pages' example blocks -> structured requests and responses.
//!
//! The pages are written by hand, so the reading is lenient: LF or CRLF, blank lines before the
//! start line, `Name:value` without a space, a missing blank line before the body, headers after
//! a stray blank line, status lines without `HTTP/x.y`. It never panics, whatever the text.

mod headers;
mod lines;
mod request;
mod response;

pub use headers::Header;
pub use request::{parse_request, HttpRequest};
pub use response::{parse_response, HttpResponse};

use std::fmt;

/// Why a block could not be read; `line` is the 0-based line index inside the block text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpError {
    /// The 0-based index of the offending line inside the block text.
    pub line: usize,
    /// What is wrong, in one sentence.
    pub message: String,
}

impl HttpError {
    /// An error about line `line` of the block.
    fn new(line: usize, message: impl Into<String>) -> Self {
        Self {
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for HttpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for HttpError {}

/// The methods a request line may start with, upper-cased.
const METHODS: [&str; 7] = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

/// `token` upper-cased, if it is one of [`METHODS`] in any case.
fn method(token: &str) -> Option<&'static str> {
    METHODS
        .into_iter()
        .find(|method| method.eq_ignore_ascii_case(token))
}

/// Whether `token` is a protocol version such as `HTTP/1.1` or `HTTP/2` (`HTTP` in any case).
fn is_version(token: &str) -> bool {
    let Some((protocol, number)) = token.split_once('/') else {
        return false;
    };
    let is_digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    protocol.eq_ignore_ascii_case("HTTP")
        && match number.split_once('.') {
            Some((major, minor)) => is_digits(major) && is_digits(minor),
            None => is_digits(number),
        }
}

/// The first whitespace-separated token of `text` and the rest after it, leading whitespace of
/// both removed; `None` when `text` is blank.
fn first_token(text: &str) -> Option<(&str, &str)> {
    let text = text.trim_start();
    if text.is_empty() {
        return None;
    }
    Some(
        text.split_once(char::is_whitespace)
            .map_or((text, ""), |(token, rest)| (token, rest.trim_start())),
    )
}

#[cfg(test)]
mod tests {
    use super::{first_token, is_version, method, parse_request, parse_response, HttpError};
    use proptest::prelude::*;

    #[test]
    fn methods_in_any_case() {
        assert_eq!(method("get"), Some("GET"));
        assert_eq!(method("Patch"), Some("PATCH"));
        assert_eq!(method("OPTIONS"), Some("OPTIONS"));
        assert_eq!(method("FETCH"), None);
        assert_eq!(method(""), None);
    }

    #[test]
    fn versions() {
        for token in ["HTTP/1.1", "HTTP/1.0", "HTTP/2", "http/1.1", "HTTP/10.25"] {
            assert!(is_version(token), "{token}");
        }
        for token in [
            "HTTP",
            "HTTP/",
            "HTTP/1.",
            "HTTP/.1",
            "HTTP/1.1.1",
            "HTTPS/1.1",
            "1.1",
        ] {
            assert!(!is_version(token), "{token}");
        }
    }

    #[test]
    fn tokens() {
        assert_eq!(first_token("  GET \t /me  x "), Some(("GET", "/me  x ")));
        assert_eq!(first_token("GET"), Some(("GET", "")));
        assert_eq!(first_token(" \t "), None);
    }

    #[test]
    fn errors_display_their_message() {
        let error = HttpError::new(3, "bad");
        assert_eq!(error.to_string(), "bad");
        assert_eq!(error.line, 3);
    }

    /// Pieces that look like bits of HTTP, to reach deeper into the parsers than random text.
    fn http_ish() -> impl Strategy<Value = String> {
        let fragments = prop::sample::select(vec![
            "GET ",
            "post ",
            "HTTP/1.1",
            "HTTP/2",
            "HTTP ",
            "200",
            "204 ",
            "999",
            ":",
            ": ",
            "\r\n",
            "\n",
            "\r",
            "{",
            "}",
            "[",
            "<",
            " ",
            "\t",
            "Content-Type",
            "é",
            "/me",
        ]);
        prop::collection::vec(
            prop_oneof![
                fragments.prop_map(String::from),
                "[a-zA-Z0-9]{1,3}".prop_map(String::from),
            ],
            0..40,
        )
        .prop_map(|parts| parts.concat())
    }

    proptest! {
        #[test]
        fn never_panics_on_any_text(text in any::<String>()) {
            let _ = parse_request(&text);
            let _ = parse_response(&text);
        }

        #[test]
        fn never_panics_on_http_ish_text(text in http_ish()) {
            // Errors must point at a line of the block.
            let lines = text.split('\n').count();
            if let Err(error) = parse_request(&text) {
                prop_assert!(error.line < lines);
            }
            if let Err(error) = parse_response(&text) {
                prop_assert!(error.line < lines);
            }
        }
    }
}
