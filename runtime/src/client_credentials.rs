//! An OAuth2 client-credentials token provider for Microsoft Entra ID,
//! built on the `oauth2` crate and sending its requests with reqwest.

use std::fmt;
use std::future::Future;
use std::net::IpAddr;
use std::pin::Pin;
use std::time::{Duration, Instant};

use async_trait::async_trait;
use oauth2::basic::{BasicClient, BasicRequestTokenError};
use oauth2::{
    AsyncHttpClient, AuthType, ClientId, ClientSecret, HttpClientError, HttpRequest, HttpResponse,
    RequestTokenError, Scope, TokenResponse, TokenUrl,
};
use tokio::sync::Mutex;
use url::Url;

use crate::auth::TokenProvider;
use crate::error::Error;

/// The Microsoft Entra ID authority of the global cloud.
const DEFAULT_AUTHORITY: &str = "https://login.microsoftonline.com";

/// The scope asking for every application permission granted on Microsoft Graph.
const DEFAULT_SCOPE: &str = "https://graph.microsoft.com/.default";

/// A token is refreshed once less than this much of its lifetime remains
/// (or less than a tenth of its lifetime, whichever is longer).
const REFRESH_MARGIN: Duration = Duration::from_secs(5 * 60);

/// Longest wait for the token endpoint, per request.
const TOKEN_REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// Gets application tokens with the OAuth2 client-credentials grant from
/// `{authority}/{tenant}/oauth2/v2.0/token`.
///
/// The token is cached and fetched again when less than 5 minutes, or less
/// than 10% of its lifetime, remain; a token whose response gives no
/// lifetime is not cached. Concurrent callers wait for one shared refresh.
///
/// Only `https` authorities are accepted, except for loopback hosts
/// (`localhost`, `127.0.0.1`, `::1`) or after
/// [`allow_http(true)`](ClientCredentials::allow_http). Neither `Debug` nor
/// any error ever shows the client secret or a token.
pub struct ClientCredentials {
    tenant: String,
    client_id: ClientId,
    client_secret: ClientSecret,
    authority: String,
    scope: String,
    allow_http: bool,
    state: Mutex<State>,
}

/// What the provider keeps between calls.
#[derive(Default)]
struct State {
    /// The HTTP client for the token endpoint, made on first use.
    http: Option<reqwest::Client>,
    /// The last token and when it should be replaced.
    cached: Option<Cached>,
}

/// A token and the instant from which it is no longer handed out.
struct Cached {
    token: String,
    refresh_at: Instant,
}

impl ClientCredentials {
    /// A provider for the app `client_id` of the directory `tenant` (its id
    /// or a verified domain), authenticating with `client_secret`, against
    /// `https://login.microsoftonline.com` and for the scope
    /// `https://graph.microsoft.com/.default`.
    pub fn new(
        tenant: impl Into<String>,
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
    ) -> ClientCredentials {
        ClientCredentials {
            tenant: tenant.into(),
            client_id: ClientId::new(client_id.into()),
            client_secret: ClientSecret::new(client_secret.into()),
            authority: DEFAULT_AUTHORITY.to_owned(),
            scope: DEFAULT_SCOPE.to_owned(),
            allow_http: false,
            state: Mutex::new(State::default()),
        }
    }

    /// Uses another authority, such as `https://login.microsoftonline.us`
    /// for a national cloud. The URL is checked on the first
    /// [`token`](TokenProvider::token) call.
    pub fn authority(mut self, url: impl Into<String>) -> ClientCredentials {
        self.authority = url.into();
        self
    }

    /// Asks for another scope, such as `https://graph.microsoft.us/.default`.
    pub fn scope(mut self, scope: impl Into<String>) -> ClientCredentials {
        self.scope = scope.into();
        self
    }

    /// Accepts an `http` authority on any host (default `false`: `http`
    /// only for loopback hosts). Meant for tests: the secret then travels
    /// in clear text.
    pub fn allow_http(mut self, allow: bool) -> ClientCredentials {
        self.allow_http = allow;
        self
    }

