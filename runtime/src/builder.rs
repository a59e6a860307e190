//! Configuring a client: base URL, HTTP client, timeouts and retries.

use std::fmt;
use std::time::Duration;

use url::Url;

use crate::auth::TokenProvider;
use crate::client::{Client, Settings, GRAPH_BASE_URL};
use crate::error::Error;
use crate::retry::RetryPolicy;

/// Time allowed to open a connection, by default.
pub(crate) const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// Time allowed for one attempt (connecting, sending, reading the whole
/// response), by default.
pub(crate) const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(100);

/// Configures a [`Client`]; created by [`Client::builder`].
///
/// | setting | default |
/// |---|---|
/// | [`base_url`](ClientBuilder::base_url) | `https://graph.microsoft.com` |
/// | [`allow_http`](ClientBuilder::allow_http) | `false`: only `https` base URLs |
/// | [`connect_timeout`](ClientBuilder::connect_timeout) | 10 s |
/// | [`request_timeout`](ClientBuilder::request_timeout) | 100 s per attempt |
/// | [`max_retries`](ClientBuilder::max_retries) | 3 (so at most 4 attempts) |
/// | [`retry_budget`](ClientBuilder::retry_budget) | 60 s |
/// | [`retry_base_delay`](ClientBuilder::retry_base_delay) | 1 s |
pub struct ClientBuilder {
    token: Box<dyn TokenProvider>,
    base_url: Option<String>,
    http: Option<reqwest::Client>,
    allow_http: bool,
    connect_timeout: Option<Duration>,
    request_timeout: Option<Duration>,
    retry: RetryPolicy,
}

impl ClientBuilder {
    /// A builder with every default, authenticating with `token`.
    pub(crate) fn new(token: Box<dyn TokenProvider>) -> ClientBuilder {
        ClientBuilder {
            token,
            base_url: None,
            http: None,
            allow_http: false,
            connect_timeout: None,
            request_timeout: None,
            retry: RetryPolicy::default(),
        }
    }

    /// Sets the URL request paths are appended to (default
    /// `https://graph.microsoft.com`). It may carry a path prefix, e.g.
    /// `https://proxy.example.com/graph`.
    pub fn base_url(mut self, url: impl Into<String>) -> ClientBuilder {
        self.base_url = Some(url.into());
        self
    }

    /// Allows a plain `http` base URL (default `false`), which sends the
    /// token unencrypted: meant for a local test server only.
    pub fn allow_http(mut self, allow: bool) -> ClientBuilder {
        self.allow_http = allow;
        self
    }

    /// Sets the HTTP client requests are sent with, instead of a default
    /// one with the connect and request timeouts of this builder.
    ///
    /// Its own timeouts apply, except that a
    /// [`request_timeout`](ClientBuilder::request_timeout) set here
    /// overrides its request timeout. Set its connect timeout on the
    /// `reqwest::ClientBuilder`: [`build`](ClientBuilder::build) refuses a
    /// [`connect_timeout`](ClientBuilder::connect_timeout) it could not
    /// apply.
    pub fn http_client(mut self, http: reqwest::Client) -> ClientBuilder {
        self.http = Some(http);
        self
    }

    /// Sets the time allowed to open a connection (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> ClientBuilder {
        self.connect_timeout = Some(timeout);
        self
    }

    /// Sets the time allowed for one attempt, from sending the request to
    /// reading the last byte of the response (default 100 s). Each retry
    /// gets the full time again.
    pub fn request_timeout(mut self, timeout: Duration) -> ClientBuilder {
        self.request_timeout = Some(timeout);
        self
    }

    /// Sets how many times a failed attempt may be retried (default 3, so
    /// at most 4 attempts); `0` turns retries off.
    ///
    /// Responses with status 429, 503 or 504 are retried for every method;
    /// a connection that fails before the whole response arrived only for
    /// the idempotent methods GET, HEAD, PUT, DELETE and OPTIONS. A timeout
    /// is not retried. The wait is the response's `Retry-After` (seconds or
    /// an HTTP date) when it has one, otherwise an exponential backoff with
    /// jitter (see [`retry_base_delay`](ClientBuilder::retry_base_delay)).
    /// Each retry carries a `retry-attempt: N` header, `N` = 1 for the first.
    pub fn max_retries(mut self, retries: u32) -> ClientBuilder {
        self.retry.max_retries = retries;
        self
    }

    /// Sets the time, from the first attempt, within which every wait
    /// before a retry must end (default 60 s). When the next wait would end
    /// later, the last response or error is returned at once.
    pub fn retry_budget(mut self, budget: Duration) -> ClientBuilder {
        self.retry.budget = budget;
        self
    }

    /// Sets the backoff before the first retry of a response without
    /// `Retry-After` (default 1 s); it doubles for each later retry, and a
    /// random part of up to half of it is dropped.
    pub fn retry_base_delay(mut self, delay: Duration) -> ClientBuilder {
        self.retry.base_delay = delay;
        self
    }

    /// Builds the client.
    ///
    /// Fails with [`Error::InvalidRequest`] when the base URL is not an
    /// absolute `https` URL (or `http` with
    /// [`allow_http`](ClientBuilder::allow_http)), or carries credentials,
    /// a query or a fragment; when a connect timeout was set together with
    /// an HTTP client; or when the default HTTP client cannot be built.
    pub fn build(self) -> Result<Client, Error> {
        let base_url = parse_base_url(
            self.base_url.as_deref().unwrap_or(GRAPH_BASE_URL),
            self.allow_http,
        )?;
        let http = match (self.http, self.connect_timeout) {
            (Some(_), Some(_)) => {
                return Err(Error::InvalidRequest(
                    "a connect timeout cannot be applied to a given HTTP client; \
                     set it on its reqwest::ClientBuilder instead"
                        .into(),
                ))
            }
            (Some(http), None) => http,
            (None, connect) => default_http_client(
                connect.unwrap_or(DEFAULT_CONNECT_TIMEOUT),
                self.request_timeout.unwrap_or(DEFAULT_REQUEST_TIMEOUT),
            )
            .map_err(|error| {
                Error::InvalidRequest(format!("the HTTP client could not be built: {error}"))
            })?,
        };
        Ok(Client::from_settings(Settings {
            base_url,
            http,
            token: self.token,
            retry: self.retry,
            request_timeout: self.request_timeout,
        }))
    }
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("base_url", &self.base_url)
            .field("allow_http", &self.allow_http)
            .field("connect_timeout", &self.connect_timeout)
            .field("request_timeout", &self.request_timeout)
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

