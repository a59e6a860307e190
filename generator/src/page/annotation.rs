//! The JSON annotations in HTML comments (`<!-- { "blockType": "request", ... } -->`), read leniently.

use crate::diagnostic::Severity;
use crate::lenient_json::{self, Lenient};
use regex::Regex;
use serde_json::{Map, Value};
use std::sync::LazyLock;

/// The keys of one annotation comment.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Annotation {
    /// The JSON object's keys and values.
    pub keys: Map<String, Value>,
}

impl Annotation {
    /// The `blockType`, lower-cased (`request`, `response`, `ignored`, `resource`, `permissions`...).
    pub fn block_type(&self) -> Option<String> {
        self.string("blockType").map(str::to_ascii_lowercase)
    }

    /// A string-valued key.
    pub fn string(&self, key: &str) -> Option<&str> {
        self.keys.get(key).and_then(Value::as_str)
    }

    /// A boolean key; the strings `"true"` and `"false"` count as booleans, as real pages write both.
    pub fn flag(&self, key: &str) -> bool {
        match self.keys.get(key) {
            Some(Value::Bool(b)) => *b,
            Some(Value::String(s)) => s.eq_ignore_ascii_case("true"),
            _ => false,
        }
    }
}

/// An annotation and what was wrong with its JSON, if anything.
pub(crate) struct ParsedAnnotation {
    pub(crate) annotation: Annotation,
    pub(crate) problem: Option<(Severity, String)>,
}

static STRING_KEY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#""(blockType|name|@odata\.type)"\s*:\s*"([^"]*)""#).expect("valid regex")
});

/// Read an HTML comment. Returns `None` when the comment does not hold a JSON object
/// (plain comments such as `<!-- uuid: ... -->`).
pub(crate) fn parse_comment(html: &str) -> Option<ParsedAnnotation> {
    let inner = html.trim().strip_prefix("<!--")?;
    let inner = inner.split("-->").next().unwrap_or(inner).trim();
    if !inner.starts_with('{') {
        return None;
    }
    let strict_error = match lenient_json::parse_prefix(inner) {
        Ok(Lenient {
            value: Value::Object(keys),
            repairs,
            ..
        }) => {
            let problem = (!repairs.is_empty()).then(|| {
                (
                    Severity::Warning,
                    format!(
                        "annotation is not valid JSON ({}); read it after repair",
                        repairs.join(", ")
                    ),
                )
            });
            return Some(ParsedAnnotation {
                annotation: Annotation { keys },
                problem,
            });
        }
        Ok(_) => "not an object".to_string(),
        Err(e) => e,
    };
    let keys: Map<String, Value> = STRING_KEY
        .captures_iter(inner)
        .map(|c| (c[1].to_string(), Value::String(c[2].to_string())))
        .collect();
    let how = if keys.contains_key("blockType") {
        "read its blockType by pattern"
    } else {
        "ignored it"
    };
    let annotation = Annotation { keys };
    // An example's annotation decides how its code block is read: getting it wrong is an error.
    // Other annotations (page metadata, ignored blocks) change nothing docgen produces.
    let severity = match annotation.block_type().as_deref() {
        Some("request" | "response" | "resource") => Severity::Error,
        _ => Severity::Warning,
    };
    Some(ParsedAnnotation {
        annotation,
        problem: Some((
            severity,
            format!("annotation is not valid JSON ({strict_error}); {how}"),
        )),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_comments_are_not_annotations() {
        assert!(parse_comment("<!-- uuid: 8fcb5dbc -->").is_none());
    }

    #[test]
    fn strict_json_with_trailing_note() {
        let parsed =
            parse_comment(r#"<!-- { "blockType": "ignored"  } // Note: keep this line -->"#)
                .expect("annotation");
        assert!(parsed.problem.is_none());
        assert_eq!(parsed.annotation.block_type().as_deref(), Some("ignored"));
    }

    #[test]
    fn trailing_comma_is_repaired_with_a_warning() {
        let parsed = parse_comment(
            "<!-- {\n \"blockType\": \"response\",\n \"truncated\": \"true\",\n}\n-->",
        )
        .expect("annotation");
        let (severity, message) = parsed.problem.expect("problem");
        assert_eq!(severity, Severity::Warning);
        assert!(
            message.contains("not valid JSON (trailing comma)"),
            "{message}"
        );
        assert!(parsed.annotation.flag("truncated"));
    }

    #[test]
    fn broken_json_falls_back_to_patterns_with_an_error() {
        let parsed = parse_comment(r#"<!-- { "blockType": "request", "name": "x" "oops -->"#)
            .expect("annotation");
        let (severity, _) = parsed.problem.expect("problem");
        assert_eq!(severity, Severity::Error);
        assert_eq!(parsed.annotation.block_type().as_deref(), Some("request"));
        assert_eq!(parsed.annotation.string("name"), Some("x"));
    }
}
