//! The shared client: base URL, HTTP client and token provider.

use std::fmt;
use std::sync::Arc;

use reqwest::header::HeaderValue;
use url::Url;

use crate::auth::TokenProvider;
use crate::encode;
use crate::error::Error;
use crate::path::ResourcePath;

/// Base URL used by [`Client::new`].
const GRAPH_BASE_URL: &str = "https://graph.microsoft.com";

/// A Microsoft Graph client. Cheap to clone: clones share one connection pool
/// and token provider.
///
/// Its `Debug` output shows the base URL only, never a token.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    base_url: Url,
    http: reqwest::Client,
    token: Box<dyn TokenProvider>,
}

impl Client {
    /// A client for `https://graph.microsoft.com` with a default HTTP client.
    pub fn new(token: impl TokenProvider + 'static) -> Client {
        // The constant is a valid absolute URL, so parsing cannot fail.
        let base_url = Url::parse(GRAPH_BASE_URL).expect("the Graph base URL is valid");
        Client::from_parts(base_url, reqwest::Client::new(), Box::new(token))
    }

    /// Starts configuring a client that authenticates with `token`.
    pub fn builder(token: impl TokenProvider + 'static) -> ClientBuilder {
        ClientBuilder {
            token: Box::new(token),
            base_url: None,
            http: None,
        }
    }

    /// The URL request paths are appended to.
    pub fn base_url(&self) -> &Url {
        &self.inner.base_url
    }

    fn from_parts(base_url: Url, http: reqwest::Client, token: Box<dyn TokenProvider>) -> Client {
        Client {
            inner: Arc::new(Inner {
                base_url,
                http,
                token,
            }),
        }
    }

    /// The HTTP client requests are sent with.
    pub(crate) fn http(&self) -> &reqwest::Client {
        &self.inner.http
    }

    /// The full URL of a request: base URL, then the rendered path, then
    /// the encoded query.
    pub(crate) fn endpoint(
        &self,
        path: &ResourcePath,
        query: &[(String, String)],
    ) -> Result<Url, Error> {
        let rendered = path.render()?;
        let base = &self.inner.base_url;
        let full_path = format!("{}{rendered}", base.path().trim_end_matches('/'));
        let mut url = base.clone();
        url.set_path(&full_path);
        // The URL parser removes `.`/`..` segments even when written as
        // `%2E`, so such a value cannot be sent as one segment.
        if url.path() != full_path {
            return Err(Error::InvalidRequest(format!(
                "the path {rendered:?} would be sent as {:?}; \
                 a value of \".\" or \"..\" cannot be a path segment",
                url.path()
            )));
        }
        let query = encode::query(query);
        url.set_query((!query.is_empty()).then_some(query.as_str()));
        Ok(url)
    }

    /// The `Authorization` header value, marked sensitive.
    pub(crate) async fn authorization(&self) -> Result<HeaderValue, Error> {
        let token = self
            .inner
            .token
            .token()
            .await
            .map_err(|error| match error {
                Error::Auth(message) => Error::Auth(message),
                other => Error::Auth(other.to_string()),
            })?;
        if token.is_empty() {
            return Err(Error::Auth(
                "the token provider returned an empty token".into(),
            ));
        }
        let mut value = HeaderValue::from_str(&format!("Bearer {token}")).map_err(|_| {
            Error::Auth(
                "the token provider returned a token that is not a valid header value".into(),
            )
        })?;
        value.set_sensitive(true);
        Ok(value)
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url.as_str())
            .finish_non_exhaustive()
    }
}

/// Configures a [`Client`]; created by [`Client::builder`].
pub struct ClientBuilder {
    token: Box<dyn TokenProvider>,
    base_url: Option<String>,
    http: Option<reqwest::Client>,
}

impl ClientBuilder {
    /// Sets the URL request paths are appended to (default
    /// `https://graph.microsoft.com`). It may carry a path prefix, e.g.
    /// `http://localhost:1234/prefix`.
    pub fn base_url(mut self, url: impl Into<String>) -> ClientBuilder {
        self.base_url = Some(url.into());
        self
    }

