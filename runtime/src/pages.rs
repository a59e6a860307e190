//! `Pages<T>`: a collection read page by page, following `@odata.nextLink`,
//! and the stream of its items.

use std::fmt;

use futures_util::stream::{self, Stream};
use reqwest::header::CONTENT_TYPE;
use reqwest::Method;
use serde::de::DeserializeOwned;

use crate::body::Json;
use crate::client::Client;
use crate::error::Error;
use crate::exchange;
use crate::headers;
use crate::page::Page;
use crate::request::Request;

/// The pages of a collection, read one at a time by
/// [`next_page`](Pages::next_page); made by [`Request::pages`].
///
/// The first page is the request as built; each later page is a `GET` of
/// the previous page's `@odata.nextLink`, sent by the same client (same
/// token, retries and timeouts) with the headers the caller added (such as
/// `Prefer` or `ConsistencyLevel`), except `Content-Type`. A nextLink to
/// another origin than the client's base URL is refused with
/// [`Error::InvalidRequest`], so the token never leaves for another host.
pub struct Pages<'c, T: DeserializeOwned> {
    /// The client later pages are sent with.
    client: &'c Client,
    /// The caller's headers, sent again with every later page.
    headers: Vec<(String, String)>,
    /// What the next call of `next_page` reads.
    next: Next<'c, T>,
    /// How many more pages may be read, when capped.
    remaining: Option<usize>,
    /// The `@odata.deltaLink` of the last page, once it has been read.
    delta_link: Option<String>,
}

/// What `next_page` reads next.
enum Next<'c, T: DeserializeOwned> {
    /// The request as the caller built it.
    First(Request<'c, Json<Page<T>>>),
    /// The `@odata.nextLink` of the page read last.
    Link(String),
    /// Nothing: the last page was read, the cap reached, or an error returned.
    Done,
}

impl<'c, T: DeserializeOwned> Request<'c, Json<Page<T>>> {
    /// Reads the collection page by page, following `@odata.nextLink`:
    /// see [`Pages`].
    pub fn pages(self) -> Pages<'c, T> {
        let headers = self
            .caller_headers()
            .iter()
            .filter(|(name, _)| !name.eq_ignore_ascii_case(CONTENT_TYPE.as_str()))
            .cloned()
            .collect();
        Pages {
            client: self.client(),
            headers,
            next: Next::First(self),
            remaining: None,
            delta_link: None,
        }
    }
}

impl<'c, T: DeserializeOwned> Pages<'c, T> {
    /// Reads at most `n` pages: once `n` pages have been read, the
    /// iteration ends without error (and without a delta link, unless the
    /// `n`th page was the last one).
    pub fn max_pages(mut self, n: usize) -> Self {
        self.remaining = Some(n);
        self
    }

    /// The next page, or `None` after the last page (one without
    /// `@odata.nextLink`), after the page cap, or after an error.
    pub async fn next_page(&mut self) -> Option<Result<Page<T>, Error>> {
        if self.remaining == Some(0) {
            self.next = Next::Done;
        }
        let result = match std::mem::replace(&mut self.next, Next::Done) {
            Next::Done => return None,
            Next::First(request) => request.send().await,
            Next::Link(link) => self.follow(&link).await,
        };
        if let Ok(page) = &result {
            self.remaining = self.remaining.map(|n| n.saturating_sub(1));
            match &page.next_link {
                Some(link) => self.next = Next::Link(link.clone()),
                None => self.delta_link.clone_from(&page.delta_link),
            }
        }
        Some(result)
    }

    /// The `@odata.deltaLink` of the last page, once it has been read (and
    /// when the service sent one): where the next delta round starts.
    pub fn delta_link(&self) -> Option<&str> {
        self.delta_link.as_deref()
    }

    /// Every item of every page, in order, reading the next page only when
    /// the items of the previous one have been taken. An error ends the
    /// stream after it is yielded.
    pub fn items(self) -> impl Stream<Item = Result<T, Error>> + 'c
    where
        T: 'c,
    {
        let start = (self, Vec::new().into_iter());
        stream::unfold(start, |(mut pages, mut items)| async move {
            loop {
                if let Some(item) = items.next() {
                    return Some((Ok(item), (pages, items)));
                }
                match pages.next_page().await? {
                    Ok(page) => items = page.value.into_iter(),
                    Err(error) => return Some((Err(error), (pages, items))),
                }
            }
        })
    }

    /// Reads the page at `link`, a nextLink of the previous page.
    async fn follow(&self, link: &str) -> Result<Page<T>, Error> {
        let url = self.client.link(link)?;
        let headers = headers::build(&self.headers)?;
        let request = exchange::http_request(self.client, Method::GET, url, headers, None);
        let response = exchange::exchange::<Json<Page<T>>>(self.client, request).await?;
        Ok(response.body)
    }
}

impl<T: DeserializeOwned> fmt::Debug for Pages<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let next = match &self.next {
            Next::First(request) => format!("{request:?}"),
            Next::Link(link) => link.clone(),
            Next::Done => "done".to_owned(),
        };
        f.debug_struct("Pages")
            .field("next", &next)
            .field("remaining", &self.remaining)
            .field("delta_link", &self.delta_link)
            .finish_non_exhaustive()
    }
}
