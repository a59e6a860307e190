//! `Object`: how a generated model reads itself from a JSON object and writes itself back, one
//! property at a time, and the serde implementations that follow from it.
//!
//! Generated models implement [`Object`] with one line per property and get `Serialize`,
//! `Deserialize`, `Debug` and `PartialEq` from [`object!`](crate::object). This costs the
//! compiler far less than a derive of each trait per model (the crate of a whole API version has
//! over a thousand models), while keeping the guarantees of the serde derive: absent properties
//! stay absent, `null` stays `null`, and properties the model does not declare are kept in its
//! `additional` map. `Debug` shows the properties that are present, by their JSON names, and
//! two models are equal when they encode to the same JSON.

use std::fmt;

use serde::de::{self, DeserializeOwned};
use serde::ser::{self, SerializeMap};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use crate::field::Field;
use crate::Map;

/// A model that is a JSON object of named properties.
pub trait Object: Sized {
    /// Writes the properties that are present, in declaration order, then the additional ones.
    fn write(&self, out: &mut ObjectWriter);

    /// Builds the model from `input`, taking out each declared property; what is left over is
    /// the model's `additional` map.
    fn read(input: &mut ObjectReader) -> Self;
}

/// Collects the properties of a model being encoded.
#[derive(Debug, Default)]
pub struct ObjectWriter {
    properties: Vec<(String, Value)>,
    error: Option<String>,
}

impl ObjectWriter {
    /// Writes the property `name` unless `field` is absent (`null` is written as `null`).
    pub fn put<T: Serialize>(&mut self, name: &str, field: &Field<T>) {
        if field.is_absent() || self.error.is_some() {
            return;
        }
        match serde_json::to_value(field) {
            Ok(value) => self.properties.push((name.to_string(), value)),
            Err(error) => self.error = Some(format!("property `{name}`: {error}")),
        }
    }

    /// Writes the properties the model does not declare, except any a declared property
    /// already wrote.
    pub fn rest(&mut self, additional: &Map) {
        for (name, value) in additional {
            if !self.properties.iter().any(|(written, _)| written == name) {
                self.properties.push((name.clone(), value.clone()));
            }
        }
    }
}

/// Hands out the properties of a JSON object being decoded into a model.
#[derive(Debug)]
pub struct ObjectReader {
    remaining: Map,
    error: Option<String>,
}

impl ObjectReader {
    /// Takes the property `name`: absent when the object does not have it, `null` when it is
    /// `null`. A value that does not fit `T` makes the whole decoding fail with an error naming
    /// the property.
    pub fn take<T: DeserializeOwned>(&mut self, name: &str) -> Field<T> {
        let Some(value) = self.remaining.remove(name) else {
            return Field::Absent;
        };
        match serde_json::from_value(value) {
            Ok(field) => field,
            Err(error) => {
                self.error
                    .get_or_insert_with(|| format!("property `{name}`: {error}"));
                Field::Absent
            }
        }
    }

    /// The properties nothing took: the model's `additional` map.
    pub fn rest(&mut self) -> Map {
        std::mem::take(&mut self.remaining)
    }
}

/// Encodes `object` as a JSON object: what `Serialize` does for a generated model.
pub fn serialize_object<O: Object, S: Serializer>(
    object: &O,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut out = ObjectWriter::default();
    object.write(&mut out);
    if let Some(error) = out.error {
        return Err(ser::Error::custom(error));
    }
    let mut map = serializer.serialize_map(Some(out.properties.len()))?;
    for (name, value) in &out.properties {
        map.serialize_entry(name, value)?;
    }
    map.end()
}

/// Shows the present properties of `object` under the type name `name`: what `Debug` does for
/// a generated model.
pub fn debug_object<O: Object>(
    object: &O,
    name: &str,
    formatter: &mut fmt::Formatter<'_>,
) -> fmt::Result {
    /// A JSON value shown as JSON text.
    struct JsonText<'v>(&'v Value);

    impl fmt::Debug for JsonText<'_> {
        fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
            fmt::Display::fmt(self.0, formatter)
        }
    }

    let mut out = ObjectWriter::default();
    object.write(&mut out);
    let mut shown = formatter.debug_struct(name);
    for (property, value) in &out.properties {
        shown.field(property, &JsonText(value));
    }
    if let Some(error) = &out.error {
        shown.field("<error>", error);
    }
    shown.finish()
}

