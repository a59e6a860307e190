//! One exchange: a request sent (with the client's token and retries) to a
//! full URL, its reply checked and its body decoded.

use reqwest::header::HeaderMap;
use reqwest::Method;
use url::Url;

use crate::body::ResponseBody;
use crate::client::Client;
use crate::error::Error;
use crate::reply;
use crate::request::Response;
use crate::send;

/// The HTTP request `method url` with `headers` and `body`, and the
/// client's request timeout; the token is added when it is sent.
pub(crate) fn http_request(
    client: &Client,
    method: Method,
    url: Url,
    headers: HeaderMap,
    body: Option<reqwest::Body>,
) -> reqwest::Request {
    let mut request = reqwest::Request::new(method, url);
    *request.headers_mut() = headers;
    *request.body_mut() = body;
    *request.timeout_mut() = client.request_timeout();
    request
}

/// Sends `request` through `client`, and decodes a 2xx body with `D`.
///
/// A non-2xx status gives [`Error::Api`], a body `D` cannot decode
/// [`Error::Decode`]. A body held in memory is replayed on every retry; a
/// streamed one is sent once.
pub(crate) async fn exchange<D: ResponseBody>(
    client: &Client,
    request: reqwest::Request,
) -> Result<Response<D::Output>, Error> {
    let url_text = request.url().to_string();
    let method = request.method().to_string();
    let reply = send::send(client, request, reply::read).await?;
    if !reply.is_success() {
        return Err(Error::api(reply.status, reply.headers, &reply.body));
    }
    let body = D::decode(reply.status, &reply.body)
        .map_err(|source| Error::decode(method, url_text, source, &reply.body))?;
    Ok(Response {
        status: reply.status,
        headers: reply.headers,
        body,
    })
}
