//! Binding an example's URL to one of its operation's endpoints.

use super::path::split_path;
use super::{Binding, BoundSegment, Endpoint, Part, Segment, ValueStyle};
use percent_encoding::percent_decode_str;
use regex::Regex;
use std::sync::LazyLock;

static SCHEME_AND_HOST: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^https?://[^/]+").expect("valid regex"));
static KEY_IN_PARENS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([A-Za-z_]\w*)\('?([^'()=]+)'?\)$").expect("valid regex"));

/// Find the first endpoint with the example's method whose segments the URL's path fits:
/// literals equal ignoring case, parameters any non-empty value, templates by their text.
/// `/me/...` also fits `/users/{id}/...`, and `messages('id')` also fits `messages/{id}`.
pub(crate) fn bind(method: &str, url: &str, endpoints: &[Endpoint]) -> Option<Binding> {
    let relative = SCHEME_AND_HOST.replace(url.trim(), "");
    let (path, query) = relative.split_once('?').unwrap_or((&relative, ""));
    let mut raw = split_path(path);
    let version = raw
        .first()
        .filter(|s| {
            ["v1.0", "beta", "v1"]
                .iter()
                .any(|v| s.eq_ignore_ascii_case(v))
        })
        .map(|s| {
            if s.eq_ignore_ascii_case("v1") {
                "v1.0".to_string()
            } else {
                s.to_ascii_lowercase()
            }
        });
    if version.is_some() {
        raw.remove(0);
    }
    let written: Vec<String> = raw.iter().map(|s| decode(s)).collect();
    for candidate in candidates(written) {
        for (index, endpoint) in endpoints.iter().enumerate() {
            if !endpoint.method.eq_ignore_ascii_case(method) {
                continue;
            }
            if let Some(segments) = fit(&endpoint.segments, &candidate) {
                return Some(Binding {
                    endpoint: index,
                    version,
                    segments,
                    query: query_pairs(query),
                });
            }
        }
    }
    None
}

/// The URL's segments as written, then its aliases: `/me` for `/users/me`, `/drive` for
/// `/me/drive`, a drive's `root` for `items/root`, keys in parentheses as separate segments.
fn candidates(written: Vec<String>) -> Vec<Vec<String>> {
    let mut all = vec![written.clone()];
    if written
        .first()
        .is_some_and(|s| s.eq_ignore_ascii_case("me"))
    {
        let mut users = vec!["users".to_string(), "me".to_string()];
        users.extend(written[1..].iter().cloned());
        all.push(users);
    }
    if written
        .first()
        .is_some_and(|s| s.eq_ignore_ascii_case("drive"))
    {
        let mut mine = vec!["me".to_string()];
        mine.extend(written.iter().cloned());
        all.push(mine);
    }
    let drive_roots: Vec<Vec<String>> = all
        .iter()
        .filter_map(|candidate| {
            let at = candidate.iter().enumerate().position(|(i, s)| {
                let after = |back: usize, name: &str| {
                    i.checked_sub(back)
                        .and_then(|p| candidate.get(p))
                        .is_some_and(|p| p.eq_ignore_ascii_case(name))
                };
                s.eq_ignore_ascii_case("root") && (after(1, "drive") || after(2, "drives"))
            })?;
            let mut items = candidate.clone();
            items.insert(at, "items".to_string());
            Some(items)
        })
        .collect();
    all.extend(drive_roots);
    let expanded: Vec<Vec<String>> = all
        .iter()
        .filter(|c| c.iter().any(|s| KEY_IN_PARENS.is_match(s)))
        .map(|c| {
            c.iter()
                .flat_map(|s| match KEY_IN_PARENS.captures(s) {
                    Some(k) => vec![k[1].to_string(), k[2].to_string()],
                    None => vec![s.clone()],
                })
                .collect()
        })
        .collect();
    all.extend(expanded);
    all
}

/// The values the written segments give the template, if they fit it.
fn fit(template: &[Segment], written: &[String]) -> Option<Vec<BoundSegment>> {
    if template.len() != written.len() {
        return None;
    }
    template
        .iter()
        .zip(written)
        .map(|(segment, written)| {
            let values = match segment {
                Segment::Literal { value } => value.eq_ignore_ascii_case(written).then(Vec::new)?,
                // A value holding `:/` is a drive item path: it fits a template, not a plain id.
                Segment::Parameter { .. } => (!written.is_empty() && !written.contains(":/"))
                    .then(|| vec![written.clone()])?,
                Segment::Template { parts, .. } => template_values(parts, written)?,
            };
            Some(BoundSegment {
                written: written.clone(),
                values,
            })
        })
        .collect()
}

