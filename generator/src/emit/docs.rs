//! Page text -> rustdoc lines that cannot break or inject generated code, nor mislead rustdoc.

use proc_macro2::TokenStream;
use quote::quote;
use regex::Regex;
use std::sync::LazyLock;

static LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[([^\]]*)\]\([^)]*\)").expect("valid regex"));
static BARE_URL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"https?://[^\s<>()]+").expect("valid regex"));

/// One line of page prose made safe for rustdoc: links become their text, whitespace collapses,
/// and characters that rustdoc would read as markup (`[`, `]`, `<`, `>`, `#` at the start,
/// unbalanced backticks) are escaped. The result never contains a line break.
pub(crate) fn prose_line(markdown: &str) -> String {
    let text = LINK.replace_all(markdown, "$1");
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let balanced = text.matches('`').count() % 2 == 0 && !text.contains("``");
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '[' | ']' | '\\' => {
                escaped.push('\\');
                escaped.push(c);
            }
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '`' if !balanced => escaped.push_str("\\`"),
            c if c.is_control() => escaped.push(' '),
            c => escaped.push(c),
        }
    }
    let escaped = BARE_URL.replace_all(&escaped, "<$0>").into_owned();
    match escaped.strip_prefix('#') {
        Some(rest) => format!("\\#{rest}"),
        None => escaped,
    }
}

/// Text for inline code spans (paths, header names): backticks are dropped so the span stays closed.
pub(crate) fn code(text: &str) -> String {
    text.chars()
        .filter(|c| *c != '`' && !c.is_control())
        .collect()
}

/// `#![doc = "..."]` attributes (module docs, written `//!`) for the given lines.
pub(crate) fn inner_doc_attrs(lines: &[String]) -> TokenStream {
    let attrs = lines.iter().map(|line| {
        let text = spaced(line);
        quote!(#![doc = #text])
    });
    quote!(#(#attrs)*)
}

fn spaced(line: &str) -> String {
    if line.is_empty() {
        String::new()
    } else {
        format!(" {line}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_is_escaped() {
        assert_eq!(
            prose_line("See [Permissions](/graph/x) and <b>x</b>"),
            "See Permissions and &lt;b&gt;x&lt;/b&gt;"
        );
        assert_eq!(
            prose_line("a\n\n```rust\nfn main(){}\n```"),
            "a \\`\\`\\`rust fn main(){} \\`\\`\\`"
        );
        assert_eq!(prose_line("# not a heading"), "\\# not a heading");
        assert_eq!(
            prose_line("a `204 No Content` code"),
            "a `204 No Content` code"
        );
        assert_eq!(
            prose_line("visit https://example.com/x now"),
            "visit <https://example.com/x> now"
        );
        assert!(!prose_line("x */ y \r\n z \"quoted\"").contains('\n'));
    }
}
