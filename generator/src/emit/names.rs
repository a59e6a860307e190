//! Rust names from documentation names: snake_case methods, UpperCamelCase types, keyword escapes.

use proc_macro2::{Ident, Span};

/// Words that cannot be plain identifiers (strict and reserved keywords of Rust 2021).
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Split a name into lower-case words at case changes and non-alphanumeric characters:
/// `permanentDelete` -> `permanent delete`, `HTTPRequest2` -> `http request2`.
fn words(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut words = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_ascii_alphanumeric() {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            continue;
        }
        let prev = i.checked_sub(1).and_then(|p| chars.get(p)).copied();
        let next = chars.get(i + 1).copied();
        let boundary = c.is_ascii_uppercase()
            && prev.is_some_and(|p| {
                p.is_ascii_lowercase()
                    || p.is_ascii_digit()
                    || (p.is_ascii_uppercase() && next.is_some_and(|n| n.is_ascii_lowercase()))
            });
        if boundary && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        current.push(c.to_ascii_lowercase());
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

/// `snake_case`, never empty and never starting with a digit.
pub(crate) fn snake_case(name: &str) -> String {
    let joined = words(name).join("_");
    guard_start(joined, "n")
}

/// `UpperCamelCase`, never empty and never starting with a digit.
pub(crate) fn upper_camel_case(name: &str) -> String {
    let joined: String = words(name)
        .iter()
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect();
    guard_start(joined, "N")
}

fn guard_start(name: String, prefix: &str) -> String {
    if name.is_empty() {
        format!("{prefix}one")
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("{prefix}{name}")
    } else {
        name
    }
}

/// Whether `name` is a Rust keyword.
pub(crate) fn is_keyword(name: &str) -> bool {
    KEYWORDS.contains(&name)
}

/// The text of [`ident`]`(name)`, for code written as text.
pub(crate) fn ident_text(name: &str) -> String {
    if matches!(name, "self" | "Self" | "super" | "crate") {
        format!("{name}_")
    } else if is_keyword(name) {
        format!("r#{name}")
    } else {
        name.to_string()
    }
}

/// An identifier for `name` (already snake_case or UpperCamelCase); keywords become raw identifiers,
/// except those that cannot be raw (`self`, `Self`, `super`, `crate`), which get a trailing `_`.
pub(crate) fn ident(name: &str) -> Ident {
    if matches!(name, "self" | "Self" | "super" | "crate") {
        Ident::new(&format!("{name}_"), Span::call_site())
    } else if is_keyword(name) {
        Ident::new_raw(name, Span::call_site())
    } else {
        Ident::new(name, Span::call_site())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifier_text_matches_the_identifier() {
        for name in ["contacts", "type", "ref", "self", "Self", "crate"] {
            assert_eq!(ident_text(name), ident(name).to_string(), "{name}");
        }
    }

    #[test]
    fn cases() {
        assert_eq!(snake_case("permanentDelete"), "permanent_delete");
        assert_eq!(snake_case("contactFolders"), "contact_folders");
        assert_eq!(snake_case("$value"), "value");
        assert_eq!(
            snake_case("contactthis.permanentdelete"),
            "contactthis_permanentdelete"
        );
        assert_eq!(snake_case("getHTTPResponse"), "get_http_response");
        assert_eq!(snake_case("2fa"), "n2fa");
        assert_eq!(upper_camel_case("contactFolders"), "ContactFolders");
        assert_eq!(
            upper_camel_case("contact-permanentdelete"),
            "ContactPermanentdelete"
        );
    }

    #[test]
    fn keywords_are_escaped() {
        assert_eq!(ident_text("type"), "r#type");
        assert_eq!(ident_text("self"), "self_");
        assert_eq!(ident_text("contacts"), "contacts");
    }
}