    /// The token endpoint of the authority and tenant.
    fn token_url(&self) -> Result<Url, Error> {
        let mut url = Url::parse(&self.authority)
            .map_err(|error| Error::Auth(format!("invalid authority URL: {error}")))?;
        match url.scheme() {
            "https" => {}
            "http" if self.allow_http || is_loopback(&url) => {}
            "http" => {
                return Err(Error::Auth(
                    "the authority must use https (http is allowed for loopback hosts, \
                     or with allow_http(true))"
                        .into(),
                ))
            }
            other => {
                return Err(Error::Auth(format!(
                    "the authority must use https, not {other}"
                )))
            }
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(Error::Auth(
                "the authority URL must not carry credentials".into(),
            ));
        }
        if self.tenant.is_empty() {
            return Err(Error::Auth("the tenant is empty".into()));
        }
        url.set_query(None);
        url.set_fragment(None);
        url.path_segments_mut()
            .map_err(|()| Error::Auth("the authority URL cannot have a path".into()))?
            .pop_if_empty()
            .extend([self.tenant.as_str(), "oauth2", "v2.0", "token"]);
        Ok(url)
    }

    /// Asks the token endpoint for a new token.
    async fn fetch(&self, http: &reqwest::Client) -> Result<Cached, Error> {
        let token_url = TokenUrl::from_url(self.token_url()?);
        let client = BasicClient::new(self.client_id.clone())
            .set_client_secret(self.client_secret.clone())
            .set_auth_type(AuthType::RequestBody)
            .set_token_uri(token_url);
        let send = Http(http.clone());
        let requested = Instant::now();
        let response = client
            .exchange_client_credentials()
            .add_scope(Scope::new(self.scope.clone()))
            .request_async(&send)
            .await
            .map_err(|error| self.auth_error(error))?;
        let token = response.access_token().secret().clone();
        if token.is_empty() {
            return Err(Error::Auth(
                "the token endpoint returned an empty access token".into(),
            ));
        }
        let lifetime = response.expires_in().unwrap_or(Duration::ZERO);
        let margin = REFRESH_MARGIN.max(lifetime / 10);
        Ok(Cached {
            token,
            refresh_at: requested + lifetime.saturating_sub(margin),
        })
    }

    /// Describes a failed token request without the secret or any token.
    fn auth_error(&self, error: BasicRequestTokenError<HttpClientError<reqwest::Error>>) -> Error {
        let message = match error {
            RequestTokenError::ServerResponse(response) => {
                let mut message = format!("the token endpoint refused: {}", response.error());
                if let Some(description) = response.error_description() {
                    message.push_str(": ");
                    message.push_str(description);
                }
                message
            }
            RequestTokenError::Request(HttpClientError::Reqwest(error)) => {
                let kind = if error.is_timeout() {
                    "timed out"
                } else if error.is_connect() {
                    "could not connect"
                } else {
                    "failed"
                };
                format!("the token request {kind}: {}", error.without_url())
            }
            RequestTokenError::Request(error) => format!("the token request failed: {error}"),
            RequestTokenError::Parse(error, _) => format!(
                "the token endpoint's response could not be read (at `{}`)",
                error.path()
            ),
            RequestTokenError::Other(message) => {
                format!("unexpected token endpoint response: {message}")
            }
        };
        Error::Auth(redact(&message, self.client_secret.secret()))
    }
}

impl fmt::Debug for ClientCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientCredentials")
            .field("tenant", &self.tenant)
            .field("client_id", &self.client_id.as_str())
            .field("client_secret", &"<redacted>")
            .field("authority", &self.authority)
            .field("scope", &self.scope)
            .field("allow_http", &self.allow_http)
            .finish_non_exhaustive()
    }
}