/// An HTTP client with the given timeouts.
pub(crate) fn default_http_client(
    connect: Duration,
    request: Duration,
) -> Result<reqwest::Client, reqwest::Error> {
    reqwest::Client::builder()
        .connect_timeout(connect)
        .timeout(request)
        .build()
}

/// Parses and checks a base URL.
fn parse_base_url(raw: &str, allow_http: bool) -> Result<Url, Error> {
    let invalid = |reason: &str| Error::InvalidRequest(format!("base URL {raw:?} {reason}"));
    let url = Url::parse(raw).map_err(|error| invalid(&format!("is not a valid URL: {error}")))?;
    if !url.username().is_empty() || url.password().is_some() {
        // The URL is left out of the message: it holds a credential.
        return Err(Error::InvalidRequest(
            "the base URL must not contain credentials".into(),
        ));
    }
    match url.scheme() {
        "https" => {}
        "http" if allow_http => {}
        "http" => {
            return Err(invalid(
                "uses http, which would send the token unencrypted; \
                 call allow_http(true) to allow it for a local test server",
            ))
        }
        _ => return Err(invalid("must use https")),
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

    fn builder() -> ClientBuilder {
        Client::builder(StaticToken::new("t"))
    }

    #[test]
    fn build_rejects_bad_base_urls() {
        for base in [
            "not a url",
            "/relative",
            "ftp://host",
            "mailto:someone@example.com",
            "https://host/?q=1",
            "https://host/#f",
            "http://host/?q=1",
        ] {
            let result = builder().base_url(base).allow_http(true).build();
            assert!(
                matches!(result, Err(Error::InvalidRequest(_))),
                "base {base:?} gave {result:?}"
            );
        }
    }

    #[test]
    fn credentials_are_refused_without_being_repeated() {
        for base in ["https://user:pw-secret@host", "http://user:pw-secret@host"] {
            let error = builder()
                .base_url(base)
                .allow_http(true)
                .build()
                .unwrap_err();
            assert!(matches!(error, Error::InvalidRequest(_)), "{error:?}");
            assert!(!error.to_string().contains("secret"), "{error}");
        }
    }

    #[test]
    fn http_needs_allow_http() {
        let error = builder()
            .base_url("http://localhost:1")
            .build()
            .unwrap_err();
        let Error::InvalidRequest(message) = &error else {
            panic!("expected Error::InvalidRequest, got {error:?}");
        };
        assert!(message.contains("allow_http(true)"), "{message}");
        let client = builder()
            .base_url("http://localhost:1")
            .allow_http(true)
            .build()
            .unwrap();
        assert_eq!(client.base_url().as_str(), "http://localhost:1/");
        builder().base_url("https://localhost:1").build().unwrap();
    }

    #[test]
    fn connect_timeout_with_a_given_client_is_refused() {
        let result = builder()
            .http_client(reqwest::Client::new())
            .connect_timeout(Duration::from_secs(1))
            .build();
        assert!(
            matches!(result, Err(Error::InvalidRequest(_))),
            "{result:?}"
        );
        let client = builder()
            .http_client(reqwest::Client::new())
            .request_timeout(Duration::from_secs(1))
            .build()
            .unwrap();
        assert_eq!(client.request_timeout(), Some(Duration::from_secs(1)));
    }

    #[test]
    fn settings_reach_the_client() {
        let client = builder()
            .max_retries(7)
            .retry_budget(Duration::from_secs(5))
            .retry_base_delay(Duration::from_millis(20))
            .build()
            .unwrap();
        assert_eq!(
            *client.retry_policy(),
            RetryPolicy {
                max_retries: 7,
                budget: Duration::from_secs(5),
                base_delay: Duration::from_millis(20),
            }
        );
        assert_eq!(client.request_timeout(), None);
        assert_eq!(
            *builder().build().unwrap().retry_policy(),
            RetryPolicy::default()
        );
    }

    #[test]
    fn debug_shows_no_token() {
        let text = format!(
            "{:?}",
            Client::builder(StaticToken::new("secret-token-value"))
        );
        assert!(!text.contains("secret"), "{text}");
        assert!(text.contains("max_retries: 3"), "{text}");
    }
}
