//! Resource pages -> types: the properties and relationships tables, the `resource` annotation
//! and its JSON representation, and enumeration tables (`### importance values`).

use super::sections::{sections, Section};
use super::text::plain;
use super::{ApiVersion, EnumDef, EnumMember, PropertyDef, TypeDef};
use crate::lenient_json;
use crate::page::{BlockKind, Page};
use regex::Regex;
use serde_json::Value;
use std::sync::LazyLock;

static LINK_TEXT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[([^\]]*)\]\([^)]*\)").expect("valid regex"));
static TITLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\s*(\S+)\s+resource type").expect("valid regex"));
static NAMESPACE_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^Namespace:\s*([\w.]+?)\.?\s*$").expect("valid regex"));

/// The default namespace of Graph types.
const GRAPH: &str = "microsoft.graph";

/// Edm primitive names as pages write them (lower-cased), and their canonical form.
const PRIMITIVES: &[(&str, &str)] = &[
    ("string", "Edm.String"),
    ("boolean", "Edm.Boolean"),
    ("bool", "Edm.Boolean"),
    ("int16", "Edm.Int16"),
    ("int32", "Edm.Int32"),
    ("integer", "Edm.Int32"),
    ("int", "Edm.Int32"),
    ("int64", "Edm.Int64"),
    ("long", "Edm.Int64"),
    ("byte", "Edm.Byte"),
    ("sbyte", "Edm.SByte"),
    ("single", "Edm.Single"),
    ("double", "Edm.Double"),
    ("float", "Edm.Double"),
    ("decimal", "Edm.Decimal"),
    ("datetimeoffset", "Edm.DateTimeOffset"),
    ("datetime", "Edm.DateTimeOffset"),
    ("timestamp", "Edm.DateTimeOffset"),
    ("date", "Edm.Date"),
    ("timeofday", "Edm.TimeOfDay"),
    ("duration", "Edm.Duration"),
    ("guid", "Edm.Guid"),
    ("binary", "Edm.Binary"),
    ("stream", "Edm.Stream"),
];

/// A type cell (`String collection`, `[recipient](recipient.md) collection`,
/// `Collection(microsoft.graph.x)`, `Edm.Binary`) as a qualified type name and a collection flag.
pub(crate) fn parse_type(cell: &str, namespace: &str) -> (String, bool) {
    let text = plain(&LINK_TEXT.replace_all(cell, "$1"));
    let lower = text.to_ascii_lowercase();
    let mut collection = lower.contains("collection");
    let mut name = text.clone();
    if let Some(inner) = lower
        .strip_prefix("collection(")
        .and_then(|_| text.get("collection(".len()..))
        .and_then(|rest| rest.strip_suffix(')'))
    {
        name = inner.to_string();
        collection = true;
    }
    let name = name
        .split_whitespace()
        .find(|w| !w.eq_ignore_ascii_case("collection") && !w.eq_ignore_ascii_case("of"))
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_ascii_alphanumeric() && c != '.' && c != '_');
    (qualify(name, namespace), collection)
}

/// `String` -> `Edm.String`, `recipient` -> `microsoft.graph.recipient`, qualified names kept.
fn qualify(name: &str, namespace: &str) -> String {
    let bare = name
        .strip_prefix("Edm.")
        .or_else(|| name.strip_prefix("edm."))
        .unwrap_or(name);
    if let Some((_, edm)) = PRIMITIVES
        .iter()
        .find(|(p, _)| p.eq_ignore_ascii_case(bare))
    {
        return (*edm).to_string();
    }
    if name.is_empty() {
        return "Edm.Untyped".to_string();
    }
    if name.contains('.') {
        name.to_string()
    } else {
        format!("{namespace}.{name}")
    }
}

