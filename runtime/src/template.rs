//! Template segments: documented text with caller values inside, such as OData function calls
//! (`range(address='A1:B2')`), alternate keys (`roleTemplateId=...`) and drive item paths
//! (`root:/folder/file.txt:`).

use crate::encode;
use crate::error::Error;

/// One piece of a template segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Documented text, written as is.
    Text(&'static str),
    /// A value written inside single quotes in the template: quotes in it are doubled, as OData
    /// requires, and unsafe characters are percent-encoded.
    Quoted(String),
    /// A value in the template's text (`roleTemplateId={id}`), percent-encoded; it must not be empty.
    Encoded(String),
    /// A value written without quotes (a number, a boolean, an enum member): only letters,
    /// digits and `-._:+` are accepted, so that it cannot change the call's syntax.
    Raw(String),
    /// A drive item path: it may hold `/`, and each of its parts is percent-encoded; empty,
    /// `.` and `..` parts are rejected.
    Path(String),
}

/// Render the pieces into one path segment, or say why a value cannot be sent safely.
pub(crate) fn render(pieces: &[Piece]) -> Result<String, Error> {
    let mut rendered = String::new();
    for piece in pieces {
        match piece {
            Piece::Text(text) => rendered.push_str(text),
            Piece::Quoted(value) => rendered.push_str(&encode::segment(&value.replace('\'', "''"))),
            Piece::Encoded(value) if value.is_empty() => {
                return Err(Error::InvalidRequest(
                    "an empty value cannot be part of a path segment".to_owned(),
                ));
            }
            Piece::Encoded(value) => rendered.push_str(&encode::segment(value)),
            Piece::Raw(value) => {
                let safe = !value.is_empty()
                    && value
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || "-._:+".contains(c));
                if !safe {
                    return Err(Error::InvalidRequest(format!(
                        "{value:?} cannot be written unquoted in a path: use letters, digits and -._:+ only"
                    )));
                }
                rendered.push_str(value);
            }
            Piece::Path(value) => {
                let parts: Vec<&str> = value.split('/').collect();
                if parts
                    .iter()
                    .any(|p| p.is_empty() || *p == "." || *p == "..")
                {
                    return Err(Error::InvalidRequest(format!(
                        "{value:?} is not a valid item path: it has an empty, `.` or `..` part"
                    )));
                }
                let encoded: Vec<String> = parts.iter().map(|p| encode::segment(p)).collect();
                rendered.push_str(&encoded.join("/"));
            }
        }
    }
    if matches!(rendered.as_str(), "" | "." | ".." | "%2E" | "%2E%2E") {
        return Err(Error::InvalidRequest(format!(
            "the template segment renders as {rendered:?}, which would change the path"
        )));
    }
    Ok(rendered)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn function_calls_quote_and_encode_values() {
        let pieces = [
            Piece::Text("range(address='"),
            Piece::Quoted("Sheet 1'!A1:B2".into()),
            Piece::Text("')"),
        ];
        assert_eq!(
            render(&pieces).unwrap(),
            "range(address='Sheet%201''!A1:B2')"
        );
    }

    #[test]
    fn raw_values_cannot_change_the_syntax() {
        let ok = [
            Piece::Text("rowsBelow(count="),
            Piece::Raw("3".into()),
            Piece::Text(")"),
        ];
        assert_eq!(render(&ok).unwrap(), "rowsBelow(count=3)");
        for bad in ["3),x(", "a b", "", "1/2", "'x'"] {
            let pieces = [
                Piece::Text("f(n="),
                Piece::Raw(bad.into()),
                Piece::Text(")"),
            ];
            assert!(
                matches!(render(&pieces), Err(Error::InvalidRequest(_))),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn item_paths_keep_slashes_and_reject_dot_segments() {
        let pieces = [
            Piece::Text("root:/"),
            Piece::Path("Folder A/file#1.txt".into()),
            Piece::Text(":"),
        ];
        assert_eq!(render(&pieces).unwrap(), "root:/Folder%20A/file%231.txt:");
        for bad in ["a/../b", "/a", "a//b", "..", "a/"] {
            let pieces = [
                Piece::Text("root:/"),
                Piece::Path(bad.into()),
                Piece::Text(":"),
            ];
            assert!(
                matches!(render(&pieces), Err(Error::InvalidRequest(_))),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn encoded_values_stay_inside_their_segment() {
        let pieces = [
            Piece::Text("roleTemplateId="),
            Piece::Encoded("a/b?c".into()),
        ];
        assert_eq!(render(&pieces).unwrap(), "roleTemplateId=a%2Fb%3Fc");
        assert!(render(&[Piece::Text("k="), Piece::Encoded(String::new())]).is_err());
    }

    #[test]
    fn a_segment_cannot_render_as_a_dot_segment() {
        assert!(render(&[Piece::Quoted("..".into())]).is_err());
        assert!(render(&[Piece::Text("")]).is_err());
    }
}
