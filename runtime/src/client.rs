//! The shared client: base URL, HTTP client, token provider and retry policy.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::HeaderValue;
use url::Url;

use crate::auth::TokenProvider;
use crate::builder::{self, ClientBuilder};
use crate::encode;
use crate::error::Error;
use crate::path::ResourcePath;
use crate::retry::RetryPolicy;

/// Base URL used by [`Client::new`].
pub(crate) const GRAPH_BASE_URL: &str = "https://graph.microsoft.com";

/// A Microsoft Graph client. Cheap to clone: clones share one connection pool
/// and token provider.
///
/// Its `Debug` output shows the base URL only, never a token.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Settings>,
}

/// Everything a client is made of; built by [`ClientBuilder::build`].
pub(crate) struct Settings {
    /// The URL request paths are appended to.
    pub(crate) base_url: Url,
    /// The HTTP client requests are sent with.
    pub(crate) http: reqwest::Client,
    /// Where tokens come from.
    pub(crate) token: Box<dyn TokenProvider>,
    /// When failed attempts are retried.
    pub(crate) retry: RetryPolicy,
    /// A timeout set on each request, overriding the HTTP client's.
    pub(crate) request_timeout: Option<Duration>,
}

impl Client {
    /// A client for `https://graph.microsoft.com` with the default settings
    /// of [`Client::builder`]: 10 s to connect, 100 s per attempt, up to 3
    /// retries within 60 s.
    ///
    /// # Panics
    ///
    /// Only where `reqwest::Client::new` panics: when the TLS backend cannot
    /// be initialised. `Client::builder(token).build()` reports that as an
    /// error instead.
    pub fn new(token: impl TokenProvider + 'static) -> Client {
        // The constant is a valid absolute URL, so parsing cannot fail.
        let base_url = Url::parse(GRAPH_BASE_URL).expect("the Graph base URL is valid");
        let http = builder::default_http_client(
            builder::DEFAULT_CONNECT_TIMEOUT,
            builder::DEFAULT_REQUEST_TIMEOUT,
        )
        .unwrap_or_else(|_| reqwest::Client::new());
        Client::from_settings(Settings {
            base_url,
            http,
            token: Box::new(token),
            retry: RetryPolicy::default(),
            request_timeout: None,
        })
    }

    /// Starts configuring a client that authenticates with `token`.
    pub fn builder(token: impl TokenProvider + 'static) -> ClientBuilder {
        ClientBuilder::new(Box::new(token))
    }

    /// The URL request paths are appended to.
    pub fn base_url(&self) -> &Url {
        &self.inner.base_url
    }

    /// A client made of `settings`.
    pub(crate) fn from_settings(settings: Settings) -> Client {
        Client {
            inner: Arc::new(settings),
        }
    }

    /// The HTTP client requests are sent with.
    pub(crate) fn http(&self) -> &reqwest::Client {
        &self.inner.http
    }

    /// When failed attempts are retried.
    pub(crate) fn retry_policy(&self) -> &RetryPolicy {
        &self.inner.retry
    }

    /// The timeout to set on each request, if the builder was given one.
    pub(crate) fn request_timeout(&self) -> Option<Duration> {
        self.inner.request_timeout
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

    /// The URL of a link the service returned (`@odata.nextLink`), which
    /// must be absolute and on the base URL's origin (scheme, host and
    /// port): the token is sent with it, so no other host may receive it.
    pub(crate) fn link(&self, link: &str) -> Result<Url, Error> {
        let url = Url::parse(link).map_err(|error| {
            Error::InvalidRequest(format!("the link {link:?} is not an absolute URL: {error}"))
        })?;
        let base = &self.inner.base_url;
        if url.origin() != base.origin() {
            return Err(Error::InvalidRequest(format!(
                "the link points to {}, not to the client's {}; \
                 it is not followed so that the token is not sent there",
                url.origin().ascii_serialization(),
                base.origin().ascii_serialization()
            )));
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::StaticToken;

    fn client(base: &str) -> Client {
        Client::builder(StaticToken::new("t"))
            .base_url(base)
            .allow_http(true)
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
    fn link_accepts_the_base_origin_only() {
        let client = client("https://graph.microsoft.com");
        let next = "https://graph.microsoft.com/v1.0/users?$skiptoken=x";
        assert_eq!(client.link(next).unwrap().as_str(), next);
        for other in [
            "https://evil.example/v1.0/users",
            "http://graph.microsoft.com/v1.0/users",
            "https://graph.microsoft.com:8443/v1.0/users",
            "/v1.0/users",
        ] {
            let error = client.link(other).unwrap_err();
            assert!(
                matches!(error, Error::InvalidRequest(_)),
                "{other}: {error:?}"
            );
        }
    }

    #[test]
    fn debug_shows_no_token() {
        let client = Client::builder(StaticToken::new("secret-token-value"))
            .base_url("https://h")
            .build()
            .unwrap();
        let text = format!("{client:?}");
        assert!(!text.contains("secret"), "{text}");
    }
}
