//! Path templates: splitting a path into segments (`/` inside braces, parentheses, quotes and
//! `:/item/path:` spans does not split) and reading each segment.

use super::{Part, Segment, ValueStyle};
use regex::Regex;
use std::sync::LazyLock;

static GUID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
        .expect("valid regex")
});
static FUNCTION_CALL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?s)^([A-Za-z_][\w.]*)?\((.*)\)$").expect("valid regex"));
static PLACEHOLDER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\{([^{}]*)\}|<([^<>]*)>").expect("valid regex"));

/// Split a path (no query string) into its non-empty raw segments.
pub(crate) fn split_path(path: &str) -> Vec<&str> {
    let mut segments = Vec::new();
    let (mut parens, mut braces) = (0usize, 0usize);
    let (mut in_quote, mut in_item_path) = (false, false);
    let mut start = 0;
    let mut chars = path.char_indices().peekable();
    while let Some((index, c)) = chars.next() {
        let top_level = parens == 0 && braces == 0 && !in_quote;
        match c {
            '\'' if parens > 0 => in_quote = !in_quote,
            '(' if !in_quote => parens += 1,
            ')' if !in_quote => parens = parens.saturating_sub(1),
            '{' => braces += 1,
            '}' => braces = braces.saturating_sub(1),
            ':' if top_level => {
                let next_is_slash = chars.peek().is_some_and(|&(_, n)| n == '/');
                if in_item_path {
                    in_item_path = false;
                } else if next_is_slash {
                    in_item_path = true;
                }
            }
            '/' if top_level && !in_item_path => {
                segments.push(&path[start..index]);
                start = index + 1;
            }
            _ => {}
        }
    }
    segments.push(&path[start..]);
    segments
        .into_iter()
        .filter(|s| !s.trim().is_empty())
        .collect()
}

/// Read a path template into segments.
pub(crate) fn parse_path(path: &str) -> Vec<Segment> {
    split_path(path).into_iter().map(parse_segment).collect()
}

/// Read one raw segment of a template.
pub(crate) fn parse_segment(raw: &str) -> Segment {
    let raw = raw.trim();
    if let Some(name) = whole_placeholder(raw) {
        return Segment::Parameter { name };
    }
    if GUID.is_match(raw) {
        return Segment::Parameter {
            name: "id".to_string(),
        };
    }
    let parts = if let Some(index) = raw.find(":/") {
        item_path_parts(raw, index)
    } else if let Some(captures) = FUNCTION_CALL.captures(raw) {
        let name = captures.get(1).map_or("", |m| m.as_str());
        function_parts(name, captures.get(2).map_or("", |m| m.as_str()))
    } else {
        text_parts(raw, ValueStyle::Encoded)
    };
    if parts.iter().any(|p| matches!(p, Part::Value { .. })) {
        Segment::Template {
            raw: raw.to_string(),
            parts,
        }
    } else {
        Segment::Literal {
            value: raw.to_string(),
        }
    }
}

/// `{name}` or `<name>` as a whole segment; also the forms pages write by mistake:
/// `{user-id} | user-principal-name` and `(team-id)`.
fn whole_placeholder(raw: &str) -> Option<String> {
    if raw.starts_with('{') && raw.contains('|') && raw.matches('{').count() == 1 {
        let name: String = raw.chars().filter(|c| !matches!(c, '{' | '}')).collect();
        return Some(name.split_whitespace().collect::<Vec<_>>().join(" "));
    }
    if let Some(inner) = raw.strip_prefix('(').and_then(|s| s.strip_suffix(')')) {
        let is_name = !inner.is_empty()
            && inner
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if is_name {
            return Some(inner.to_string());
        }
    }
    let inner = raw
        .strip_prefix('{')
        .and_then(|s| s.strip_suffix('}'))
        .or_else(|| raw.strip_prefix('<').and_then(|s| s.strip_suffix('>')))?;
    if inner.contains(['{', '}', '<', '>']) || inner.trim().is_empty() {
        return None;
    }
    Some(inner.trim().to_string())
}

