//! The YAML-style front matter at the top of a page (`---` ... `---`), read as flat `key: value` pairs.

use std::collections::BTreeMap;

/// Split the front matter off `text`: its pairs, and the byte offset where the Markdown body starts.
/// A page without front matter gives no pairs and offset 0.
pub(crate) fn split(text: &str) -> (BTreeMap<String, String>, usize) {
    let mut pairs = BTreeMap::new();
    let mut lines = text.split_inclusive('\n');
    let Some(first) = lines.next() else {
        return (pairs, 0);
    };
    if first.trim_end() != "---" {
        return (pairs, 0);
    }
    let mut offset = first.len();
    for line in lines {
        offset += line.len();
        let trimmed = line.trim_end();
        if trimmed == "---" {
            return (pairs, offset);
        }
        if let Some((key, value)) = trimmed.split_once(':') {
            let key = key.trim();
            if !key.is_empty() && !key.starts_with(' ') && !key.starts_with('#') {
                pairs.insert(key.to_string(), unquote(value.trim()).to_string());
            }
        }
    }
    // No closing line: this was not front matter after all.
    (BTreeMap::new(), 0)
}

fn unquote(value: &str) -> &str {
    for quote in ['"', '\''] {
        if let Some(inner) = value
            .strip_prefix(quote)
            .and_then(|rest| rest.strip_suffix(quote))
        {
            return inner;
        }
    }
    value
}

#[cfg(test)]
mod tests {
    use super::split;

    #[test]
    fn reads_pairs_and_body_offset() {
        let text = "---\ntitle: \"Get contact\"\ndoc_type: 'apiPageType'\n---\n# Get contact\n";
        let (pairs, offset) = split(text);
        assert_eq!(pairs["title"], "Get contact");
        assert_eq!(pairs["doc_type"], "apiPageType");
        assert_eq!(&text[offset..], "# Get contact\n");
    }

    #[test]
    fn unclosed_front_matter_is_body() {
        let (pairs, offset) = split("---\ntitle: x\n# body\n");
        assert!(pairs.is_empty());
        assert_eq!(offset, 0);
    }
}
