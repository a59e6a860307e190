//! Turning Markdown snippets (table cells, prose) into plain text.

use regex::Regex;
use std::sync::LazyLock;

static LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[([^\]]*)\]\([^)]*\)").expect("valid regex"));

/// The plain text of a Markdown snippet: links become their text, emphasis and code marks go,
/// escaped pipes are unescaped and whitespace collapses to single spaces.
pub(crate) fn plain(markdown: &str) -> String {
    let text = if markdown.contains("](") {
        LINK.replace_all(markdown, "$1")
    } else {
        std::borrow::Cow::Borrowed(markdown)
    };
    // One pass: `\|` -> `|`, code and emphasis marks dropped, whitespace runs -> one space.
    let mut joined = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut pending_space = false;
    while let Some(c) = chars.next() {
        let c = if c == '\\' && chars.peek() == Some(&'|') {
            chars.next().unwrap_or('|')
        } else {
            c
        };
        if matches!(c, '`' | '*') {
            continue;
        }
        if c.is_whitespace() {
            pending_space = !joined.is_empty();
            continue;
        }
        if pending_space {
            joined.push(' ');
            pending_space = false;
        }
        joined.push(c);
    }
    match joined.strip_prefix('_').and_then(|s| s.strip_suffix('_')) {
        Some(inner) => inner.to_string(),
        None => joined,
    }
}

#[cfg(test)]
mod tests {
    use super::plain;

    #[test]
    fn markup_is_removed() {
        assert_eq!(plain("`$select`"), "$select");
        assert_eq!(plain("_if-match_"), "if-match");
        assert_eq!(
            plain("Bearer {token}. Required. See [auth](/graph/auth)."),
            "Bearer {token}. Required. See auth."
        );
        assert_eq!(
            plain("**Contacts.Read**,\n Contacts.ReadWrite"),
            "Contacts.Read, Contacts.ReadWrite"
        );
    }
}
