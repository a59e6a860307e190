//! One diagnostic for people: its header, `--> file:line:column` and the source line under it.

use super::sources::SourceFile;
use crate::diagnostic::{Diagnostic, Severity};
use codespan_reporting::diagnostic::{self as codespan, Label};
use codespan_reporting::files::Files;
use codespan_reporting::term::termcolor::WriteColor;
use codespan_reporting::term::{self, Chars, Config, Styles};
use std::io;
use std::ops::Range;

/// Write `diagnostic` with its line of `file` shown and underlined. Without the file, or when the
/// diagnostic has no line (0) or a line the file does not have, write one plain line:
/// `file: severity[kind]: message` (`file:line: ...` when it has a line).
pub fn write_diagnostic(
    out: &mut dyn WriteColor,
    diagnostic: &Diagnostic,
    file: Option<&SourceFile>,
) -> io::Result<()> {
    let range = file.and_then(|file| Some((file, line_content(file, diagnostic.line)?)));
    let Some((file, range)) = range else {
        return write_plain(out, diagnostic);
    };
    let severity = match diagnostic.severity {
        Severity::Error => codespan::Severity::Error,
        Severity::Warning => codespan::Severity::Warning,
    };
    let rendered = codespan::Diagnostic::new(severity)
        .with_code(diagnostic.kind.name())
        .with_message(&diagnostic.message)
        .with_label(Label::primary((), range));
    let config = Config {
        chars: Chars::ascii(),
        ..Config::default()
    };
    term::emit_to_write_style(out, &config, file, &rendered).map_err(io::Error::other)
}

/// The bytes of the 1-based `line` of `file` without its indentation and line break, or `None`
/// when the file has no such line.
fn line_content(file: &SourceFile, line: u32) -> Option<Range<usize>> {
    let index = usize::try_from(line).ok()?.checked_sub(1)?;
    let range = file.line_range((), index).ok()?;
    let text = &file.source()[range.clone()];
    let trimmed = text.trim_start();
    let start = range.start + (text.len() - trimmed.len());
    Some(start..start + trimmed.trim_end().len())
}

/// The one-line form, with the `severity[kind]` part coloured as codespan colours headers.
fn write_plain(out: &mut dyn WriteColor, diagnostic: &Diagnostic) -> io::Result<()> {
    if diagnostic.line == 0 {
        write!(out, "{}: ", diagnostic.file)?;
    } else {
        write!(out, "{}:{}: ", diagnostic.file, diagnostic.line)?;
    }
    let styles = Styles::default();
    out.set_color(styles.header(match diagnostic.severity {
        Severity::Error => codespan::Severity::Error,
        Severity::Warning => codespan::Severity::Warning,
    }))?;
    write!(out, "{}[{}]", diagnostic.severity, diagnostic.kind.name())?;
    out.reset()?;
    writeln!(out, ": {}", diagnostic.message)
}

#[cfg(test)]
mod tests {
    use super::write_diagnostic;
    use crate::diagnostic::{Diagnostic, Kind};
    use codespan_reporting::files::SimpleFile;
    use codespan_reporting::term::termcolor::Buffer;

    fn render(diagnostic: &Diagnostic, text: Option<&str>) -> String {
        let file = text.map(|text| SimpleFile::new(diagnostic.file.clone(), text.to_string()));
        let mut out = Buffer::no_color();
        write_diagnostic(&mut out, diagnostic, file.as_ref()).expect("rendered");
        String::from_utf8(out.into_inner()).expect("UTF-8")
    }

    #[test]
    fn a_line_of_the_file_is_shown_and_underlined_without_its_indentation() {
        let diagnostic = Diagnostic::warning(
            Kind::UnboundExample,
            "v1.0/api/a.md",
            2,
            "the URL matches no endpoint",
        );
        assert_eq!(
            render(&diagnostic, Some("# A\n  GET /me/x\r\nnext\n")),
            concat!(
                "warning[unbound-example]: the URL matches no endpoint\n",
                "  --> v1.0/api/a.md:2:3\n",
                "  |\n",
                "2 |   GET /me/x\n",
                "  |   ^^^^^^^^^\n",
                "\n",
            )
        );
    }

    #[test]
    fn without_a_line_or_a_file_the_finding_is_one_plain_line() {
        let whole_file = Diagnostic::error(Kind::UnreadableFile, "a.md", 0, "cannot read");
        assert_eq!(
            render(&whole_file, Some("text\n")),
            "a.md: error[unreadable-file]: cannot read\n"
        );
        let past_the_end = Diagnostic::error(Kind::UnclosedFence, "a.md", 9, "no fence");
        assert_eq!(
            render(&past_the_end, Some("one line\n")),
            "a.md:9: error[unclosed-fence]: no fence\n"
        );
        assert_eq!(
            render(&past_the_end, None),
            "a.md:9: error[unclosed-fence]: no fence\n"
        );
    }
}