/// The types (and enumerations) a page documents. API pages document none here.
pub(crate) fn lower_types(page: &Page, version: ApiVersion) -> (Vec<TypeDef>, Vec<EnumDef>) {
    let namespace = page_namespace(page);
    let enums = enum_tables(page, version, &namespace);
    let Some((annotation_line, annotation, json)) = resource_block(page) else {
        return (Vec::new(), enums);
    };
    let qualified = annotation
        .get("@odata.type")
        .and_then(Value::as_str)
        .map(str::to_string)
        .or_else(|| {
            let title = page.title()?;
            let name = TITLE.captures(title)?[1].to_string();
            Some(qualify(&name, &namespace))
        });
    let Some(qualified) = qualified else {
        return (Vec::new(), enums);
    };
    let (type_namespace, name) = qualified
        .rsplit_once('.')
        .map_or((namespace.clone(), qualified.clone()), |(n, t)| {
            (n.to_string(), t.to_string())
        });
    let strings = |key: &str| -> Vec<String> {
        annotation
            .get(key)
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default()
    };
    let optional = strings("optionalProperties");
    let mut properties = Vec::new();
    for (section, navigation) in [
        (
            sections(page, |t| {
                t.starts_with("properties") || t == "instance attributes"
            }),
            false,
        ),
        (sections(page, |t| t.starts_with("relationships")), true),
    ] {
        for section in &section {
            table_properties(section, navigation, &type_namespace, &mut properties);
        }
    }
    if let Some(Value::Object(keys)) = json {
        for (key, value) in keys {
            if key.starts_with('@') || properties.iter().any(|p: &PropertyDef| p.name == key) {
                continue;
            }
            let (type_name, collection) = json_type(&value, &type_namespace);
            properties.push(PropertyDef {
                name: key,
                type_name,
                collection,
                navigation: false,
                description: String::new(),
            });
        }
    }
    let flag = |key: &str| match annotation.get(key) {
        Some(Value::Bool(b)) => *b,
        Some(Value::String(s)) => s.eq_ignore_ascii_case("true"),
        _ => false,
    };
    let ty = TypeDef {
        name,
        namespace: type_namespace,
        source: page.display.clone(),
        line: annotation_line,
        version,
        base: annotation
            .get("baseType")
            .and_then(Value::as_str)
            .map(str::to_string),
        key: annotation
            .get("keyProperty")
            .and_then(Value::as_str)
            .map(str::to_string),
        open: flag("openType"),
        is_abstract: flag("abstract"),
        optional,
        properties,
    };
    (vec![ty], enums)
}

/// The `Namespace:` line of the page, or `microsoft.graph`.
fn page_namespace(page: &Page) -> String {
    page.blocks
        .iter()
        .find_map(|b| match &b.kind {
            BlockKind::Paragraph(text) => NAMESPACE_LINE
                .captures(text.lines().next().unwrap_or(""))
                .map(|c| c[1].to_string()),
            _ => None,
        })
        .map(|n| {
            if n.starts_with("microsoft.graph") {
                n
            } else {
                format!("{GRAPH}.{n}")
            }
        })
        .unwrap_or_else(|| GRAPH.to_string())
}

/// The `resource` annotation (its line and keys) and the JSON representation that follows it.
fn resource_block(page: &Page) -> Option<(u32, serde_json::Map<String, Value>, Option<Value>)> {
    page.blocks.iter().enumerate().find_map(|(index, block)| {
        let BlockKind::Annotation(annotation) = &block.kind else {
            return None;
        };
        if annotation.block_type().as_deref() != Some("resource") {
            return None;
        }
        let json = match page.blocks.get(index + 1).map(|b| &b.kind) {
            Some(BlockKind::Fence { text, .. }) => lenient_json::parse(text).ok().map(|l| l.value),
            _ => None,
        };
        Some((block.line, annotation.keys.clone(), json))
    })
}

