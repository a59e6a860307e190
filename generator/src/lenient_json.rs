//! Reading JSON as real pages write it: trailing commas, comments, smart quotes, `...` lines,
//! unquoted keys and line breaks inside strings are repaired, and the repair is reported.

use serde_json::Value;

/// JSON text that parses, and what had to be repaired to make it parse (empty when nothing).
#[derive(Debug, Clone, PartialEq)]
pub struct Lenient {
    /// The (possibly repaired) text.
    pub text: String,
    /// The parsed value.
    pub value: Value,
    /// The repairs made, in words (`trailing comma`, `comment`...).
    pub repairs: Vec<&'static str>,
}

/// Parse `text` as JSON, repairing what real pages get wrong. The error is serde_json's message
/// for the original text when even the repaired text does not parse.
pub fn parse(text: &str) -> Result<Lenient, String> {
    let strict_error = match serde_json::from_str::<Value>(text) {
        Ok(value) => {
            return Ok(Lenient {
                text: text.to_string(),
                value,
                repairs: Vec::new(),
            })
        }
        Err(e) => e.to_string(),
    };
    let mut repairs = Vec::new();
    let repaired = repair(text, &mut repairs);
    match serde_json::from_str::<Value>(&repaired) {
        Ok(value) => Ok(Lenient {
            text: repaired,
            value,
            repairs,
        }),
        Err(_) => Err(strict_error),
    }
}

/// Parse the first JSON value at the start of `text`, ignoring anything after it (annotations
/// carry notes after their object), with the same repairs.
pub fn parse_prefix(text: &str) -> Result<Lenient, String> {
    let first = |t: &str| -> Result<(Value, usize), String> {
        let mut stream = serde_json::Deserializer::from_str(t).into_iter::<Value>();
        match stream.next() {
            Some(Ok(value)) => Ok((value, stream.byte_offset())),
            Some(Err(e)) => Err(e.to_string()),
            None => Err("no JSON value".to_string()),
        }
    };
    let strict_error = match first(text) {
        Ok((value, end)) => {
            return Ok(Lenient {
                text: text[..end].to_string(),
                value,
                repairs: Vec::new(),
            })
        }
        Err(e) => e,
    };
    let mut repairs = Vec::new();
    let repaired = repair(text, &mut repairs);
    match first(&repaired) {
        Ok((value, end)) => Ok(Lenient {
            text: repaired[..end].to_string(),
            value,
            repairs,
        }),
        Err(_) => Err(strict_error),
    }
}

/// One pass over the text that knows whether it is inside a string.
fn repair(text: &str, repairs: &mut Vec<&'static str>) -> String {
    let note = |what: &'static str, repairs: &mut Vec<&'static str>| {
        if !repairs.contains(&what) {
            repairs.push(what);
        }
    };
    let text = if text.contains(['\u{201c}', '\u{201d}']) {
        note("smart quotes", repairs);
        text.replace(['\u{201c}', '\u{201d}'], "\"")
    } else {
        text.to_string()
    };
    let mut kept_lines = Vec::new();
    for line in text.lines() {
        let bare = line.trim().trim_end_matches(',');
        if bare == "..." || bare == "\u{2026}" {
            note("`...` lines", repairs);
        } else {
            kept_lines.push(line);
        }
    }
    let text = kept_lines.join("\n");
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut in_string = false;
    let mut index = 0;
    while index < chars.len() {
        let c = chars[index];
        if in_string {
            match c {
                '\\' => {
                    out.push(c);
                    if let Some(&next) = chars.get(index + 1) {
                        out.push(next);
                        index += 1;
                    }
                }
                '"' => {
                    in_string = false;
                    out.push(c);
                }
                c if c.is_control() => {
                    note("line break inside a string", repairs);
                    out.push(' ');
                }
                c => out.push(c),
            }
            index += 1;
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '/' if chars.get(index + 1) == Some(&'/') => {
                note("comment", repairs);
                while index < chars.len() && chars[index] != '\n' {
                    index += 1;
                }
                continue;
            }
            ',' if next_significant(&chars, index + 1).is_some_and(|n| n == '}' || n == ']') => {
                note("trailing comma", repairs);
            }
            c if (c.is_ascii_alphabetic() || c == '_' || c == '@') && expects_key(&out) => {
                let start = index;
                while index < chars.len()
                    && (chars[index].is_ascii_alphanumeric() || "_@.-".contains(chars[index]))
                {
                    index += 1;
                }
                let word: String = chars[start..index].iter().collect();
                if next_significant(&chars, index) == Some(':') {
                    note("unquoted key", repairs);
                    out.push('"');
                    out.push_str(&word);
                    out.push('"');
                } else {
                    out.push_str(&word);
                }
                continue;
            }
            c => out.push(c),
        }
        index += 1;
    }
    out
}

fn next_significant(chars: &[char], from: usize) -> Option<char> {
    chars
        .get(from..)?
        .iter()
        .copied()
        .find(|c| !c.is_whitespace())
}

/// Whether an object key may start here: the last significant character is `{` or `,`.
fn expects_key(out: &str) -> bool {
    matches!(out.trim_end().chars().last(), Some('{') | Some(','))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn strict_json_is_untouched() {
        let parsed = parse("{\"a\": [1, 2]}").expect("parses");
        assert!(parsed.repairs.is_empty());
        assert_eq!(parsed.text, "{\"a\": [1, 2]}");
    }

    #[test]
    fn real_page_mistakes_are_repaired() {
        let text = "{\n  // the user\n  \"name\": \"a, b\",\n  id: \"x\",\n  \"list\": [1, 2,],\n  ...\n  \"note\": \"two\nlines\",\n}";
        let parsed = parse(text).expect("repaired");
        assert_eq!(
            parsed.value,
            json!({"name": "a, b", "id": "x", "list": [1, 2], "note": "two lines"})
        );
        for repair in [
            "comment",
            "unquoted key",
            "trailing comma",
            "`...` lines",
            "line break inside a string",
        ] {
            assert!(
                parsed.repairs.contains(&repair),
                "{repair}: {:?}",
                parsed.repairs
            );
        }
    }

    #[test]
    fn strings_keep_commas_slashes_and_braces() {
        let parsed = parse("{\"url\": \"https://x/y\", \"t\": \"a,}\",}").expect("repaired");
        assert_eq!(parsed.value, json!({"url": "https://x/y", "t": "a,}"}));
    }

    #[test]
    fn hopeless_text_gives_the_strict_error() {
        let error = parse("{\"a\": }").expect_err("not JSON");
        assert!(error.contains("expected value"), "{error}");
        assert!(parse("<bytes 0-25 of the file>").is_err());
    }

    #[test]
    fn prefix_ignores_what_follows() {
        let parsed = parse_prefix("{ \"blockType\": \"ignored\", } // keep this").expect("parses");
        assert_eq!(parsed.value, json!({"blockType": "ignored"}));
    }
}
