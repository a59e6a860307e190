//! Header lines and the body that follows them, shared by requests and responses.

use super::lines::{self, Line};
use serde::Serialize;

/// One `Name: value` header, name as written and value trimmed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Header {
    /// The header name as written (e.g. `Content-Type`).
    pub name: String,
    /// The value after the colon, trimmed.
    pub value: String,
}

/// The first header named `name` (compared ignoring ASCII case), if any.
pub(super) fn find<'a>(headers: &'a [Header], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|header| header.name.eq_ignore_ascii_case(name))
        .map(|header| header.value.as_str())
}

/// Reads a `Token: value` line, where the token is made of ASCII letters, digits and `-`.
/// Surrounding whitespace of the line is ignored. Anything else is not a header.
fn parse_line(text: &str) -> Option<Header> {
    let (name, value) = text.trim().split_once(':')?;
    let is_token = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    is_token.then(|| Header {
        name: name.to_string(),
        value: value.trim().to_string(),
    })
}

/// Reads header lines from the start of `lines` up to the first line that is blank or is not a
/// header; each header takes one line.
fn read_run(lines: &[Line<'_>]) -> Vec<Header> {
    lines
        .iter()
        .map_while(|line| parse_line(line.text))
        .collect()
}

/// Splits the lines after a request or status line into headers and body.
///
/// Headers run until the first blank line; a line that is not a header ends them too, and
/// starts the body (pages sometimes leave out the blank line before the body). When the
/// start line is directly followed by blank lines and then by header lines, those are headers
/// too; a body beginning with `{`, `[` or `<` never is, as no header name holds those characters.
/// The body is the rest of `text` from its first non-blank line, trailing whitespace trimmed.
pub(super) fn read_head_and_body(
    text: &str,
    after_start: &[Line<'_>],
) -> (Vec<Header>, Option<String>) {
    let mut headers = read_run(after_start);
    let mut used = headers.len();
    if headers.is_empty() {
        let blanks = after_start
            .iter()
            .take_while(|line| line.is_blank())
            .count();
        if blanks > 0 {
            let late = read_run(after_start.get(blanks..).unwrap_or_default());
            if !late.is_empty() {
                used = blanks + late.len();
                headers = late;
            }
        }
    }
    let body = lines::rest_from(text, after_start.get(used..).unwrap_or_default());
    (headers, body)
}

#[cfg(test)]
mod tests {
    use super::lines::split;
    use super::{find, parse_line, read_head_and_body, Header};

    fn header(name: &str, value: &str) -> Header {
        Header {
            name: name.to_string(),
            value: value.to_string(),
        }
    }

    /// Headers and body of `text`, whose first line stands for the start line.
    fn head_and_body(text: &str) -> (Vec<Header>, Option<String>) {
        let lines = split(text);
        read_head_and_body(text, lines.get(1..).unwrap_or_default())
    }

    #[test]
    fn header_lines_with_and_without_space() {
        assert_eq!(
            parse_line("Content-Type: application/json"),
            Some(header("Content-Type", "application/json"))
        );
        assert_eq!(
            parse_line("Prefer:odata.maxpagesize=2 "),
            Some(header("Prefer", "odata.maxpagesize=2"))
        );
        assert_eq!(
            parse_line("  If-Match: W/\"a:b\""),
            Some(header("If-Match", "W/\"a:b\""))
        );
        assert_eq!(parse_line("X-Empty:"), Some(header("X-Empty", "")));
    }

    #[test]
    fn non_header_lines() {
        for text in [
            "",
            "no colon here",
            ": value",
            "\"id\": \"1\"",
            "{\"a\": 1}",
            "Content Type: x",
            "<a:b/>",
        ] {
            assert_eq!(parse_line(text), None, "{text:?}");
        }
    }

    #[test]
    fn find_ignores_case_and_takes_the_first() {
        let headers = [header("Content-Type", "a"), header("content-type", "b")];
        assert_eq!(find(&headers, "CONTENT-TYPE"), Some("a"));
        assert_eq!(find(&headers, "Prefer"), None);
    }

    #[test]
    fn headers_then_blank_then_body() {
        let (headers, body) = head_and_body("START\nA: 1\nB:2\n\n\n{\n  \"x\": 1\n}\n\n");
        assert_eq!(headers, [header("A", "1"), header("B", "2")]);
        assert_eq!(body.as_deref(), Some("{\n  \"x\": 1\n}"));
    }

    #[test]
    fn body_right_after_headers_without_blank_line() {
        let (headers, body) = head_and_body("START\nContent-Type: application/json\n{\n}");
        assert_eq!(headers, [header("Content-Type", "application/json")]);
        assert_eq!(body.as_deref(), Some("{\n}"));
    }

    #[test]
    fn headers_after_a_stray_blank_line() {
        let (headers, body) = head_and_body("START\n\nPrefer: odata.maxpagesize=2\n");
        assert_eq!(headers, [header("Prefer", "odata.maxpagesize=2")]);
        assert_eq!(body, None);
        let (headers, body) = head_and_body("START\n\n\nA: 1\n\n{}");
        assert_eq!(headers, [header("A", "1")]);
        assert_eq!(body.as_deref(), Some("{}"));
    }

    #[test]
    fn bodies_after_a_blank_line_are_not_headers() {
        for rest in ["{\"a:b\": 1}", "[\"a:b\"]", "<a:b/>", "\"a\": 1"] {
            let (headers, body) = head_and_body(&format!("START\n\n{rest}"));
            assert!(headers.is_empty(), "{rest}");
            assert_eq!(body.as_deref(), Some(rest));
        }
    }

    #[test]
    fn nothing_after_the_start_line() {
        assert_eq!(head_and_body("START"), (Vec::new(), None));
        assert_eq!(head_and_body("START\r\n \r\n\t\n"), (Vec::new(), None));
    }

    #[test]
    fn crlf_body_is_kept_as_written() {
        let (headers, body) = head_and_body("START\r\nA: 1\r\n\r\n{\r\n}\r\n");
        assert_eq!(headers, [header("A", "1")]);
        assert_eq!(body.as_deref(), Some("{\r\n}"));
    }
}
