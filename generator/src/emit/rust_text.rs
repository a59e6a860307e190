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
    pub(crate) fn cfg(&mut self, indent: usize, features: &[String]) {
        let quoted: Vec<String> = features
            .iter()
            .map(|f| format!("feature = {}", string_literal(f)))
            .collect();
        match quoted.as_slice() {
            [] => {}
            [only] => self.line(indent, &format!("#[cfg({only})]")),
            many => {
                let one_line = format!("#[cfg(any({}))]", many.join(", "));
                if indent * 4 + one_line.len() <= WIDTH {
                    self.line(indent, &one_line);
                } else {
                    self.line(indent, "#[cfg(");
                    self.line(indent + 1, "any(");
                    for (index, feature) in many.iter().enumerate() {
                        let comma = if index + 1 < many.len() { "," } else { "" };
                        self.line(indent + 2, &format!("{feature}{comma}"));
                    }
                    self.line(indent + 1, ")");
                    self.line(indent, ")]");
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

    /// Text already laid out (whole lines, indented).
    pub(crate) fn raw(&mut self, text: &str) {
        self.text.push_str(text);
    }

    /// `///` lines, one per line of `docs` (an empty one separates paragraphs).
    pub(crate) fn doc_lines(&mut self, indent: usize, docs: &[String]) {
        for doc in docs {
            self.doc(indent, doc);
        }
    }

    /// Whether `line` fits the width at `indent` levels.
    pub(crate) fn fits(&self, indent: usize, line: &str) -> bool {
        indent * 4 + line.len() <= WIDTH
    }

    /// A function's first line, `head(arguments) -> output {` (`&self` first), with the
    /// arguments one a line when it does not fit.
    pub(crate) fn signature(
        &mut self,
        indent: usize,
        head: &str,
        arguments: &[String],
        output: &str,
    ) {
        let mut all = vec!["&self".to_string()];
        all.extend(arguments.iter().cloned());
        let one_line = format!("{head}({}) -> {output} {{", all.join(", "));
        if self.fits(indent, &one_line) {
            self.line(indent, &one_line);
            return;
        }
        self.line(indent, &format!("{head}("));
        for argument in &all {
            self.line(indent + 1, &format!("{argument},"));
        }
        self.line(indent, &format!(") -> {output} {{"));
    }

    /// `callee(arguments)suffix`, one argument a line when it does not fit.
    pub(crate) fn call(&mut self, indent: usize, callee: &str, arguments: &[String], suffix: &str) {
        let one_line = format!("{callee}({}){suffix}", arguments.join(", "));
        if self.fits(indent, &one_line) {
            self.line(indent, &one_line);
            return;
        }
        self.line(indent, &format!("{callee}("));
        for argument in arguments {
            self.line(indent + 1, &format!("{argument},"));
        }
        self.line(indent, &format!("){suffix}"));
    }

    /// `prefix[items]suffix`, one item a line when it does not fit.
    pub(crate) fn list(&mut self, indent: usize, prefix: &str, items: &[String], suffix: &str) {
        let one_line = format!("{prefix}[{}]{suffix}", items.join(", "));
        if self.fits(indent, &one_line) {
            self.line(indent, &one_line);
            return;
        }
        self.line(indent, &format!("{prefix}["));
        for item in items {
            self.line(indent + 1, &format!("{item},"));
        }
        self.line(indent, &format!("]{suffix}"));
    }

    /// `let pieces = vec![...];`, one piece a line.
    pub(crate) fn pieces(&mut self, indent: usize, pieces: &[String]) {
        self.line(indent, "let pieces = vec![");
        for piece in pieces {
            self.line(indent + 1, &format!("{piece},"));
        }
        self.line(indent, "];");
    }

    /// `receiver.call().call()`, one call a line when it does not fit.
    pub(crate) fn chain(&mut self, indent: usize, receiver: &str, calls: &[String]) {
        let one_line = std::iter::once(receiver.to_string())
            .chain(calls.iter().cloned())
            .collect::<Vec<_>>()
            .join(".");
        if self.fits(indent, &one_line) {
            self.line(indent, &one_line);
            return;
        }
        self.line(indent, receiver);
        for call in calls {
            self.line(indent + 1, &format!(".{call}"));
        }
    }

    /// The text written.
    pub(crate) fn finish(self) -> String {
        self.text
    }
}

/// The tokens of text this module wrote (for a client written as one `include!`d file); text
/// that does not lex, a docgen bug, becomes a `compile_error!` saying so.
pub(crate) fn into_tokens(text: &str) -> proc_macro2::TokenStream {
    text.parse().unwrap_or_else(|error| {
        let message = format!("docgen wrote Rust that does not lex: {error}");
        quote::quote!(compile_error!(#message);)
    })
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
        text.cfg(0, &["contacts".to_string()]);
        text.cfg(0, &["a".to_string(), "b".to_string()]);
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
        text.cfg(0, &features);
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
