//! Percent-encoding of caller-supplied path segments and query pairs.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Bytes encoded in a path segment: everything except the RFC 3986
/// unreserved characters and the sub-delimiters, `:` and `@` that a
/// segment may hold literally.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'!')
    .remove(b'$')
    .remove(b'&')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b'+')
    .remove(b',')
    .remove(b';')
    .remove(b'=')
    .remove(b':')
    .remove(b'@');

/// Bytes encoded in a query name or value: everything except the RFC 3986
/// unreserved characters and the few delimiters that carry no meaning
/// inside a query pair (`$`, `,`, `(`, `)`, `:`, `@`, `/`, `?`, `!`, `*`).
/// In particular `&`, `=`, `+`, `#`, `%`, `'`, `;` and space are encoded.
const QUERY: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'$')
    .remove(b',')
    .remove(b'(')
    .remove(b')')
    .remove(b':')
    .remove(b'@')
    .remove(b'/')
    .remove(b'?')
    .remove(b'!')
    .remove(b'*');

/// Encodes `value` so that it stays exactly one path segment.
///
/// `.` and `..` are encoded as `%2E` and `%2E%2E` so they are not read as
/// dot segments. The caller rejects empty values.
pub(crate) fn segment(value: &str) -> String {
    match value {
        "." => "%2E".to_owned(),
        ".." => "%2E%2E".to_owned(),
        _ => utf8_percent_encode(value, SEGMENT).to_string(),
    }
}

/// Renders query pairs as `name=value&name=value`, in order.
pub(crate) fn query(pairs: &[(String, String)]) -> String {
    let mut rendered = String::new();
    for (name, value) in pairs {
        if !rendered.is_empty() {
            rendered.push('&');
        }
        rendered.extend(utf8_percent_encode(name, QUERY));
        rendered.push('=');
        rendered.extend(utf8_percent_encode(value, QUERY));
    }
    rendered
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segment_keeps_unreserved_and_sub_delimiters() {
        assert_eq!(segment("AZaz09-._~"), "AZaz09-._~");
        assert_eq!(segment("!$&'()*+,;=:@"), "!$&'()*+,;=:@");
    }

    #[test]
    fn segment_encodes_separators_and_unsafe_characters() {
        assert_eq!(segment("a/b"), "a%2Fb");
        assert_eq!(segment("a?b#c"), "a%3Fb%23c");
        assert_eq!(segment("100%"), "100%25");
        assert_eq!(segment("a b"), "a%20b");
        assert_eq!(
            segment("[]{}\"<>\\^|`"),
            "%5B%5D%7B%7D%22%3C%3E%5C%5E%7C%60"
        );
        assert_eq!(segment("\r\n\0\u{7f}"), "%0D%0A%00%7F");
        assert_eq!(segment("é✓"), "%C3%A9%E2%9C%93");
    }

    #[test]
    fn segment_encodes_dot_segments() {
        assert_eq!(segment("."), "%2E");
        assert_eq!(segment(".."), "%2E%2E");
        assert_eq!(segment("..."), "...");
        assert_eq!(segment("a..b"), "a..b");
    }

    #[test]
    fn query_encodes_pair_delimiters() {
        let pairs = [
            ("$filter".to_owned(), "name eq 'a&b=c'".to_owned()),
            ("$select".to_owned(), "id,displayName".to_owned()),
            ("q".to_owned(), "1+1#x%;".to_owned()),
        ];
        assert_eq!(
            query(&pairs),
            "$filter=name%20eq%20%27a%26b%3Dc%27&$select=id,displayName&q=1%2B1%23x%25%3B"
        );
    }

    #[test]
    fn query_keeps_order_and_duplicates() {
        let pairs = [
            ("b".to_owned(), "2".to_owned()),
            ("a".to_owned(), "1".to_owned()),
            ("b".to_owned(), String::new()),
        ];
        assert_eq!(query(&pairs), "b=2&a=1&b=");
        assert_eq!(query(&[]), "");
    }

    #[test]
    fn query_encodes_non_ascii() {
        let pairs = [("search".to_owned(), "\"café\"".to_owned())];
        assert_eq!(query(&pairs), "search=%22caf%C3%A9%22");
    }
}