#[async_trait]
impl TokenProvider for ClientCredentials {
    async fn token(&self) -> Result<String, Error> {
        let mut state = self.state.lock().await;
        if let Some(cached) = &state.cached {
            if Instant::now() < cached.refresh_at {
                return Ok(cached.token.clone());
            }
        }
        let http = match &state.http {
            Some(http) => http.clone(),
            None => {
                let http = reqwest::Client::builder()
                    .redirect(reqwest::redirect::Policy::none())
                    .timeout(TOKEN_REQUEST_TIMEOUT)
                    .build()
                    .map_err(|error| {
                        Error::Auth(format!("could not create the HTTP client: {error}"))
                    })?;
                state.http = Some(http.clone());
                http
            }
        };
        state.cached = None;
        let fresh = self.fetch(&http).await?;
        let token = fresh.token.clone();
        state.cached = Some(fresh);
        Ok(token)
    }
}

/// The runtime's reqwest client as the HTTP client of the `oauth2` crate.
struct Http(reqwest::Client);

impl<'c> AsyncHttpClient<'c> for Http {
    type Error = HttpClientError<reqwest::Error>;
    type Future = Pin<Box<dyn Future<Output = Result<HttpResponse, Self::Error>> + Send + 'c>>;

    fn call(&'c self, request: HttpRequest) -> Self::Future {
        Box::pin(execute(&self.0, request))
    }
}

/// Sends one request of the `oauth2` crate with reqwest.
async fn execute(
    http: &reqwest::Client,
    request: HttpRequest,
) -> Result<HttpResponse, HttpClientError<reqwest::Error>> {
    let request = reqwest::Request::try_from(request).map_err(Box::new)?;
    let response = http.execute(request).await.map_err(Box::new)?;
    let mut builder = oauth2::http::Response::builder()
        .status(response.status())
        .version(response.version());
    for (name, value) in response.headers() {
        builder = builder.header(name, value);
    }
    let body = response.bytes().await.map_err(Box::new)?;
    builder.body(body.to_vec()).map_err(HttpClientError::Http)
}

/// Whether the URL's host is `localhost` or a loopback address.
fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(domain)) => domain.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    }
}

/// `message` with every occurrence of `secret` replaced.
fn redact(message: &str, secret: &str) -> String {
    if secret.is_empty() {
        message.to_owned()
    } else {
        message.replace(secret, "<redacted>")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_url_joins_authority_and_tenant() {
        let provider = ClientCredentials::new("contoso.onmicrosoft.com", "id", "secret");
        assert_eq!(
            provider.token_url().unwrap().as_str(),
            "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token"
        );
        let provider = ClientCredentials::new("a/b", "id", "secret")
            .authority("https://login.microsoftonline.us/");
        assert_eq!(
            provider.token_url().unwrap().as_str(),
            "https://login.microsoftonline.us/a%2Fb/oauth2/v2.0/token"
        );
    }

    #[test]
    fn http_authority_needs_loopback_or_opt_in() {
        let local = ClientCredentials::new("t", "id", "s").authority("http://127.0.0.1:8080");
        assert!(local.token_url().is_ok());
        let local = ClientCredentials::new("t", "id", "s").authority("http://localhost");
        assert!(local.token_url().is_ok());
        let remote = ClientCredentials::new("t", "id", "s").authority("http://example.com");
        assert!(matches!(remote.token_url(), Err(Error::Auth(_))));
        let remote = remote.allow_http(true);
        assert!(remote.token_url().is_ok());
        let ftp = ClientCredentials::new("t", "id", "s").authority("ftp://localhost");
        assert!(matches!(ftp.token_url(), Err(Error::Auth(_))));
    }

    #[test]
    fn authority_with_credentials_is_refused() {
        let provider =
            ClientCredentials::new("t", "id", "s").authority("https://user:pw@example.com");
        assert!(matches!(provider.token_url(), Err(Error::Auth(_))));
    }

    #[test]
    fn redact_removes_the_secret() {
        assert_eq!(redact("a s3cr3t b", "s3cr3t"), "a <redacted> b");
        assert_eq!(redact("a b", ""), "a b");
    }
}
