//! Typed request headers documented by Microsoft Graph: the preconditions
//! `If-Match` and `If-None-Match`, and `Prefer`.
//!
//! Their values go through the same checks as any [`Request::header`]: a
//! value holding CR, LF or another control character is refused with
//! [`Error::InvalidRequest`](crate::Error::InvalidRequest) before anything
//! is sent.

use crate::body::ResponseBody;
use crate::request::Request;

impl<R: ResponseBody> Request<'_, R> {
    /// `If-Match: etag`: act only if the resource still has this entity
    /// tag, else the service answers 412 (Precondition Failed). Give the tag
    /// as the service sent it (`@odata.etag`, `eTag` or the `ETag` header),
    /// quotes and any `W/` included; `*` matches any existing resource.
    ///
    /// Replaces any `If-Match` added before.
    pub fn if_match(self, etag: impl Into<String>) -> Self {
        self.replace_header("If-Match", etag)
    }

    /// `If-None-Match: etag`: act only if the resource does not have this
    /// entity tag (a GET then answers 304 Not Modified when it does); `*`
    /// means "only if the resource does not exist".
    ///
    /// Replaces any `If-None-Match` added before.
    pub fn if_none_match(self, etag: impl Into<String>) -> Self {
        self.replace_header("If-None-Match", etag)
    }

    /// Adds a preference to the `Prefer` header, e.g. `return=minimal`,
    /// `odata.maxpagesize=50` or `outlook.timezone="Pacific Standard Time"`.
    ///
    /// Several calls give one `Prefer` header with the preferences in call
    /// order, separated by `", "` (equivalent to several headers, RFC 7240).
    /// They are appended to a `Prefer` added with [`header`](Request::header)
    /// too, when there is one.
    pub fn prefer(self, preference: impl Into<String>) -> Self {
        self.join_header("Prefer", preference)
    }
}

#[cfg(test)]
mod tests {
    use crate::auth::StaticToken;
    use crate::body::NoContent;
    use crate::client::Client;
    use crate::node::Node;
    use reqwest::Method;

    fn headers(
        build: impl FnOnce(Node<'_>) -> crate::Request<'_, NoContent>,
    ) -> Vec<(String, String)> {
        let client = Client::new(StaticToken::new("t"));
        build(Node::root(&client, "v1.0")).caller_headers().to_vec()
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(name, value)| (name.to_string(), value.to_string()))
            .collect()
    }

    #[test]
    fn if_match_and_if_none_match_replace_earlier_values() {
        let sent = headers(|node| {
            node.request(Method::PATCH)
                .header("if-match", "\"a\"")
                .if_match("\"b\"")
                .if_match("W/\"c,1\"")
                .if_none_match("\"d\"")
                .if_none_match("*")
        });
        assert_eq!(
            sent,
            pairs(&[("If-Match", "W/\"c,1\""), ("If-None-Match", "*")])
        );
    }

    #[test]
    fn preferences_are_joined_into_the_first_prefer_header() {
        let sent = headers(|node| {
            node.request(Method::GET)
                .prefer("return=minimal")
                .header("X-Other", "1")
                .prefer("odata.maxpagesize=5")
        });
        assert_eq!(
            sent,
            pairs(&[
                ("Prefer", "return=minimal, odata.maxpagesize=5"),
                ("X-Other", "1"),
            ])
        );
        let sent = headers(|node| {
            node.request(Method::GET)
                .header("prefer", "a")
                .header("Prefer", "b")
                .prefer("c")
        });
        assert_eq!(sent, pairs(&[("prefer", "a, c"), ("Prefer", "b")]));
    }
}
