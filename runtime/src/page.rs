//! `Page<T>`: one page of a collection response, with the links to the next page or delta;
//! `Primitive<T>`: a primitive response wrapped in `value`, as OData sends it.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// One page of a collection: its items, the link to the next page, and at the end of a delta
/// round the delta link; every other property (`@odata.context`, `@odata.count`...) is kept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    /// The items of this page.
    pub value: Vec<T>,
    /// `@odata.nextLink`: the URL of the next page, when there is one.
    #[serde(
        rename = "@odata.nextLink",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub next_link: Option<String>,
    /// `@odata.deltaLink`: the URL that starts the next delta round, on a delta's last page.
    #[serde(
        rename = "@odata.deltaLink",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub delta_link: Option<String>,
    /// Every other property of the page, as sent.
    #[serde(flatten)]
    pub additional: Map<String, Value>,
}

/// A primitive result (a string, a number, a list of strings) as OData sends it:
/// `{"value": ...}`, with every other property (`@odata.context`) kept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Primitive<T> {
    /// The result.
    pub value: T,
    /// Every other property of the response, as sent.
    #[serde(flatten)]
    pub additional: Map<String, Value>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_primitive_round_trips() {
        let body = json!({"@odata.context": "x", "value": ["a", "b"]});
        let primitive: Primitive<Vec<String>> = serde_json::from_value(body.clone()).unwrap();
        assert_eq!(primitive.value, ["a", "b"]);
        assert_eq!(serde_json::to_value(&primitive).unwrap(), body);
    }

    #[test]
    fn a_page_round_trips() {
        let body = json!({
            "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users",
            "@odata.nextLink": "https://graph.microsoft.com/v1.0/users?$skiptoken=x",
            "value": [{"id": "1"}]
        });
        let page: Page<Value> = serde_json::from_value(body.clone()).unwrap();
        assert_eq!(
            page.next_link.as_deref(),
            Some("https://graph.microsoft.com/v1.0/users?$skiptoken=x")
        );
        assert_eq!(page.value.len(), 1);
        assert_eq!(serde_json::to_value(&page).unwrap(), body);
    }
}
