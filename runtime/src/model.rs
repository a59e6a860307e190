//! `Model`: what every generated model struct is, and `cast`, which turns a model into the
//! derived type its `@odata.type` names.

use crate::error::Error;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// A generated model of a Graph type.
pub trait Model: Serialize + DeserializeOwned {
    /// The type's `@odata.type` value (`#microsoft.graph.user`).
    const ODATA_TYPE: &'static str;
    /// The `@odata.type` values of every type derived from this one, directly or not.
    const DERIVED: &'static [&'static str];

    /// The properties the model's page does not list, `@odata.type` among them.
    fn additional(&self) -> &crate::Map;

    /// The `@odata.type` the service sent with this value, if any.
    fn odata_type(&self) -> Option<&str> {
        self.additional()
            .get("@odata.type")
            .and_then(|t| t.as_str())
    }
}

/// Whether a value whose `@odata.type` is `sent` may be read as `T`: it names `T` or a type
/// derived from `T` (`#microsoft.graph.user` and `microsoft.graph.user` are the same name).
fn is_a<T: Model>(sent: &str) -> bool {
    let normalize = |name: &str| name.trim_start_matches('#').to_ascii_lowercase();
    let sent = normalize(sent);
    normalize(T::ODATA_TYPE) == sent || T::DERIVED.iter().any(|d| normalize(d) == sent)
}

/// Read `value` as the derived type `T` when its `@odata.type` names `T` (or a type derived
/// from `T`); `Ok(None)` when it names another type or none. Nothing is lost: the properties
/// `T` does not declare stay in its `additional`.
pub fn cast<T: Model>(value: &impl Model) -> Result<Option<T>, Error> {
    let Some(sent) = value.odata_type() else {
        return Ok(None);
    };
    if !is_a::<T>(sent) {
        return Ok(None);
    }
    let json = serde_json::to_value(value)
        .map_err(|e| Error::InvalidRequest(format!("the model does not encode: {e}")))?;
    let excerpt = json.to_string().chars().take(200).collect();
    serde_json::from_value(json)
        .map(Some)
        .map_err(|source| Error::Decode {
            method: String::new(),
            url: format!("the cast to {}", T::ODATA_TYPE),
            source,
            excerpt,
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Field, Map};
    use serde::Deserialize;
    use serde_json::json;

    #[derive(Debug, Default, Serialize, Deserialize)]
    struct Item {
        #[serde(default, skip_serializing_if = "Field::is_absent")]
        id: Field<String>,
        #[serde(flatten)]
        additional: Map,
    }

    #[derive(Debug, Default, Serialize, Deserialize)]
    struct Contact {
        #[serde(default, skip_serializing_if = "Field::is_absent")]
        id: Field<String>,
        #[serde(
            rename = "displayName",
            default,
            skip_serializing_if = "Field::is_absent"
        )]
        display_name: Field<String>,
        #[serde(flatten)]
        additional: Map,
    }

    impl Model for Item {
        const ODATA_TYPE: &'static str = "#microsoft.graph.item";
        const DERIVED: &'static [&'static str] = &["#microsoft.graph.contact"];
        fn additional(&self) -> &Map {
            &self.additional
        }
    }

    impl Model for Contact {
        const ODATA_TYPE: &'static str = "#microsoft.graph.contact";
        const DERIVED: &'static [&'static str] = &[];
        fn additional(&self) -> &Map {
            &self.additional
        }
    }

    #[test]
    fn a_base_value_casts_to_the_derived_type_it_names() {
        let item: Item = serde_json::from_value(json!({
            "@odata.type": "#microsoft.graph.contact",
            "id": "1",
            "displayName": "Ada"
        }))
        .unwrap();
        assert_eq!(item.odata_type(), Some("#microsoft.graph.contact"));
        let contact: Contact = cast(&item).unwrap().expect("a contact");
        assert_eq!(
            contact.display_name.value().map(String::as_str),
            Some("Ada")
        );
        assert_eq!(contact.odata_type(), Some("#microsoft.graph.contact"));
    }

    #[test]
    fn other_types_do_not_cast() {
        let other: Item =
            serde_json::from_value(json!({"@odata.type": "#microsoft.graph.event", "id": "2"}))
                .unwrap();
        assert!(cast::<Contact>(&other).unwrap().is_none());
        let untyped: Item = serde_json::from_value(json!({"id": "3"})).unwrap();
        assert!(cast::<Contact>(&untyped).unwrap().is_none());
        let base_named: Item =
            serde_json::from_value(json!({"@odata.type": "microsoft.graph.item"})).unwrap();
        assert!(cast::<Item>(&base_named).unwrap().is_some());
    }
}
