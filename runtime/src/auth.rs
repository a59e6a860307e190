//! Access tokens: the provider trait and a fixed-token implementation.

use std::fmt;

use async_trait::async_trait;

use crate::error::Error;

/// Supplies the OAuth access token sent as `Authorization: Bearer <token>`.
///
/// The client asks for a token before every request, so an implementation
/// may cache and refresh tokens as it sees fit.
#[async_trait]
pub trait TokenProvider: Send + Sync {
    /// Returns a current access token.
    ///
    /// A failure surfaces to the caller as [`Error::Auth`] carrying the
    /// error's message.
    async fn token(&self) -> Result<String, Error>;
}

/// A token provider that always returns the same token.
///
/// Its `Debug` output never shows the token.
#[derive(Clone)]
pub struct StaticToken {
    token: String,
}

impl StaticToken {
    /// Wraps a fixed access token.
    pub fn new(token: impl Into<String>) -> StaticToken {
        StaticToken {
            token: token.into(),
        }
    }
}

impl fmt::Debug for StaticToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("StaticToken(<redacted>)")
    }
}

#[async_trait]
impl TokenProvider for StaticToken {
    async fn token(&self) -> Result<String, Error> {
        Ok(self.token.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_redacts_the_token() {
        let token = StaticToken::new("secret-token-value");
        assert_eq!(format!("{token:?}"), "StaticToken(<redacted>)");
        assert!(!format!("{token:#?}").contains("secret"));
    }
}
