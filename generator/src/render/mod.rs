//! Diagnostics for people: each with its source line, at most so many, coloured or not.
//!
//! `snippet` writes one diagnostic (codespan-reporting, ASCII frame); [`Sources`] finds the
//! files again. Which diagnostics are shown when there are too many is decided here: errors
//! before warnings, then shown in file and line order, followed by a line that counts the rest.

mod snippet;
mod sources;

pub use sources::Sources;

use crate::diagnostic::{Diagnostic, Severity};
use codespan_reporting::term::termcolor::{Buffer, WriteColor};
use std::io;

/// How [`render`] shows diagnostics.
#[derive(Debug, Clone, Copy)]
pub struct RenderOptions<'a> {
    /// Colour the output with ANSI escapes.
    pub colour: bool,
    /// Show at most this many; `None` shows every one.
    pub max: Option<usize>,
    /// Where to find the ones left out, ending the `... and N more` line, e.g.
    /// "`docgen check ROOT --format short` lists them all".
    pub more_hint: &'a str,
}

/// The text of `diagnostics` for a terminal or a log: each with its source line (found through
/// `sources`) when it has one, and a last line counting those beyond `options.max`.
pub fn render(
    diagnostics: &[Diagnostic],
    sources: &mut Sources,
    options: &RenderOptions,
) -> Vec<u8> {
    let mut out = if options.colour {
        Buffer::ansi()
    } else {
        Buffer::no_color()
    };
    write_all(&mut out, diagnostics, sources, options).expect("writing to memory does not fail");
    out.into_inner()
}

fn write_all(
    out: &mut dyn WriteColor,
    diagnostics: &[Diagnostic],
    sources: &mut Sources,
    options: &RenderOptions,
) -> io::Result<()> {
    let shown = shown(diagnostics, options.max);
    for diagnostic in &shown {
        snippet::write_diagnostic(out, diagnostic, sources.get(&diagnostic.file))?;
    }
    let left_out = diagnostics.len() - shown.len();
    if left_out > 0 {
        let errors = errors(diagnostics) - errors(shown.iter().copied());
        writeln!(
            out,
            "... and {left_out} more ({errors} errors, {} warnings): {}",
            left_out - errors,
            options.more_hint
        )?;
    }
    Ok(())
}

fn errors<'a>(diagnostics: impl IntoIterator<Item = &'a Diagnostic>) -> usize {
    diagnostics
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .count()
}

/// The diagnostics to show when at most `max` are: errors first, then warnings, each in their
/// order in `diagnostics`; returned in that order too.
fn shown(diagnostics: &[Diagnostic], max: Option<usize>) -> Vec<&Diagnostic> {
    let Some(max) = max.filter(|&max| max < diagnostics.len()) else {
        return diagnostics.iter().collect();
    };
    let mut picked: Vec<(usize, &Diagnostic)> = diagnostics.iter().enumerate().collect();
    picked.sort_by_key(|&(index, d)| (d.severity, index));
    picked.truncate(max);
    picked.sort_by_key(|&(index, _)| index);
    picked.into_iter().map(|(_, d)| d).collect()
}

#[cfg(test)]
mod tests {
    use super::{render, RenderOptions, Sources};
    use crate::diagnostic::{Diagnostic, Kind};

    fn findings() -> Vec<Diagnostic> {
        vec![
            Diagnostic::warning(Kind::UnpairedRequest, "a.md", 1, "w1"),
            Diagnostic::warning(Kind::UnpairedRequest, "a.md", 2, "w2"),
            Diagnostic::error(Kind::RequestParse, "b.md", 3, "e1"),
            Diagnostic::warning(Kind::UnpairedRequest, "c.md", 4, "w3"),
        ]
    }

    fn text(max: Option<usize>, colour: bool) -> String {
        let options = RenderOptions {
            colour,
            max,
            more_hint: "see elsewhere",
        };
        let bytes = render(&findings(), &mut Sources::new(&[]), &options);
        String::from_utf8(bytes).expect("UTF-8")
    }

    #[test]
    fn errors_are_kept_first_and_the_rest_are_counted() {
        assert_eq!(
            text(Some(2), false),
            concat!(
                "a.md:1: warning[unpaired-request]: w1\n",
                "b.md:3: error[request-parse]: e1\n",
                "... and 2 more (0 errors, 2 warnings): see elsewhere\n",
            )
        );
        assert_eq!(text(None, false).lines().count(), 4);
        assert_eq!(text(Some(4), false), text(None, false));
    }

    #[test]
    fn colour_is_ansi_escapes_only_when_asked_for() {
        assert!(!text(None, false).contains('\x1b'));
        assert!(text(None, true).contains("error[request-parse]\x1b[0m: e1"));
    }
}
