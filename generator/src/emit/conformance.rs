//! Whether a documented JSON body fits the model the generated method decodes it into, checked
//! before a test is generated: a body that does not fit (the docs disagree with themselves) gets
//! a diagnostic instead of a test that could only fail.

use super::models::ModelNames;
use super::shape::ResponseKind;
use crate::ir::{PropertyDef, TypeDef};
use serde_json::Value;

/// How deep a body may nest before the check gives up (and calls it a fit).
const MAX_DEPTH: usize = 64;

/// `Ok` when `value` decodes into the response kind's model; otherwise where and why not.
pub(crate) fn fits(
    value: &Value,
    kind: &ResponseKind,
    names: &ModelNames<'_>,
) -> Result<(), String> {
    match kind {
        ResponseKind::Model(name) => match names.find_rust(name) {
            Some(ty) => fits_type(value, ty, names, "$", 0),
            None => Ok(()),
        },
        ResponseKind::Page(name) => {
            let Value::Object(page) = value else {
                return Err("$: a collection page must be an object".to_string());
            };
            let Some(Value::Array(items)) = page.get("value") else {
                return Err("$.value: a collection page needs a `value` array".to_string());
            };
            for link in ["@odata.nextLink", "@odata.deltaLink"] {
                if page.get(link).is_some_and(|l| !l.is_string()) {
                    return Err(format!("$.{link}: expected a string"));
                }
            }
            let Some(ty) = names.find_rust(name) else {
                return Ok(());
            };
            items
                .iter()
                .enumerate()
                .try_for_each(|(i, item)| fits_type(item, ty, names, &format!("$.value[{i}]"), 0))
        }
        ResponseKind::Primitive(type_name, collection) => {
            let Some(result) = value.as_object().and_then(|o| o.get("value")) else {
                return Err("$.value: a primitive result needs a `value`".to_string());
            };
            let property = PropertyDef {
                name: "value".to_string(),
                type_name: type_name.clone(),
                collection: *collection,
                navigation: false,
                description: String::new(),
            };
            if result.is_null() {
                return Err("$.value: the result is null".to_string());
            }
            fits_property(result, &property, names, "$.value", 0)
        }
        ResponseKind::Json | ResponseKind::NoContent | ResponseKind::Binary => Ok(()),
    }
}

/// `Ok` when a request body decodes into the struct of these properties.
pub(crate) fn fits_properties(
    value: &Value,
    properties: &[&PropertyDef],
    names: &ModelNames<'_>,
) -> Result<(), String> {
    fits_object(value, "the body", properties, names, "$", 0)
}

fn fits_type(
    value: &Value,
    ty: &TypeDef,
    names: &ModelNames<'_>,
    at: &str,
    depth: usize,
) -> Result<(), String> {
    fits_object(value, &ty.name, &names.properties_of(ty), names, at, depth)
}

fn fits_object(
    value: &Value,
    what: &str,
    properties: &[&PropertyDef],
    names: &ModelNames<'_>,
    at: &str,
    depth: usize,
) -> Result<(), String> {
    if depth > MAX_DEPTH {
        return Ok(());
    }
    let Value::Object(keys) = value else {
        return Err(format!(
            "{at}: expected an object ({what}), found {}",
            kind_of(value)
        ));
    };
    for (key, value) in keys {
        if let Some(property) = properties
            .iter()
            .find(|p| p.name == *key && !p.name.starts_with('@'))
        {
            fits_property(value, property, names, &format!("{at}.{key}"), depth)?;
        }
    }
    Ok(())
}

fn fits_property(
    value: &Value,
    property: &PropertyDef,
    names: &ModelNames<'_>,
    at: &str,
    depth: usize,
) -> Result<(), String> {
    if value.is_null() {
        return Ok(());
    }
    if !property.collection {
        return fits_single(value, &property.type_name, names, at, depth);
    }
    let Value::Array(items) = value else {
        return Err(format!(
            "{at}: expected an array ({} collection), found {}",
            property.type_name,
            kind_of(value)
        ));
    };
    items.iter().enumerate().try_for_each(|(i, item)| {
        fits_single(
            item,
            &property.type_name,
            names,
            &format!("{at}[{i}]"),
            depth,
        )
    })
}

fn fits_single(
    value: &Value,
    type_name: &str,
    names: &ModelNames<'_>,
    at: &str,
    depth: usize,
) -> Result<(), String> {
    let ok = match type_name {
        "Edm.String" | "Edm.DateTimeOffset" | "Edm.Date" | "Edm.TimeOfDay" | "Edm.Duration"
        | "Edm.Guid" | "Edm.Binary" => value.is_string(),
        "Edm.Boolean" => value.is_boolean(),
        "Edm.Byte" | "Edm.SByte" | "Edm.Int16" | "Edm.Int32" => {
            value.as_i64().is_some_and(|n| i32::try_from(n).is_ok())
        }
        "Edm.Int64" => value.as_i64().is_some(),
        "Edm.Single" | "Edm.Double" | "Edm.Decimal" => value.is_number(),
        other if names.is_enum(other) => value.is_string(),
        other => match names.type_named(other) {
            Some((_, ty)) => return fits_type(value, ty, names, at, depth + 1),
            None => true,
        },
    };
    if ok {
        Ok(())
    } else {
        Err(format!(
            "{at}: expected {type_name}, found {}",
            kind_of(value)
        ))
    }
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
