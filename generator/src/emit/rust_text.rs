//! Writing Rust as text in rustfmt's layout, for code regular enough (the models) that going
//! through token streams and prettyplease, most of a generation's time, buys nothing.

/// The width past which attributes and macro calls are broken over several lines.
const WIDTH: usize = 100;

/// Rust source being written line by line, four spaces an indentation level.
#[derive(Debug, Default)]
pub(crate) struct RustText {
    text: String,
}

impl RustText {
    /// One line at `indent` levels.
    pub(crate) fn line(&mut self, indent: usize, line: &str) {
        for _ in 0..indent {
            self.text.push_str("    ");
        }
        self.text.push_str(line);
        self.text.push('\n');
    }

    /// A `///` line (the text is one line of rustdoc, as `docs::prose_line` makes it).
    pub(crate) fn doc(&mut self, indent: usize, doc: &str) {
        if doc.is_empty() {
            self.line(indent, "///");
        } else {
            self.line(indent, &format!("/// {doc}"));
        }
    }

    /// `#[cfg(feature = "a")]` or `#[cfg(any(feature = "a", ...))]`, broken one feature a line
    /// when too long; nothing for no feature.
    pub(crate) fn cfg(&mut self, features: &[String]) {
        let quoted: Vec<String> = features
            .iter()
            .map(|f| format!("feature = {}", string_literal(f)))
            .collect();
        match quoted.as_slice() {
            [] => {}
            [only] => self.line(0, &format!("#[cfg({only})]")),
            many => {
                let one_line = format!("#[cfg(any({}))]", many.join(", "));
                if one_line.len() <= WIDTH {
                    self.line(0, &one_line);
                } else {
                    self.line(0, "#[cfg(");
                    self.line(1, "any(");
                    for (index, feature) in many.iter().enumerate() {
                        let comma = if index + 1 < many.len() { "," } else { "" };
                        self.line(2, &format!("{feature}{comma}"));
                    }
                    self.line(1, ")");
                    self.line(0, ")]");
                }
            }
        }
    }

    /// `path!(arguments);` at the top level, the arguments one a line when too long; an
    /// argument may be a list, written `[...]`, one element a line when too long.
    pub(crate) fn macro_call(&mut self, path: &str, arguments: &[MacroArgument]) {
        let inline: Vec<String> = arguments.iter().map(MacroArgument::inline).collect();
        let one_line = format!("{path}!({});", inline.join(", "));
        if one_line.len() <= WIDTH {
            self.line(0, &one_line);
            return;
        }
        self.line(0, &format!("{path}!("));
        for (argument, text) in arguments.iter().zip(&inline) {
            match argument {
                MacroArgument::List(items) if text.len() + 5 > WIDTH => {
                    self.line(1, "[");
                    for item in items {
                        self.line(2, &format!("{item},"));
                    }
                    self.line(1, "],");
                }
                _ => self.line(1, &format!("{text},")),
            }
        }
        self.line(0, ");");
    }

    /// The text written.
    pub(crate) fn finish(self) -> String {
        self.text
    }
}

/// One argument of a macro call.
pub(crate) enum MacroArgument {
    /// Written as is (an identifier, a literal).
    Plain(String),
    /// A bracketed list of items written as is.
    List(Vec<String>),
}

impl MacroArgument {
    fn inline(&self) -> String {
        match self {
            MacroArgument::Plain(text) => text.clone(),
            MacroArgument::List(items) => format!("[{}]", items.join(", ")),
        }
    }
}

/// A Rust string literal for `text`.
pub(crate) fn string_literal(text: &str) -> String {
    format!("{text:?}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_things_stay_on_one_line() {
        let mut text = RustText::default();
        text.cfg(&["contacts".to_string()]);
        text.cfg(&["a".to_string(), "b".to_string()]);
        text.macro_call(
            "rt::model",
            &[
                MacroArgument::Plain("Contact".to_string()),
                MacroArgument::Plain(string_literal("#microsoft.graph.contact")),
            ],
        );
        assert_eq!(
            text.finish(),
            "#[cfg(feature = \"contacts\")]\n#[cfg(any(feature = \"a\", feature = \"b\"))]\nrt::model!(Contact, \"#microsoft.graph.contact\");\n"
        );
    }

    #[test]
    fn long_things_break_one_item_a_line() {
        let features: Vec<String> = (0..12).map(|n| format!("area-number-{n}")).collect();
        let mut text = RustText::default();
        text.cfg(&features);
        let items: Vec<String> = (0..8)
            .map(|n| string_literal(&format!("#microsoft.graph.derivedType{n}")))
            .collect();
        text.macro_call(
            "rt::model",
            &[
                MacroArgument::Plain("Entity".to_string()),
                MacroArgument::Plain(string_literal("#microsoft.graph.entity")),
                MacroArgument::List(items),
            ],
        );
        let text = text.finish();
        assert!(text.starts_with("#[cfg(\n    any(\n        feature = \"area-number-0\",\n"));
        assert!(text.contains("        feature = \"area-number-11\"\n    )\n)]\n"));
        assert!(text.contains("rt::model!(\n    Entity,\n    \"#microsoft.graph.entity\",\n    [\n        \"#microsoft.graph.derivedType0\",\n"));
        assert!(text.ends_with("    ],\n);\n"));
        assert!(text.lines().all(|l| l.len() <= WIDTH));
    }

    #[test]
    fn strings_are_escaped() {
        assert_eq!(string_literal("a\"b\\c"), "\"a\\\"b\\\\c\"");
    }
}
