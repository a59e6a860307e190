//! One exchange: a request sent (with the client's token and retries) to a
//! full URL, its reply checked and its body decoded.

use reqwest::header::HeaderMap;
use reqwest::Method;
use url::Url;

use crate::body::ResponseBody;
use crate::client::Client;
use crate::error::Error;
use crate::request::Response;
use crate::send;

/// Sends `method url` with `headers` and `body` through `client`, and
/// decodes a 2xx body with `D`.
///
/// A non-2xx status gives [`Error::Api`], a body `D` cannot decode
/// [`Error::Decode`]. The body is kept in memory, so every retry can replay it.
pub(crate) async fn exchange<D: ResponseBody>(
    client: &Client,
    method: Method,
    url: Url,
    headers: HeaderMap,
    body: Option<Vec<u8>>,
) -> Result<Response<D::Output>, Error> {
    let url_text = url.to_string();
    let mut request = reqwest::Request::new(method, url);
    *request.headers_mut() = headers;
    *request.body_mut() = body.map(reqwest::Body::from);
    *request.timeout_mut() = client.request_timeout();

    let reply = send::send(client, request).await?;
    if !reply.is_success() {
        return Err(Error::api(reply.status, reply.headers, &reply.body));
    }
    let body = D::decode(reply.status, &reply.body)
        .map_err(|source| Error::decode(url_text, source, &reply.body))?;
    Ok(Response {
        status: reply.status,
        headers: reply.headers,
        body,
    })
}