/// Whether two objects encode to the same JSON: what `PartialEq` does for a generated model.
pub fn objects_equal<O: Object>(left: &O, right: &O) -> bool {
    let (mut left_out, mut right_out) = (ObjectWriter::default(), ObjectWriter::default());
    left.write(&mut left_out);
    right.write(&mut right_out);
    let as_map = |out: ObjectWriter| (out.properties.into_iter().collect::<Map>(), out.error);
    as_map(left_out) == as_map(right_out)
}

/// Decodes a JSON object into `O`: what `Deserialize` does for a generated model.
pub fn deserialize_object<'de, O: Object, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<O, D::Error> {
    let remaining = Map::deserialize(deserializer)?;
    let mut input = ObjectReader {
        remaining,
        error: None,
    };
    let object = O::read(&mut input);
    match input.error {
        Some(error) => Err(de::Error::custom(error)),
        None => Ok(object),
    }
}

/// Implements `Serialize`, `Deserialize`, `Debug` and `PartialEq` for types that implement
/// [`Object`].
///
/// ```
/// use docgen_runtime::{Field, Map, Object, ObjectReader, ObjectWriter};
///
/// #[derive(Clone, Default)]
/// struct Contact {
///     display_name: Field<String>,
///     additional: Map,
/// }
///
/// impl Object for Contact {
///     fn write(&self, out: &mut ObjectWriter) {
///         out.put("displayName", &self.display_name);
///         out.rest(&self.additional);
///     }
///
///     fn read(input: &mut ObjectReader) -> Self {
///         Self {
///             display_name: input.take("displayName"),
///             additional: input.rest(),
///         }
///     }
/// }
///
/// docgen_runtime::object!(Contact);
///
/// let contact: Contact = serde_json::from_str(r#"{"displayName": "Ada", "id": "1"}"#).unwrap();
/// assert_eq!(contact.display_name.value().map(String::as_str), Some("Ada"));
/// assert_eq!(contact.additional["id"], "1");
/// assert_eq!(format!("{contact:?}"), r#"Contact { displayName: "Ada", id: "1" }"#);
/// assert_eq!(contact, Contact { display_name: "Ada".to_string().into(), ..contact.clone() });
/// ```
#[macro_export]
macro_rules! object {
    ($($model:ty),+ $(,)?) => {
        $(
            impl $crate::serde::Serialize for $model {
                fn serialize<S: $crate::serde::Serializer>(
                    &self,
                    serializer: S,
                ) -> ::std::result::Result<S::Ok, S::Error> {
                    $crate::serialize_object(self, serializer)
                }
            }

            impl<'de> $crate::serde::Deserialize<'de> for $model {
                fn deserialize<D: $crate::serde::Deserializer<'de>>(
                    deserializer: D,
                ) -> ::std::result::Result<Self, D::Error> {
                    $crate::deserialize_object(deserializer)
                }
            }

            impl ::std::fmt::Debug for $model {
                fn fmt(&self, formatter: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    $crate::debug_object(self, stringify!($model), formatter)
                }
            }

            impl ::std::cmp::PartialEq for $model {
                fn eq(&self, other: &Self) -> bool {
                    $crate::objects_equal(self, other)
                }
            }
        )+
    };
}

/// Implements [`Model`](crate::Model) and what [`object!`](crate::object) implements for a
/// generated model, given its
/// `@odata.type` and, in brackets, the `@odata.type` of every type derived from it; the model
/// must implement [`Object`] and keep what it does not declare in a field `additional`.
#[macro_export]
macro_rules! model {
    ($model:ty, $odata_type:literal $(, [$($derived:literal),* $(,)?])? $(,)?) => {
        impl $crate::Model for $model {
            const ODATA_TYPE: &'static str = $odata_type;
            const DERIVED: &'static [&'static str] = &[$($($derived),*)?];

            fn additional(&self) -> &$crate::Map {
                &self.additional
            }
        }

        $crate::object!($model);
    };
}

/// An enumeration sent as text, whose values the docs may not all list.
pub trait TextEnum: From<String> {
    /// The value as the service writes it.
    fn as_str(&self) -> &str;
}

