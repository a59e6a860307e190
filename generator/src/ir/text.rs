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
    let text = text.replace("\\|", "|");
    let text: String = text.chars().filter(|c| !matches!(c, '`' | '*')).collect();
    let words: Vec<&str> = text.split_whitespace().collect();
    let joined = words.join(" ");
    joined
        .strip_prefix('_')
        .and_then(|s| s.strip_suffix('_'))
        .unwrap_or(&joined)
        .to_string()
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
