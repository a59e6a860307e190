//! Sending a request: one attempt after another until one is final.

use std::future::Future;
use std::time::Instant;

use reqwest::header::{HeaderName, HeaderValue, AUTHORIZATION};

use crate::client::Client;
use crate::error::Error;
use crate::reply::Reply;

/// Header telling the service which retry an attempt is (absent on the
/// first attempt), as the Microsoft Graph SDKs send it.
const RETRY_ATTEMPT: HeaderName = HeaderName::from_static("retry-attempt");

/// Sends `request` with the client's token, retrying as the client's retry
/// policy says, and returns the last response as `read` made it.
///
/// `read` takes each response: [`reply::read`](crate::reply::read) reads
/// the whole body, so a connection broken while reading it can be retried;
/// [`reply::open`](crate::reply::open) leaves a 2xx body unread for the
/// caller to stream. Either way the retry is decided on the status and
/// headers, or on the error `read` returned.
///
/// A request whose body cannot be replayed (a stream, which
/// [`reqwest::Request::try_clone`] cannot copy) is sent once. The token is
/// asked for before every attempt, so a refreshed one is used after a wait.
pub(crate) async fn send<B, F, Fut>(
    client: &Client,
    request: reqwest::Request,
    read: F,
) -> Result<Reply<B>, Error>
where
    F: Fn(reqwest::Response) -> Fut,
    Fut: Future<Output = Result<Reply<B>, reqwest::Error>>,
{
    let started = Instant::now();
    let method = request.method().clone();
    let url = request.url().to_string();
    let mut pending = request;
    let mut retry = 0;
    loop {
        let (mut attempt, spare) = match pending.try_clone() {
            Some(copy) => (copy, Some(pending)),
            None => (pending, None),
        };
        let headers = attempt.headers_mut();
        headers.insert(AUTHORIZATION, client.authorization().await?);
        if retry > 0 {
            headers.insert(RETRY_ATTEMPT, HeaderValue::from(retry));
        }
        let outcome = match client.http().execute(attempt).await {
            Ok(response) => read(response).await,
            Err(error) => Err(error),
        };
        let next = spare.and_then(|spare| {
            let wait =
                client
                    .retry_policy()
                    .wait(retry + 1, &method, &outcome, started.elapsed())?;
            Some((spare, wait))
        });
        let Some((spare, wait)) = next else {
            return outcome.map_err(|source| Error::Transport {
                method: method.to_string(),
                url,
                source,
            });
        };
        tokio::time::sleep(wait).await;
        pending = spare;
        retry += 1;
    }
}
