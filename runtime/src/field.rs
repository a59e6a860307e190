//! `Field<T>`: a model property that is absent, explicitly `null`, or holds a value, so that
//! decoding then encoding a model gives back exactly the JSON the service sent.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A property of a model: absent from the JSON, present as `null`, or present with a value.
///
/// Graph distinguishes the three (a PATCH with `"x": null` clears `x`; one without `x`
/// leaves it alone), so a read-modify-write keeps whichever the service sent.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum Field<T> {
    /// The property is not in the JSON.
    #[default]
    Absent,
    /// The property is `null`.
    Null,
    /// The property has a value.
    Value(T),
}

impl<T> Field<T> {
    /// Whether the property is absent (generated models skip it when encoding).
    pub fn is_absent(&self) -> bool {
        matches!(self, Field::Absent)
    }

    /// The value, if there is one.
    pub fn value(&self) -> Option<&T> {
        match self {
            Field::Value(value) => Some(value),
            Field::Absent | Field::Null => None,
        }
    }

    /// The value, mutably, if there is one.
    pub fn value_mut(&mut self) -> Option<&mut T> {
        match self {
            Field::Value(value) => Some(value),
            Field::Absent | Field::Null => None,
        }
    }

    /// The value, consuming the field.
    pub fn into_value(self) -> Option<T> {
        match self {
            Field::Value(value) => Some(value),
            Field::Absent | Field::Null => None,
        }
    }
}

impl<T> From<T> for Field<T> {
    fn from(value: T) -> Self {
        Field::Value(value)
    }
}

impl<T: Serialize> Serialize for Field<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Field::Value(value) => value.serialize(serializer),
            // An absent field is skipped by the model (`skip_serializing_if`); if a caller
            // serializes one directly, `null` is the closest JSON.
            Field::Absent | Field::Null => serializer.serialize_none(),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Field<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(match Option::<T>::deserialize(deserializer)? {
            Some(value) => Field::Value(value),
            None => Field::Null,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Model {
        #[serde(default, skip_serializing_if = "Field::is_absent")]
        name: Field<String>,
        #[serde(default, skip_serializing_if = "Field::is_absent")]
        title: Field<String>,
        #[serde(default, skip_serializing_if = "Field::is_absent")]
        age: Field<i64>,
    }

    #[test]
    fn absent_null_and_values_survive_a_round_trip() {
        let body = json!({"name": "Ada", "title": null});
        let model: Model = serde_json::from_value(body.clone()).unwrap();
        assert_eq!(model.name, Field::Value("Ada".to_owned()));
        assert_eq!(model.title, Field::Null);
        assert_eq!(model.age, Field::Absent);
        assert_eq!(serde_json::to_value(&model).unwrap(), body);
    }

    #[test]
    fn accessors() {
        let mut field: Field<i64> = 3.into();
        assert_eq!(field.value(), Some(&3));
        if let Some(v) = field.value_mut() {
            *v = 4;
        }
        assert_eq!(field.into_value(), Some(4));
        assert_eq!(Field::<i64>::Null.value(), None);
    }
}
