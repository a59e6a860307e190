//! When a failed attempt is tried again, and after how long.
//!
//! A response with status 429, 503 or 504 is retried whatever the method:
//! the service did not process the request. A connection failure (refused,
//! reset, or closed before the whole response arrived) is retried only for
//! an idempotent method, since the service may have acted on the request.
//! A timeout is never retried.

mod after;
mod backoff;

use std::time::{Duration, SystemTime};

use reqwest::header::RETRY_AFTER;
use reqwest::Method;

use crate::reply::Reply;

/// Statuses meaning "not processed, try again later".
const RETRIED_STATUSES: [u16; 3] = [429, 503, 504];

/// How often and for how long failed attempts are retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RetryPolicy {
    /// Retries after the first attempt (so `max_retries + 1` attempts).
    pub(crate) max_retries: u32,
    /// Time from the first attempt past which no wait may end.
    pub(crate) budget: Duration,
    /// The first backoff delay, doubled for each later retry.
    pub(crate) base_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> RetryPolicy {
        RetryPolicy {
            max_retries: 3,
            budget: Duration::from_secs(60),
            base_delay: Duration::from_secs(1),
        }
    }
}

impl RetryPolicy {
    /// How long to wait before retry number `retry` (1 for the first) of a
    /// `method` request whose last attempt ended with `outcome`, `elapsed`
    /// after the first attempt started; `None` when that outcome is final.
    ///
    /// A response's `Retry-After` (seconds or an HTTP date) is honoured;
    /// otherwise the wait is an exponential backoff with jitter. An outcome
    /// is final when it is not retryable, when the retries are used up, or
    /// when the wait would end past the budget. Only the status and headers
    /// of a response count, never its body (which may be left unread).
    pub(crate) fn wait<B>(
        &self,
        retry: u32,
        method: &Method,
        outcome: &Result<Reply<B>, reqwest::Error>,
        elapsed: Duration,
    ) -> Option<Duration> {
        if retry > self.max_retries {
            return None;
        }
        let wait = match outcome {
            Ok(reply) if RETRIED_STATUSES.contains(&reply.status) => reply
                .headers
                .get(RETRY_AFTER)
                .and_then(|value| after::parse(value, SystemTime::now()))
                .unwrap_or_else(|| backoff::delay(self.base_delay, retry)),
            Err(error) if is_idempotent(method) && is_connection_failure(error) => {
                backoff::delay(self.base_delay, retry)
            }
            _ => return None,
        };
        (elapsed.saturating_add(wait) <= self.budget).then_some(wait)
    }
}

/// Whether sending the request twice has the effect of sending it once.
fn is_idempotent(method: &Method) -> bool {
    [
        Method::GET,
        Method::HEAD,
        Method::PUT,
        Method::DELETE,
        Method::OPTIONS,
    ]
    .contains(method)
}

/// Whether the connection failed, as opposed to the request timing out or
/// being unbuildable.
fn is_connection_failure(error: &reqwest::Error) -> bool {
    !error.is_timeout()
        && (error.is_connect() || error.is_request() || error.is_body() || error.is_decode())
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::{HeaderMap, HeaderValue};

    fn reply(status: u16, retry_after: Option<&str>) -> Result<Reply, reqwest::Error> {
        let mut headers = HeaderMap::new();
        if let Some(value) = retry_after {
            headers.insert(RETRY_AFTER, HeaderValue::from_str(value).unwrap());
        }
        Ok(Reply {
            status,
            headers,
            body: Vec::new(),
        })
    }

    fn policy() -> RetryPolicy {
        RetryPolicy {
            max_retries: 3,
            budget: Duration::from_secs(10),
            base_delay: Duration::from_millis(100),
        }
    }

    #[test]
    fn throttling_and_unavailability_are_retried_for_every_method() {
        for status in RETRIED_STATUSES {
            for method in [Method::GET, Method::POST, Method::PATCH] {
                let wait = policy().wait(1, &method, &reply(status, None), Duration::ZERO);
                let wait = wait.unwrap_or_else(|| panic!("{method} {status} not retried"));
                assert!(wait <= Duration::from_millis(100), "{wait:?}");
            }
        }
    }

    #[test]
    fn other_statuses_are_final() {
        for status in [200, 201, 204, 400, 401, 404, 500, 502] {
            assert_eq!(
                policy().wait(1, &Method::GET, &reply(status, None), Duration::ZERO),
                None,
                "{status}"
            );
        }
    }

    #[test]
    fn retry_after_replaces_the_backoff() {
        let wait = policy().wait(1, &Method::GET, &reply(429, Some("2")), Duration::ZERO);
        assert_eq!(wait, Some(Duration::from_secs(2)));
        let wait = policy().wait(2, &Method::GET, &reply(503, Some("soon")), Duration::ZERO);
        assert!(wait.unwrap() <= Duration::from_millis(200));
    }

    #[test]
    fn retries_stop_after_the_maximum() {
        let policy = policy();
        assert!(policy
            .wait(3, &Method::GET, &reply(503, None), Duration::ZERO)
            .is_some());
        assert_eq!(
            policy.wait(4, &Method::GET, &reply(503, None), Duration::ZERO),
            None
        );
    }

    #[test]
    fn no_wait_ends_past_the_budget() {
        let policy = policy();
        let at = |elapsed| policy.wait(1, &Method::GET, &reply(429, Some("3")), elapsed);
        assert_eq!(at(Duration::from_secs(7)), Some(Duration::from_secs(3)));
        assert_eq!(at(Duration::from_millis(7001)), None);
        let huge = policy.wait(
            1,
            &Method::GET,
            &reply(429, Some("99999999999999999999")),
            Duration::from_secs(1),
        );
        assert_eq!(huge, None);
    }

    #[test]
    fn idempotent_methods_are_the_safe_ones() {
        for method in [
            Method::GET,
            Method::HEAD,
            Method::PUT,
            Method::DELETE,
            Method::OPTIONS,
        ] {
            assert!(is_idempotent(&method), "{method}");
        }
        for method in [Method::POST, Method::PATCH] {
            assert!(!is_idempotent(&method), "{method}");
        }
    }
}
