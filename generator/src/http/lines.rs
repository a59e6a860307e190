//! Splits a block's text into lines that remember their 0-based index and byte offset.

/// One line of a block, without its line ending.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Line<'a> {
    /// The 0-based index of the line inside the block.
    pub(super) index: usize,
    /// The byte offset in the block where the line starts.
    pub(super) start: usize,
    /// The line's text, without `\n` or `\r\n`.
    pub(super) text: &'a str,
}

impl Line<'_> {
    /// Whether the line holds nothing but whitespace.
    pub(super) fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }
}

/// The lines of `text`, split on `\n` with a `\r` before it dropped. An empty text has no lines.
pub(super) fn split(text: &str) -> Vec<Line<'_>> {
    let mut start = 0;
    text.split_inclusive('\n')
        .enumerate()
        .map(|(index, raw)| {
            let line = Line {
                index,
                start,
                text: raw
                    .strip_suffix('\n')
                    .map_or(raw, |rest| rest.strip_suffix('\r').unwrap_or(rest)),
            };
            start += raw.len();
            line
        })
        .collect()
}

/// The text from the first non-blank line of `lines` to the end of `text`, with trailing whitespace
/// trimmed; `None` when nothing but whitespace is left.
pub(super) fn rest_from(text: &str, lines: &[Line<'_>]) -> Option<String> {
    let first = lines.iter().find(|line| !line.is_blank())?;
    let rest = text.get(first.start..)?.trim_end();
    (!rest.is_empty()).then(|| rest.to_string())
}

#[cfg(test)]
mod tests {
    use super::{rest_from, split, Line};

    #[test]
    fn splits_lf_and_crlf_and_tracks_offsets() {
        let lines = split("a\r\nbc\n\nd");
        let texts: Vec<&str> = lines.iter().map(|line| line.text).collect();
        assert_eq!(texts, ["a", "bc", "", "d"]);
        let starts: Vec<usize> = lines.iter().map(|line| line.start).collect();
        assert_eq!(starts, [0, 3, 6, 7]);
        let indices: Vec<usize> = lines.iter().map(|line| line.index).collect();
        assert_eq!(indices, [0, 1, 2, 3]);
    }

    #[test]
    fn empty_text_has_no_lines_and_a_lone_cr_is_kept() {
        assert!(split("").is_empty());
        assert_eq!(
            split("x\r"),
            [Line {
                index: 0,
                start: 0,
                text: "x\r"
            }]
        );
    }

    #[test]
    fn rest_skips_blank_lines_and_trims_the_end() {
        let text = "\n  \n  {\r\n\n  }\r\n \n";
        let lines = split(text);
        assert_eq!(rest_from(text, &lines).as_deref(), Some("  {\r\n\n  }"));
        assert_eq!(rest_from(text, lines.get(5..).unwrap_or_default()), None);
    }
}