/// Rows of the section's `Property | Type | Description` tables.
fn table_properties(
    section: &Section<'_>,
    navigation: bool,
    namespace: &str,
    properties: &mut Vec<PropertyDef>,
) {
    for (header, rows) in section.tables() {
        let column = |names: &[&str]| {
            header.iter().position(|h| {
                let h = plain(h).to_ascii_lowercase();
                names.iter().any(|n| h == *n)
            })
        };
        let (Some(name_column), Some(type_column)) = (
            column(&[
                "property",
                "property name",
                "name",
                "relationship",
                "relationship name",
            ]),
            column(&["type"]),
        ) else {
            continue;
        };
        let description_column = column(&["description"]);
        for row in rows {
            let name = plain(row.get(name_column).map_or("", String::as_str));
            let name =
                name.trim_matches(|c: char| !c.is_ascii_alphanumeric() && c != '@' && c != '_');
            let Some(type_cell) = row.get(type_column) else {
                continue;
            };
            if name.is_empty() || name.contains(' ') || properties.iter().any(|p| p.name == name) {
                continue;
            }
            let (type_name, collection) = parse_type(type_cell, namespace);
            properties.push(PropertyDef {
                name: name.to_string(),
                type_name,
                collection,
                navigation,
                description: description_column
                    .and_then(|c| row.get(c))
                    .map(|d| plain(d))
                    .unwrap_or_default(),
            });
        }
    }
}

/// The type a JSON representation's value names: `"String"`, `"String (timestamp)"`,
/// `{"@odata.type": "microsoft.graph.x"}`, `[...]`, `true`, `1024`.
fn json_type(value: &Value, namespace: &str) -> (String, bool) {
    match value {
        Value::Array(items) => {
            let (name, _) = items
                .first()
                .map_or(("Edm.Untyped".to_string(), false), |v| {
                    json_type(v, namespace)
                });
            (name, true)
        }
        Value::Object(keys) => {
            let name = keys
                .get("@odata.type")
                .and_then(Value::as_str)
                .unwrap_or("");
            (qualify(name, namespace), false)
        }
        Value::String(text) => {
            let lower = text.to_ascii_lowercase();
            let hint = lower
                .split(['(', ')'])
                .nth(1)
                .map(str::trim)
                .filter(|h| PRIMITIVES.iter().any(|(p, _)| p == h));
            let word = hint.unwrap_or_else(|| lower.split_whitespace().next().unwrap_or("string"));
            let known = PRIMITIVES.iter().any(|(p, _)| *p == word);
            (
                qualify(if known { word } else { "string" }, namespace),
                false,
            )
        }
        Value::Bool(_) => ("Edm.Boolean".to_string(), false),
        Value::Number(n) if n.is_f64() => ("Edm.Double".to_string(), false),
        Value::Number(_) => ("Edm.Int64".to_string(), false),
        Value::Null => ("Edm.Untyped".to_string(), false),
    }
}