/// `root:/{item-path}:` or `{parent-id}:/{file-name}:`: the text before `:/`, then a path value.
fn item_path_parts(raw: &str, index: usize) -> Vec<Part> {
    let mut parts = text_parts(&raw[..index], ValueStyle::Encoded);
    let rest = &raw[index + 2..];
    let (inner, closed) = match rest.strip_suffix(':') {
        Some(inner) => (inner, true),
        None => (rest, false),
    };
    push_text(&mut parts, ":/");
    match whole_placeholder(inner) {
        Some(name) => parts.push(Part::Value {
            name,
            style: ValueStyle::Path,
        }),
        None => parts.extend(text_parts(inner, ValueStyle::Encoded)),
    }
    if closed {
        push_text(&mut parts, ":");
    }
    parts
}

/// `name(a='{x}',b={y})`: every argument value becomes a parameter, named by its placeholder
/// or, for values written as examples (`count=n`), by its key.
fn function_parts(name: &str, arguments: &str) -> Vec<Part> {
    let mut parts = Vec::new();
    push_text(&mut parts, &format!("{name}("));
    for (index, argument) in split_arguments(arguments).into_iter().enumerate() {
        if index > 0 {
            push_text(&mut parts, ",");
        }
        let (key, value) = match argument.split_once('=') {
            Some((key, value)) if !key.contains('\'') => (Some(key.trim()), value.trim()),
            _ => (None, argument.trim()),
        };
        if let Some(key) = key {
            push_text(&mut parts, &format!("{key}="));
        }
        let fallback = key.unwrap_or(if name.is_empty() { "key" } else { "value" });
        match value.find('\'') {
            Some(open) if value.ends_with('\'') && value.len() > open + 1 => {
                let inner = &value[open + 1..value.len() - 1];
                push_text(&mut parts, &value[..=open]);
                let name = whole_placeholder(inner).unwrap_or_else(|| fallback.to_string());
                parts.push(Part::Value {
                    name,
                    style: ValueStyle::Quoted,
                });
                push_text(&mut parts, "'");
            }
            _ => {
                let name = whole_placeholder(value).unwrap_or_else(|| fallback.to_string());
                parts.push(Part::Value {
                    name,
                    style: ValueStyle::Raw,
                });
            }
        }
    }
    push_text(&mut parts, ")");
    parts
}

/// Arguments of a function call, split on commas outside quotes.
fn split_arguments(arguments: &str) -> Vec<&str> {
    if arguments.trim().is_empty() {
        return Vec::new();
    }
    let mut found = Vec::new();
    let (mut in_quote, mut start) = (false, 0);
    for (index, c) in arguments.char_indices() {
        match c {
            '\'' => in_quote = !in_quote,
            ',' if !in_quote => {
                found.push(&arguments[start..index]);
                start = index + 1;
            }
            _ => {}
        }
    }
    found.push(&arguments[start..]);
    found
}

/// Text with `{name}` / `<name>` placeholders inside.
fn text_parts(text: &str, style: ValueStyle) -> Vec<Part> {
    let mut parts = Vec::new();
    let mut last = 0;
    for captures in PLACEHOLDER.captures_iter(text) {
        let whole = captures.get(0).map_or(0..0, |m| m.range());
        push_text(&mut parts, &text[last..whole.start]);
        let name = captures
            .get(1)
            .or_else(|| captures.get(2))
            .map_or("", |m| m.as_str());
        parts.push(Part::Value {
            name: name.trim().to_string(),
            style,
        });
        last = whole.end;
    }
    push_text(&mut parts, &text[last..]);
    parts
}