    /// Sets the HTTP client requests are sent with.
    pub fn http_client(mut self, http: reqwest::Client) -> ClientBuilder {
        self.http = Some(http);
        self
    }

    /// Builds the client.
    ///
    /// Fails with [`Error::InvalidRequest`] when the base URL is not an
    /// absolute `http` or `https` URL, or carries credentials, a query or a
    /// fragment.
    pub fn build(self) -> Result<Client, Error> {
        let base_url = parse_base_url(self.base_url.as_deref().unwrap_or(GRAPH_BASE_URL))?;
        let http = self.http.unwrap_or_default();
        Ok(Client::from_parts(base_url, http, self.token))
    }
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("base_url", &self.base_url)
            .finish_non_exhaustive()
    }
}

/// Parses and checks a base URL.
fn parse_base_url(raw: &str) -> Result<Url, Error> {
    let invalid = |reason: &str| Error::InvalidRequest(format!("base URL {raw:?} {reason}"));
    let url = Url::parse(raw).map_err(|error| invalid(&format!("is not a valid URL: {error}")))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(invalid("must use http or https"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(invalid("must not contain credentials"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(invalid("must not contain a query or fragment"));
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::StaticToken;

    fn client(base: &str) -> Client {
        Client::builder(StaticToken::new("t"))
            .base_url(base)
            .build()
            .unwrap()
    }

    fn users(id: &str) -> ResourcePath {
        ResourcePath::new("v1.0")
            .literal("users")
            .value(id.to_owned())
    }

    #[test]
    fn default_base_url_is_graph() {
        let client = Client::new(StaticToken::new("t"));
        assert_eq!(client.base_url().as_str(), "https://graph.microsoft.com/");
    }

    #[test]
    fn endpoint_appends_path_and_query() {
        let url = client("https://graph.microsoft.com")
            .endpoint(&users("a b"), &[("$top".into(), "5".into())])
            .unwrap();
        assert_eq!(
            url.as_str(),
            "https://graph.microsoft.com/v1.0/users/a%20b?$top=5"
        );
    }

    #[test]
    fn endpoint_keeps_a_base_path_prefix() {
        for base in ["http://host:1234/prefix", "http://host:1234/prefix/"] {
            let url = client(base).endpoint(&users("x"), &[]).unwrap();
            assert_eq!(url.as_str(), "http://host:1234/prefix/v1.0/users/x");
        }
    }

    #[test]
    fn endpoint_keeps_an_encoded_query_unchanged() {
        let query = [("$filter".into(), "a eq 'b' & c#\"d\" <e>".into())];
        let url = client("http://h").endpoint(&users("x"), &query).unwrap();
        assert_eq!(
            url.query(),
            Some(encode::query(&query).as_str()),
            "url {url}"
        );
    }

    #[test]
    fn endpoint_rejects_dot_segments() {
        for value in [".", ".."] {
            let error = client("http://h").endpoint(&users(value), &[]).unwrap_err();
            assert!(
                matches!(error, Error::InvalidRequest(_)),
                "unexpected {error:?}"
            );
        }
    }

    #[test]
    fn build_rejects_bad_base_urls() {
        for base in [
            "not a url",
            "/relative",
            "ftp://host",
            "mailto:someone@example.com",
            "http://user:pw@host",
            "http://host/?q=1",
            "http://host/#f",
        ] {
            let result = Client::builder(StaticToken::new("t"))
                .base_url(base)
                .build();
            assert!(
                matches!(result, Err(Error::InvalidRequest(_))),
                "base {base:?} gave {result:?}"
            );
        }
    }

    #[test]
    fn debug_shows_no_token() {
        let client = Client::builder(StaticToken::new("secret-token-value"))
            .base_url("http://h")
            .build()
            .unwrap();
        let builder = Client::builder(StaticToken::new("secret-token-value"));
        for text in [format!("{client:?}"), format!("{builder:?}")] {
            assert!(!text.contains("secret"), "{text}");
        }
    }
}