/// Enumeration tables: a heading `{name} values` (any level) followed by a table whose first
/// column lists the members (`Member`, `Value`...), with an optional numeric value column.
fn enum_tables(page: &Page, version: ApiVersion, namespace: &str) -> Vec<EnumDef> {
    let mut found = Vec::new();
    let mut heading: Option<(String, u32)> = None;
    for block in &page.blocks {
        match &block.kind {
            BlockKind::Heading { text, .. } => {
                heading = text
                    .trim()
                    .strip_suffix(" values")
                    .or_else(|| text.trim().strip_suffix(" Values"))
                    .map(|name| (name.trim().to_string(), block.line))
                    .filter(|(name, _)| !name.is_empty() && !name.contains(' '));
            }
            BlockKind::Table { header, rows } => {
                let Some((name, line)) = heading.take() else {
                    continue;
                };
                let value_column = header
                    .iter()
                    .position(|h| plain(h).eq_ignore_ascii_case("value"));
                let members = rows
                    .iter()
                    .filter_map(|row| {
                        let member = plain(row.first()?);
                        let member =
                            member.trim_matches(|c: char| !c.is_ascii_alphanumeric() && c != '_');
                        (!member.is_empty() && !member.contains(' ')).then(|| EnumMember {
                            name: member.to_string(),
                            value: value_column
                                .filter(|c| *c != 0)
                                .and_then(|c| row.get(c))
                                .and_then(|v| plain(v).parse().ok()),
                        })
                    })
                    .collect::<Vec<_>>();
                if !members.is_empty() {
                    found.push(EnumDef {
                        name,
                        namespace: namespace.to_string(),
                        source: page.display.clone(),
                        line,
                        version,
                        members,
                    });
                }
            }
            _ => {}
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page::parse_page;

    #[test]
    fn type_cells() {
        let ns = GRAPH;
        assert_eq!(parse_type("String", ns), ("Edm.String".to_string(), false));
        assert_eq!(
            parse_type("String collection", ns),
            ("Edm.String".to_string(), true)
        );
        assert_eq!(
            parse_type("[recipient](recipient.md) collection", ns),
            ("microsoft.graph.recipient".to_string(), true)
        );
        assert_eq!(
            parse_type("Collection([x](x.md))", ns),
            ("microsoft.graph.x".to_string(), true)
        );
        assert_eq!(
            parse_type("Edm.Binary", ns),
            ("Edm.Binary".to_string(), false)
        );
        assert_eq!(
            parse_type("dateTimeOffset", ns),
            ("Edm.DateTimeOffset".to_string(), false)
        );
        assert_eq!(
            parse_type("importance", ns),
            ("microsoft.graph.importance".to_string(), false)
        );
        assert_eq!(
            parse_type("microsoft.graph.callRecords.session", ns),
            ("microsoft.graph.callRecords.session".to_string(), false)
        );
    }

    #[test]
    fn a_resource_page_gives_its_type_and_enums() {
        let text = "---\ndoc_type: resourcePageType\n---\n# widget resource type\n\nNamespace: microsoft.graph\n\nA widget.\n\n## Properties\n\n|Property|Type|Description|\n|:-|:-|:-|\n|id|String|Read-only.|\n|tags|String collection|Labels.|\n|size|[widgetSize](widgetsize.md)|How big.|\n\n## Relationships\n\n|Relationship|Type|Description|\n|:-|:-|:-|\n|parts|[part](part.md) collection|Its parts.|\n\n### widgetSize values\n\n|Member|Value|\n|:-|:-|\n|small|0|\n|large|1|\n\n## JSON representation\n\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.widget\", \"baseType\": \"microsoft.graph.entity\", \"keyProperty\": \"id\", \"openType\": true, \"optionalProperties\": [\"parts\"] } -->\n```json\n{\n  \"id\": \"String (identifier)\",\n  \"tags\": [\"String\"],\n  \"createdDateTime\": \"String (timestamp)\",\n}\n```\n";
        let (page, diagnostics) = parse_page("v1.0/resources/widget.md", text);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let (types, enums) = lower_types(&page, ApiVersion::V1);
        assert_eq!(types.len(), 1);
        let widget = &types[0];
        assert_eq!(
            (widget.namespace.as_str(), widget.name.as_str()),
            ("microsoft.graph", "widget")
        );
        assert_eq!(widget.base.as_deref(), Some("microsoft.graph.entity"));
        assert_eq!(widget.key.as_deref(), Some("id"));
        assert!(widget.open);
        let props: Vec<(&str, &str, bool, bool)> = widget
            .properties
            .iter()
            .map(|p| {
                (
                    p.name.as_str(),
                    p.type_name.as_str(),
                    p.collection,
                    p.navigation,
                )
            })
            .collect();
        assert_eq!(
            props,
            [
                ("id", "Edm.String", false, false),
                ("tags", "Edm.String", true, false),
                ("size", "microsoft.graph.widgetSize", false, false),
                ("parts", "microsoft.graph.part", true, true),
                ("createdDateTime", "Edm.DateTimeOffset", false, false),
            ]
        );
        assert_eq!(enums.len(), 1);
        assert_eq!(enums[0].name, "widgetSize");
        let members: Vec<(&str, Option<i64>)> = enums[0]
            .members
            .iter()
            .map(|m| (m.name.as_str(), m.value))
            .collect();
        assert_eq!(members, [("small", Some(0)), ("large", Some(1))]);
    }
}