/// Append text, merging it with a text part just before.
fn push_text(parts: &mut Vec<Part>, text: &str) {
    if text.is_empty() {
        return;
    }
    if let Some(Part::Text { text: previous }) = parts.last_mut() {
        previous.push_str(text);
    } else {
        parts.push(Part::Text {
            text: text.to_string(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(t: &str) -> Part {
        Part::Text {
            text: t.to_string(),
        }
    }

    fn value(name: &str, style: ValueStyle) -> Part {
        Part::Value {
            name: name.to_string(),
            style,
        }
    }

    #[test]
    fn slashes_inside_item_paths_functions_and_braces_do_not_split() {
        assert_eq!(
            split_path("/me/drive/root:/{item-path}:/content"),
            ["me", "drive", "root:/{item-path}:", "content"]
        );
        assert_eq!(
            split_path("/me/drive/root:/a/b.txt:"),
            ["me", "drive", "root:/a/b.txt:"]
        );
        assert_eq!(
            split_path("/w/range(address='A1/B2')/format"),
            ["w", "range(address='A1/B2')", "format"]
        );
        assert_eq!(
            split_path("/chats/19:abc@thread.v2/members"),
            ["chats", "19:abc@thread.v2", "members"]
        );
        assert_eq!(
            split_path("users/{id | upn}//x/"),
            ["users", "{id | upn}", "x"]
        );
    }

    #[test]
    fn segments_are_literals_parameters_or_templates() {
        assert_eq!(
            parse_segment("contacts"),
            Segment::Literal {
                value: "contacts".into()
            }
        );
        assert_eq!(
            parse_segment("{id | userPrincipalName}"),
            Segment::Parameter {
                name: "id | userPrincipalName".into()
            }
        );
        assert_eq!(
            parse_segment("acdefc6b-2dc6-4e71-b1e9-6d9810ab1793"),
            Segment::Parameter { name: "id".into() }
        );
        assert_eq!(
            parse_segment("$value"),
            Segment::Literal {
                value: "$value".into()
            }
        );
        assert_eq!(
            parse_segment("microsoft.graph.delta()"),
            Segment::Literal {
                value: "microsoft.graph.delta()".into()
            }
        );
    }

    #[test]
    fn function_arguments_become_values() {
        let Segment::Template { parts, .. } = parse_segment("range(address='{address}')") else {
            panic!("template expected");
        };
        assert_eq!(
            parts,
            [
                text("range(address='"),
                value("address", ValueStyle::Quoted),
                text("')")
            ]
        );
        let Segment::Template { parts, .. } = parse_segment("rowsBelow(count=n)") else {
            panic!("template expected");
        };
        assert_eq!(
            parts,
            [
                text("rowsBelow(count="),
                value("count", ValueStyle::Raw),
                text(")")
            ]
        );
        let Segment::Template { parts, .. } = parse_segment(
            "supportedTimeZones(TimeZoneStandard=microsoft.graph.timeZoneStandard'{tz}')",
        ) else {
            panic!("template expected");
        };
        assert_eq!(
            parts,
            [
                text("supportedTimeZones(TimeZoneStandard=microsoft.graph.timeZoneStandard'"),
                value("tz", ValueStyle::Quoted),
                text("')")
            ]
        );
    }

    #[test]
    fn item_paths_and_keys() {
        let Segment::Template { parts, .. } = parse_segment("root:/{item-path}:") else {
            panic!("template expected");
        };
        assert_eq!(
            parts,
            [
                text("root:/"),
                value("item-path", ValueStyle::Path),
                text(":")
            ]
        );
        let Segment::Template { parts, .. } = parse_segment("{parent-id}:/{filename}:") else {
            panic!("template expected");
        };
        assert_eq!(
            parts,
            [
                value("parent-id", ValueStyle::Encoded),
                text(":/"),
                value("filename", ValueStyle::Path),
                text(":")
            ]
        );
        let Segment::Template { parts, .. } = parse_segment("roleTemplateId={roleTemplateId}")
        else {
            panic!("template expected");
        };
        assert_eq!(
            parts,
            [
                text("roleTemplateId="),
                value("roleTemplateId", ValueStyle::Encoded)
            ]
        );
        let Segment::Template { parts, .. } = parse_segment("messages('{id}')") else {
            panic!("template expected");
        };
        assert_eq!(
            parts,
            [
                text("messages('"),
                value("id", ValueStyle::Quoted),
                text("')")
            ]
        );
    }
}
