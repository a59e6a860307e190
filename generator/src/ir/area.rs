//! Areas: the resource family of an endpoint (`contacts`, `mail`, `drive`...), which becomes a
//! cargo feature of the generated crate.
//!
//! The area is read off the path. Under a user (`/me/...`, `/users/{id}/...`) or a group
//! (`/groups/{id}/...`) it is the family of the next segment (`/me/contactFolders/...` is
//! `contacts`), or `users` / `groups` when that segment belongs to no family. Elsewhere it is the
//! family of the first segment (`/drives/{id}` is `drive`), or that segment itself, in kebab case
//! (`/deviceManagement/...` is `device-management`).

use super::Segment;

/// Families that gather several segments; every other segment is its own area.
const FAMILIES: &[(&str, &[&str])] = &[
    ("contacts", &["contacts", "contactfolders"]),
    (
        "mail",
        &[
            "messages",
            "mailfolders",
            "inferenceclassification",
            "mailboxsettings",
            "outlook",
            "sendmail",
        ],
    ),
    (
        "calendar",
        &[
            "events",
            "calendar",
            "calendars",
            "calendargroups",
            "calendarview",
            "findmeetingtimes",
            "reminderview",
            "onlinemeetings",
        ],
    ),
    ("drive", &["drive", "drives", "shares", "workbook"]),
    ("sites", &["sites", "followedsites"]),
    (
        "teams",
        &["teams", "chats", "teamwork", "joinedteams", "appcatalogs"],
    ),
    ("device-management", &["devicemanagement", "manageddevices"]),
    (
        "device-app-management",
        &["deviceappmanagement", "managedappregistrations"],
    ),
];

/// The area of a path.
pub fn area_of(segments: &[Segment]) -> String {
    let literal = |index: usize| match segments.get(index) {
        Some(Segment::Literal { value }) => Some(value.as_str()),
        _ => None,
    };
    let Some(first) = literal(0) else {
        return "other".to_string();
    };
    let owner = match first.to_ascii_lowercase().as_str() {
        "me" => Some(("users", literal(1))),
        "users" => Some(("users", literal(2))),
        "groups" => Some(("groups", literal(2))),
        _ => None,
    };
    match owner {
        Some((owner, next)) => next.and_then(family).unwrap_or(owner).to_string(),
        None => family(first).map_or_else(|| kebab_case(first), str::to_string),
    }
}

/// The family a segment belongs to, if any.
fn family(segment: &str) -> Option<&'static str> {
    let lower = segment.to_ascii_lowercase();
    FAMILIES
        .iter()
        .find(|(_, members)| members.contains(&lower.as_str()))
        .map(|(area, _)| *area)
}

/// `deviceManagement` -> `device-management`; characters other than ASCII letters and digits
/// become dashes.
fn kebab_case(segment: &str) -> String {
    let mut out = String::new();
    for c in segment.chars() {
        if c.is_ascii_uppercase() && !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let trimmed = out.trim_end_matches('-');
    if trimmed.is_empty() || trimmed.starts_with(|c: char| c.is_ascii_digit()) {
        format!("area-{trimmed}")
    } else {
        trimmed.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::path::parse_path;

    fn area(path: &str) -> String {
        area_of(&parse_path(path))
    }

    #[test]
    fn user_and_group_paths_take_the_family_of_the_next_segment() {
        assert_eq!(area("/me/contacts/{id}"), "contacts");
        assert_eq!(area("/users/{id}/contactFolders/{f}/contacts"), "contacts");
        assert_eq!(area("/me/mailFolders/{id}/messages"), "mail");
        assert_eq!(area("/groups/{id}/calendar/events"), "calendar");
        assert_eq!(area("/me/drive/root/children"), "drive");
        assert_eq!(area("/me/memberOf"), "users");
        assert_eq!(area("/users/{id}"), "users");
        assert_eq!(area("/me"), "users");
        assert_eq!(area("/groups/{id}/threads"), "groups");
    }

    #[test]
    fn other_paths_take_the_family_or_the_first_segment() {
        assert_eq!(area("/drives/{id}/items/{item}"), "drive");
        assert_eq!(
            area("/deviceManagement/managedDevices"),
            "device-management"
        );
        assert_eq!(area("/servicePrincipals/{id}"), "service-principals");
        assert_eq!(area("/oauth2PermissionGrants"), "oauth2-permission-grants");
        assert_eq!(area("/$batch"), "batch");
        assert_eq!(area("/{id}"), "other");
        assert_eq!(area("/2fa"), "area-2fa");
    }
}
