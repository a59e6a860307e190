//! OData query options as typed methods on every request: `$select`, `$expand`, `$filter`,
//! `$orderby`, `$top`, `$skip`, `$search` and `$count`, percent-encoded like any query value.
//!
//! `$search` and `$count` on directory objects need the `ConsistencyLevel: eventual` header (an
//! "advanced query"); on requests marked with
//! [`advanced_queries`](crate::Request::advanced_queries), as generated methods are where the docs
//! list that header, those two methods add it unless the caller already set it.

use crate::body::ResponseBody;
use crate::request::Request;

impl<R: ResponseBody> Request<'_, R> {
    /// `$select`: the properties to return.
    pub fn select(self, properties: &[&str]) -> Self {
        self.query("$select", properties.join(","))
    }

    /// `$expand`: the relationships to return inline.
    pub fn expand(self, relationships: &[&str]) -> Self {
        self.query("$expand", relationships.join(","))
    }

    /// `$filter`: an OData filter expression (`startswith(displayName,'A')`).
    pub fn filter(self, expression: impl Into<String>) -> Self {
        self.query("$filter", expression)
    }

    /// `$orderby`: properties to sort by, each optionally followed by ` desc`.
    pub fn order_by(self, properties: &[&str]) -> Self {
        self.query("$orderby", properties.join(","))
    }

    /// `$top`: the page size.
    pub fn top(self, count: u32) -> Self {
        self.query("$top", count.to_string())
    }

    /// `$skip`: how many items to skip.
    pub fn skip(self, count: u32) -> Self {
        self.query("$skip", count.to_string())
    }

    /// `$search`: a search expression (`"displayName:Ada"`, quotes included), with
    /// `ConsistencyLevel: eventual` where the operation needs it.
    pub fn search(self, expression: impl Into<String>) -> Self {
        self.query("$search", expression).eventual()
    }

    /// `$count`: whether to return the total count (`@odata.count`), with
    /// `ConsistencyLevel: eventual` where the operation needs it.
    pub fn count(self, include: bool) -> Self {
        self.query("$count", include.to_string()).eventual()
    }

    fn eventual(self) -> Self {
        if !self.needs_eventual_consistency() || self.has_header("ConsistencyLevel") {
            self
        } else {
            self.header("ConsistencyLevel", "eventual")
        }
    }
}