/// Implements `Serialize` and `Deserialize` (as JSON strings) for types that implement
/// [`TextEnum`].
#[macro_export]
macro_rules! text_enum_serde {
    ($($enumeration:ty),+ $(,)?) => {
        $(
            impl $crate::serde::Serialize for $enumeration {
                fn serialize<S: $crate::serde::Serializer>(
                    &self,
                    serializer: S,
                ) -> ::std::result::Result<S::Ok, S::Error> {
                    serializer.serialize_str($crate::TextEnum::as_str(self))
                }
            }

            impl<'de> $crate::serde::Deserialize<'de> for $enumeration {
                fn deserialize<D: $crate::serde::Deserializer<'de>>(
                    deserializer: D,
                ) -> ::std::result::Result<Self, D::Error> {
                    <::std::string::String as $crate::serde::Deserialize>::deserialize(deserializer)
                        .map(Self::from)
                }
            }
        )+
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Default)]
    struct Item {
        id: Field<String>,
        size: Field<i64>,
        additional: Map,
    }

    impl Object for Item {
        fn write(&self, out: &mut ObjectWriter) {
            out.put("id", &self.id);
            out.put("size", &self.size);
            out.rest(&self.additional);
        }

        fn read(input: &mut ObjectReader) -> Self {
            Self {
                id: input.take("id"),
                size: input.take("size"),
                additional: input.rest(),
            }
        }
    }

    crate::object!(Item);

    #[derive(Debug, Clone, PartialEq)]
    enum Color {
        Red,
        Other(String),
    }

    impl From<String> for Color {
        fn from(text: String) -> Self {
            match text.as_str() {
                "red" => Color::Red,
                _ => Color::Other(text),
            }
        }
    }

    impl TextEnum for Color {
        fn as_str(&self) -> &str {
            match self {
                Color::Red => "red",
                Color::Other(text) => text,
            }
        }
    }

    crate::text_enum_serde!(Color);

    #[test]
    fn absent_null_values_and_unknown_properties_survive_a_round_trip() {
        let sent = json!({"id": "1", "size": null, "@odata.type": "#x", "extra": [1, 2]});
        let item: Item = serde_json::from_value(sent.clone()).unwrap();
        assert_eq!(item.id, Field::Value("1".to_string()));
        assert_eq!(item.size, Field::Null);
        assert_eq!(item.additional.len(), 2);
        assert_eq!(serde_json::to_value(&item).unwrap(), sent);

        let empty: Item = serde_json::from_value(json!({})).unwrap();
        assert_eq!(empty, Item::default());
        assert_eq!(serde_json::to_string(&empty).unwrap(), "{}");
    }

    #[test]
    fn declared_properties_are_written_first_and_win_over_additional_ones() {
        let mut item = Item {
            size: Field::Value(3),
            ..Item::default()
        };
        item.additional.insert("size".to_string(), json!("stale"));
        item.additional.insert("a".to_string(), json!(true));
        assert_eq!(
            serde_json::to_string(&item).unwrap(),
            r#"{"size":3,"a":true}"#
        );
    }

    #[test]
    fn debug_shows_present_properties_and_equality_compares_the_json() {
        let item: Item = serde_json::from_value(json!({"id": "1", "size": null, "x": 2})).unwrap();
        assert_eq!(format!("{item:?}"), r#"Item { id: "1", size: null, x: 2 }"#);
        assert_eq!(format!("{:?}", Item::default()), "Item");
        let same: Item = serde_json::from_value(json!({"x": 2, "size": null, "id": "1"})).unwrap();
        assert_eq!(item, same);
        let other: Item = serde_json::from_value(json!({"id": "1", "x": 2})).unwrap();
        assert_ne!(item, other);
    }

    #[test]
    fn a_property_of_the_wrong_type_fails_with_its_name() {
        let error = serde_json::from_value::<Item>(json!({"size": "big"})).unwrap_err();
        assert!(error.to_string().contains("property `size`"), "{error}");
        let error = serde_json::from_value::<Item>(json!([1])).unwrap_err();
        assert!(error.to_string().contains("map"), "{error}");
    }

    #[test]
    fn text_enums_keep_values_the_docs_do_not_list() {
        let colors: Vec<Color> = serde_json::from_value(json!(["red", "teal"])).unwrap();
        assert_eq!(colors, [Color::Red, Color::Other("teal".to_string())]);
        assert_eq!(
            serde_json::to_value(&colors).unwrap(),
            json!(["red", "teal"])
        );
        assert!(serde_json::from_value::<Color>(json!(1)).is_err());
    }
}
