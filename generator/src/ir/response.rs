//! The `Response` section's prose: the status codes and the resource returned.

use super::sections::Section;
use super::text::plain;
use super::{ResponseSpec, ReturnType};
use regex::Regex;
use std::sync::LazyLock;

static CODE_IN_BACKTICKS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"`\s*([1-5][0-9]{2})\b[^`]*`").expect("valid regex"));
static CODE_WITH_REASON: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b([1-5][0-9]{2})\s+[A-Z][a-z]").expect("valid regex"));
static PRIMITIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(string|boolean|int32|int64|integer|double|guid|datetimeoffset)\b( collection)?( object| value)?s? in the response body")
        .expect("valid regex")
});
static RESOURCE_LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\[([^\]]+)\](?:\(([^)#\s]*)\.md\)|\[[^\]]*\])").expect("valid regex")
});

/// The documented statuses, the first one carrying the returned resource (if the prose links one).
pub(crate) fn responses(section: &Section<'_>) -> Vec<ResponseSpec> {
    let prose = section.prose();
    let mut statuses: Vec<u16> = CODE_IN_BACKTICKS
        .captures_iter(&prose)
        .filter_map(|c| c[1].parse().ok())
        .collect();
    if statuses.is_empty() {
        statuses = CODE_WITH_REASON
            .captures_iter(&prose)
            .filter_map(|c| c[1].parse().ok())
            .collect();
    }
    let mut unique: Vec<u16> = Vec::new();
    for status in statuses {
        if !unique.contains(&status) {
            unique.push(status);
        }
    }
    let returns = RESOURCE_LINK
        .captures(&prose)
        .map(|c| ReturnType {
            type_name: plain(&c[1]),
            collection: prose.to_ascii_lowercase().contains("collection"),
        })
        .or_else(|| {
            // A primitive result: "... and a String collection object in the response body".
            PRIMITIVE.captures(&prose).map(|c| {
                let (type_name, _) = super::types::parse_type(&c[1], "microsoft.graph");
                ReturnType {
                    type_name,
                    collection: c.get(2).is_some(),
                }
            })
        });
    // The resource belongs to the first success status that has a body (a report page lists its
    // `302` redirect before the `200` that carries data).
    let carrier = unique
        .iter()
        .position(|s| (200..300).contains(s) && *s != 204)
        .unwrap_or(0);
    unique
        .into_iter()
        .enumerate()
        .map(|(index, status)| ResponseSpec {
            status,
            returns: if index == carrier && status != 204 {
                returns.clone()
            } else {
                None
            },
        })
        .collect()
}
