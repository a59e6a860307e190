//! Polymorphism in the generated crate: a value decoded as a base type is cast to the derived
//! type its `@odata.type` names, and nothing is lost on the way.

use graph_client::beta::models::{Contact, ContactFolder, Entity, OutlookItem};
use graph_client::runtime::serde_json::{self, json, Value};
use graph_client::runtime::{cast, Model};

const CONTACT: &str = r##"{
    "@odata.type": "#microsoft.graph.contact",
    "id": "AAMkADh6v5AAA=",
    "categories": ["Blue category"],
    "displayName": "Ada Lovelace",
    "emailAddresses": [{"name": "Ada", "address": "ada@contoso.com"}]
}"##;

#[test]
fn a_base_value_is_cast_to_the_derived_type_it_names() {
    let item: OutlookItem = serde_json::from_str(CONTACT).expect("decodes as the base type");
    assert_eq!(item.odata_type(), Some("#microsoft.graph.contact"));
    assert_eq!(item.categories.value().map(Vec::len), Some(1));
    let contact: Contact = cast(&item).expect("encodes").expect("names a contact");
    assert_eq!(
        contact.display_name.value().map(String::as_str),
        Some("Ada Lovelace")
    );
    let original: Value = serde_json::from_str(CONTACT).expect("JSON");
    assert_eq!(serde_json::to_value(&contact).expect("encodes"), original);
}

#[test]
fn casts_follow_the_whole_hierarchy_and_refuse_other_types() {
    let entity: Entity = serde_json::from_str(CONTACT).expect("decodes as the root type");
    assert!(cast::<Contact>(&entity).expect("encodes").is_some());
    assert!(cast::<ContactFolder>(&entity).expect("encodes").is_none());
    let folder: Entity = serde_json::from_value(json!({
        "@odata.type": "#microsoft.graph.contactFolder",
        "id": "AQMkAD"
    }))
    .expect("decodes");
    assert!(cast::<Contact>(&folder).expect("encodes").is_none());
    assert!(cast::<ContactFolder>(&folder).expect("encodes").is_some());
}
