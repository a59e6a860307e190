//! Binding an example's URL to one of its operation's endpoints.

use super::{Binding, Endpoint, Segment};
use percent_encoding::percent_decode_str;
use regex::Regex;
use std::sync::LazyLock;

static SCHEME_AND_HOST: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^https?://[^/]+").expect("valid regex"));

/// Find the first endpoint with the example's method whose segments the URL's path fits:
/// literals equal ignoring case, parameters any non-empty value.
pub(crate) fn bind(method: &str, url: &str, endpoints: &[Endpoint]) -> Option<Binding> {
    let relative = SCHEME_AND_HOST.replace(url.trim(), "");
    let (path, query) = relative.split_once('?').unwrap_or((&relative, ""));
    let mut segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let version = segments
        .first()
        .filter(|s| s.eq_ignore_ascii_case("v1.0") || s.eq_ignore_ascii_case("beta"))
        .map(|s| s.to_ascii_lowercase());
    if version.is_some() {
        segments.remove(0);
    }
    let decoded: Vec<String> = segments.iter().map(|s| decode(s)).collect();
    let endpoint = endpoints.iter().position(|endpoint| {
        endpoint.method.eq_ignore_ascii_case(method)
            && endpoint.segments.len() == decoded.len()
            && endpoint
                .segments
                .iter()
                .zip(&decoded)
                .all(|(template, value)| match template {
                    Segment::Literal { value: literal } => literal.eq_ignore_ascii_case(value),
                    Segment::Parameter { .. } => !value.is_empty(),
                    Segment::Other { raw } => raw.eq_ignore_ascii_case(value),
                })
    })?;
    Some(Binding {
        endpoint,
        version,
        segments: decoded,
        query: query_pairs(query),
    })
}

fn decode(text: &str) -> String {
    percent_decode_str(text).decode_utf8_lossy().into_owned()
}

/// The `name=value` pairs of a query string, percent-decoded (`+` is kept: Graph URLs use it literally).
fn query_pairs(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(name.trim()), decode(value.trim()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::endpoints::split_segments;

    fn endpoint(method: &str, path: &str) -> Endpoint {
        Endpoint {
            method: method.into(),
            path: path.into(),
            line: 1,
            segments: split_segments(path),
        }
    }

    #[test]
    fn binds_by_method_and_segments() {
        let endpoints = [
            endpoint("GET", "/me/contacts/{id}"),
            endpoint(
                "POST",
                "/users/{usersId}/contacts/{contactId}/permanentDelete",
            ),
        ];
        let binding = bind(
            "POST",
            "https://graph.microsoft.com/beta/users/{usersId}/Contacts/AAMk%3D/permanentDelete?$select=a,b&x=1%202",
            &endpoints,
        )
        .expect("bound");
        assert_eq!(binding.endpoint, 1);
        assert_eq!(binding.version.as_deref(), Some("beta"));
        assert_eq!(binding.segments[3], "AAMk=");
        assert_eq!(
            binding.query,
            vec![("$select".into(), "a,b".into()), ("x".into(), "1 2".into())]
        );
    }

    #[test]
    fn unmatched_urls_do_not_bind() {
        let endpoints = [endpoint("GET", "/me/contacts/{id}")];
        assert!(bind("GET", "/me/contacts", &endpoints).is_none());
        assert!(bind("DELETE", "/me/contacts/1", &endpoints).is_none());
    }
}
