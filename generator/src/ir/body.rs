//! The `Request body` section: no body, a resource, a property table, or prose.

use super::sections::Section;
use super::text::plain;
use super::types::parse_type;
use super::{BodyProperty, RequestBody};
use regex::Regex;
use std::sync::LazyLock;

static NO_BODY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(don'?t|do not|doesn'?t|does not|no need to)\s+(supply|specify|include|send|provide|require)\s+(a\s+|any\s+)?(request\s+)?body|no request body|request body (is|must be) empty|without a (request )?body",
    )
    .expect("valid regex")
});
static RESOURCE_LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)representation of [^\[\]]{0,40}\[([^\]]+)\]\([^)]*\.md\)")
        .expect("valid regex")
});

/// The body rule the section states (or `Undocumented` when there is no section).
pub(crate) fn request_body(section: Option<&Section<'_>>) -> RequestBody {
    let Some(section) = section else {
        return RequestBody::Undocumented;
    };
    let prose = section.prose();
    let properties: Vec<BodyProperty> = section
        .tables()
        .flat_map(|(_, rows)| rows.iter())
        .filter_map(|row| {
            let (type_name, collection) =
                parse_type(row.get(1).map_or("", String::as_str), "microsoft.graph");
            Some(BodyProperty {
                name: plain(row.first()?),
                type_name,
                collection,
                description: plain(row.get(2).map_or("", String::as_str)),
            })
        })
        .filter(|p| !p.name.is_empty())
        .collect();
    if !properties.is_empty() {
        return RequestBody::Properties { properties };
    }
    if NO_BODY.is_match(&prose) {
        return RequestBody::None;
    }
    if let Some(captures) = RESOURCE_LINK.captures(&prose) {
        return RequestBody::Resource {
            type_name: plain(&captures[1]),
        };
    }
    RequestBody::Unspecified {
        text: plain(&prose),
    }
}

#[cfg(test)]
mod tests {
    use super::NO_BODY;

    #[test]
    fn no_body_wording() {
        assert!(NO_BODY.is_match("Do not supply a request body for this method."));
        assert!(NO_BODY.is_match("Don't supply a request body for this method."));
        assert!(NO_BODY.is_match("This method doesn't require a request body."));
        assert!(!NO_BODY
            .is_match("For best performance, don't include existing values that haven't changed."));
    }
}