/// Match a written segment against a template's parts and return its values.
fn template_values(parts: &[Part], written: &str) -> Option<Vec<String>> {
    // Most segments tried against a template do not even start like it: no regex for those.
    if let Some(Part::Text { text }) = parts.first() {
        let leading = text.split(',').next().unwrap_or_default();
        let starts_alike = written
            .get(..leading.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(leading));
        if !starts_alike {
            return None;
        }
    }
    let mut pattern = String::from("(?is)^");
    for part in parts {
        match part {
            // Pages write function arguments with or without a space after the comma.
            Part::Text { text } => pattern.push_str(&regex::escape(text).replace(',', r",\s*")),
            Part::Value { style, .. } => pattern.push_str(match style {
                ValueStyle::Quoted => "((?:[^']|'')*)",
                // Pages quote values their template leaves unquoted: such a value binds, and the
                // runtime will refuse to send it unquoted.
                ValueStyle::Raw => "('(?:[^']|'')*'|[^,()']*)",
                ValueStyle::Encoded | ValueStyle::Path => "(.+?)",
            }),
        }
    }
    pattern.push('$');
    let captures = Regex::new(&pattern).ok()?.captures(written)?;
    let styles = parts.iter().filter_map(|p| match p {
        Part::Value { style, .. } => Some(*style),
        Part::Text { .. } => None,
    });
    Some(
        captures
            .iter()
            .skip(1)
            .zip(styles)
            .map(|(value, style)| {
                let value = value.map_or("", |m| m.as_str());
                if style == ValueStyle::Quoted {
                    value.replace("''", "'")
                } else {
                    value.to_string()
                }
            })
            .collect(),
    )
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
    use crate::ir::path::parse_path;

    fn endpoint(method: &str, path: &str) -> Endpoint {
        Endpoint {
            method: method.into(),
            path: path.into(),
            line: 1,
            segments: parse_path(path),
            area: String::new(),
        }
    }

    fn values(binding: &Binding) -> Vec<Vec<String>> {
        binding.segments.iter().map(|s| s.values.clone()).collect()
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
        assert_eq!(binding.segments[3].values, ["AAMk="]);
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

    #[test]
    fn me_is_an_alias_of_users_id() {
        let endpoints = [endpoint(
            "GET",
            "/users/{id | userPrincipalName}/chats/{chat-id}/members",
        )];
        let binding = bind(
            "GET",
            "https://graph.microsoft.com/v1/me/chats/19:ab@thread.v2/members",
            &endpoints,
        )
        .expect("bound");
        assert_eq!(binding.version.as_deref(), Some("v1.0"));
        assert_eq!(
            values(&binding),
            [
                vec![],
                vec!["me".to_string()],
                vec![],
                vec!["19:ab@thread.v2".to_string()],
                vec![]
            ]
        );
    }

    #[test]
    fn template_values_are_captured() {
        let endpoints = [
            endpoint("GET", "/me/drive/root:/{item-path}:/content"),
            endpoint(
                "GET",
                "/me/drive/items/{id}/workbook/worksheets/{id|name}/range(address='{address}')",
            ),
        ];
        let binding =
            bind("GET", "/me/drive/root:/Folder A/b.txt:/content", &endpoints).expect("bound");
        assert_eq!(binding.segments[2].values, ["Folder A/b.txt"]);
        let binding = bind(
            "GET",
            "/me/drive/items/01/workbook/worksheets/Sheet1/range(address='It''s!A1')",
            &endpoints,
        )
        .expect("bound");
        assert_eq!(binding.segments[7].values, ["It's!A1"]);
    }

    #[test]
    fn a_drive_root_is_an_item() {
        let endpoints = [endpoint(
            "GET",
            "/me/drive/items/{id}/workbook/worksheets/{id}/pivotTables",
        )];
        let binding = bind(
            "GET",
            "/me/drive/root/workbook/worksheets/S1/pivotTables",
            &endpoints,
        )
        .expect("bound");
        assert_eq!(binding.segments[3].values, ["root"]);
    }

    #[test]
    fn keys_in_parentheses_fit_item_segments() {
        let endpoints = [endpoint("GET", "/me/messages/{id}")];
        let binding = bind("GET", "/me/messages('AAMk')", &endpoints).expect("bound");
        assert_eq!(binding.segments[2].values, ["AAMk"]);
    }
}
