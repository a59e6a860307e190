//! The path of a request below the base URL, as a list of segments.

use crate::encode;
use crate::error::Error;
use crate::template::{self, Piece};

/// One segment of a [`ResourcePath`].
#[derive(Debug, Clone, PartialEq, Eq)]
enum Segment {
    /// A documented segment, written as is.
    Literal(&'static str),
    /// A caller-supplied value, percent-encoded into exactly one segment.
    Value(String),
    /// Documented text with caller-supplied values inside.
    Template(Vec<Piece>),
}

/// The path of a request below the base URL, e.g. `/beta/users/{id}/contacts`.
///
/// The first segment is the API version. Documented segments are written
/// as given; caller-supplied values are percent-encoded so that each stays
/// exactly one segment whatever characters it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResourcePath {
    version: &'static str,
    segments: Vec<Segment>,
}

impl ResourcePath {
    /// Starts a path at an API version such as `"v1.0"` or `"beta"`.
    pub fn new(version: &'static str) -> ResourcePath {
        ResourcePath {
            version,
            segments: Vec::new(),
        }
    }

    /// Appends a documented segment, written as is.
    pub fn literal(mut self, segment: &'static str) -> ResourcePath {
        self.segments.push(Segment::Literal(segment));
        self
    }

    /// Appends a caller-supplied value that must stay exactly one segment.
    pub fn value(mut self, value: String) -> ResourcePath {
        self.segments.push(Segment::Value(value));
        self
    }

    /// Appends a template segment: documented text with caller-supplied values inside.
    pub fn template(mut self, pieces: Vec<Piece>) -> ResourcePath {
        self.segments.push(Segment::Template(pieces));
        self
    }

    /// Renders the path with a leading slash, e.g. `/beta/users/x/contacts`.
    ///
    /// Fails with [`Error::InvalidRequest`] when a value is empty, since an
    /// empty segment would change which resource the path names.
    pub fn render(&self) -> Result<String, Error> {
        let mut rendered = format!("/{}", self.version);
        for segment in &self.segments {
            rendered.push('/');
            match segment {
                Segment::Literal(literal) => rendered.push_str(literal),
                Segment::Value(value) if value.is_empty() => {
                    return Err(Error::InvalidRequest(format!(
                        "an empty value cannot be a path segment (after {rendered:?})"
                    )));
                }
                Segment::Value(value) => rendered.push_str(&encode::segment(value)),
                Segment::Template(pieces) => rendered.push_str(&template::render(pieces)?),
            }
        }
        Ok(rendered)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contacts_of(user: &str) -> Result<String, Error> {
        ResourcePath::new("beta")
            .literal("users")
            .value(user.to_owned())
            .literal("contacts")
            .render()
    }

    #[test]
    fn renders_literals_and_values() {
        assert_eq!(contacts_of("u-1").unwrap(), "/beta/users/u-1/contacts");
        assert_eq!(ResourcePath::new("v1.0").render().unwrap(), "/v1.0");
    }

    #[test]
    fn values_stay_one_segment() {
        let cases = [
            ("a/b", "a%2Fb"),
            ("a?b", "a%3Fb"),
            ("a#b", "a%23b"),
            ("50%", "50%25"),
            ("..", "%2E%2E"),
            (".", "%2E"),
            ("a b", "a%20b"),
            ("zoë", "zo%C3%AB"),
            ("../../me", "..%2F..%2Fme"),
        ];
        for (value, encoded) in cases {
            assert_eq!(
                contacts_of(value).unwrap(),
                format!("/beta/users/{encoded}/contacts"),
                "value {value:?}"
            );
        }
    }

    #[test]
    fn literals_are_written_as_is() {
        let path = ResourcePath::new("v1.0")
            .literal("me")
            .literal("microsoft.graph.delta()");
        assert_eq!(path.render().unwrap(), "/v1.0/me/microsoft.graph.delta()");
    }

    #[test]
    fn empty_value_is_rejected() {
        let error = contacts_of("").unwrap_err();
        assert!(
            matches!(error, Error::InvalidRequest(_)),
            "unexpected {error:?}"
        );
    }
}
