//! Typed models: one struct per documented type (its base types' properties included) and one
//! enum per enumeration, in each version's `models` module.
//!
//! Every property is an `rt::Field` (absent, null or a value) and every struct keeps unknown
//! properties in `additional`, so decoding then encoding a model loses nothing. Structs read and
//! write themselves through `rt::Object` (one line per property) and get serde, `Debug` and
//! `PartialEq` from `rt::model!` / `rt::object!`: far cheaper to compile than a derive of each per
//! model. Edm types map to
//! Rust as follows: String -> `String`; Boolean -> `bool`; Byte, SByte, Int16, Int32 -> `i32`;
//! Int64 -> `i64`; Single, Double, Decimal -> `f64`; DateTimeOffset, Date, TimeOfDay, Duration,
//! Guid, Binary -> the runtime's text types (the exact text is kept); Stream, Untyped and types
//! no page documents -> `serde_json::Value`. Structured properties are boxed, so that types may
//! contain themselves.

use super::areas::AreaPlan;
use super::docs::{code, inner_doc_attrs, prose_line};
use super::names::{ident_text, snake_case, upper_camel_case};
use super::rust_text::{into_tokens, string_literal, MacroArgument, RustText};
use crate::diagnostic::{Diagnostic, Kind};
use crate::ir::{ApiVersion, EnumDef, Operation, PropertyDef, RequestBody, Spec, TypeDef};
use crate::write::format_file;
use proc_macro2::TokenStream;
use quote::quote;
use rayon::prelude::*;
use std::collections::BTreeMap;

/// The Rust names of the documented types and enumerations of one version.
pub(crate) struct ModelNames<'s> {
    /// Lower-cased qualified name -> (Rust name, the type).
    types: BTreeMap<String, (String, &'s TypeDef)>,
    /// Lower-cased qualified name -> (Rust name, the enumeration).
    enums: BTreeMap<String, (String, &'s EnumDef)>,
    /// Operation index -> (Rust name, properties) of the body of an action that takes a table of
    /// parameters rather than a resource.
    bodies: BTreeMap<usize, (String, Vec<PropertyDef>)>,
    /// Lower-cased qualified name of a base type -> the types directly derived from it.
    derived: BTreeMap<String, Vec<&'s TypeDef>>,
}

/// What an operation's request body is, in Rust.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum BodyKind {
    /// The operation takes no body.
    None,
    /// Anything serialisable (the page names no documented resource or parameters).
    Any,
    /// The model of a documented resource (a create, an update, a replace).
    Model(String),
    /// A struct of the action's documented parameters.
    Parameters(String),
}

impl<'s> ModelNames<'s> {
    /// Name every type and enumeration of `version`, in source order; a name already taken gets
    /// its namespace's last part as a prefix, then a number.
    pub(crate) fn new(spec: &'s Spec, version: ApiVersion) -> Self {
        let mut taken: Vec<String> = Vec::new();
        let mut name = |namespace: &str, name: &str| {
            let plain = upper_camel_case(name);
            let prefixed = upper_camel_case(&format!(
                "{}_{name}",
                namespace.rsplit('.').next().unwrap_or("")
            ));
            let chosen = [plain.clone(), prefixed]
                .into_iter()
                .chain((2..).map(|n| format!("{plain}{n}")))
                .find(|candidate| !taken.contains(candidate))
                .unwrap_or(plain);
            taken.push(chosen.clone());
            chosen
        };
        let mut types = BTreeMap::new();
        for ty in spec.types.iter().filter(|t| t.version == version) {
            let key = format!("{}.{}", ty.namespace, ty.name).to_ascii_lowercase();
            if let std::collections::btree_map::Entry::Vacant(slot) = types.entry(key) {
                slot.insert((name(&ty.namespace, &ty.name), ty));
            }
        }
        let mut enums = BTreeMap::new();
        for en in spec.enums.iter().filter(|e| e.version == version) {
            let key = format!("{}.{}", en.namespace, en.name).to_ascii_lowercase();
            if !types.contains_key(&key) && !enums.contains_key(&key) {
                enums.insert(key, (name(&en.namespace, &en.name), en));
            }
        }
        let mut derived: BTreeMap<String, Vec<&TypeDef>> = BTreeMap::new();
        for (_, ty) in types.values() {
            if let Some(base) = &ty.base {
                derived
                    .entry(base.to_ascii_lowercase())
                    .or_default()
                    .push(*ty);
            }
        }
        let mut names = Self {
            types,
            enums,
            bodies: BTreeMap::new(),
            derived,
        };
        for (index, operation) in spec.operations.iter().enumerate() {
            if operation.version != version || !names.takes_parameters(operation) {
                continue;
            }
            let RequestBody::Properties { properties } = &operation.body else {
                continue;
            };
            let stem = operation.id.rsplit('/').next().unwrap_or(&operation.id);
            let rust_name = name("", &format!("{stem}_body"));
            let properties = properties
                .iter()
                .map(|p| PropertyDef {
                    name: p.name.clone(),
                    type_name: p.type_name.clone(),
                    collection: p.collection,
                    navigation: false,
                    description: p.description.clone(),
                })
                .collect();
            names.bodies.insert(index, (rust_name, properties));
        }
        names
    }

    /// The resource an operation returns, when a page documents it.
    fn returned_model(&self, operation: &Operation) -> Option<&(String, &'s TypeDef)> {
        let returns = operation
            .responses
            .iter()
            .find_map(|r| r.returns.as_ref())?;
        self.find(&returns.type_name)
    }

    /// Whether the body table of a POST lists an action's parameters rather than properties of
    /// the resource it creates.
    fn takes_parameters(&self, operation: &Operation) -> bool {
        let RequestBody::Properties { properties } = &operation.body else {
            return false;
        };
        let method = operation
            .endpoints
            .first()
            .map_or("", |e| e.method.as_str());
        if method != "POST" {
            return false;
        }
        match self.returned_model(operation) {
            Some((_, ty)) => {
                let known = self.properties_of(ty);
                !properties
                    .iter()
                    .all(|p| known.iter().any(|k| k.name == p.name))
            }
            None => true,
        }
    }

    /// The Rust shape of an operation's request body (`takes_body` says whether it has one).
    pub(crate) fn body_kind(
        &self,
        index: usize,
        operation: &Operation,
        takes_body: bool,
    ) -> BodyKind {
        if !takes_body {
            return BodyKind::None;
        }
        if let Some((name, _)) = self.bodies.get(&index) {
            return BodyKind::Parameters(name.clone());
        }
        let model = match &operation.body {
            RequestBody::Resource { type_name } => self.find(type_name),
            RequestBody::Properties { .. } => self.returned_model(operation),
            _ => None,
        };
        model.map_or(BodyKind::Any, |(name, _)| BodyKind::Model(name.clone()))
    }

    /// The properties of the model a body kind names (a resource, with its bases, or an action's
    /// parameters); empty for other kinds.
    pub(crate) fn body_properties(&self, kind: &BodyKind) -> Option<Vec<&PropertyDef>> {
        match kind {
            BodyKind::Model(name) => self.find_rust(name).map(|ty| self.properties_of(ty)),
            BodyKind::Parameters(name) => self
                .bodies
                .values()
                .find(|(n, _)| n == name)
                .map(|(_, properties)| properties.iter().collect()),
            BodyKind::None | BodyKind::Any => None,
        }
    }

    /// Whether the version has no models at all.
    pub(crate) fn is_empty(&self) -> bool {
        self.types.is_empty() && self.enums.is_empty() && self.bodies.is_empty()
    }

    /// The `@odata.type` values of the documented types derived from `ty`, directly or not,
    /// sorted.
    fn derived_from(&self, ty: &TypeDef) -> Vec<String> {
        let qualified = |t: &TypeDef| format!("{}.{}", t.namespace, t.name).to_ascii_lowercase();
        let mut found: Vec<String> = Vec::new();
        let mut frontier = vec![qualified(ty)];
        while let Some(base) = frontier.pop() {
            for candidate in self.derived.get(&base).into_iter().flatten() {
                let name = format!("#{}.{}", candidate.namespace, candidate.name);
                if !found.contains(&name) {
                    found.push(name);
                    frontier.push(qualified(candidate));
                }
            }
        }
        found.sort();
        found
    }

    /// The properties of a documented type, its base types' included.
    pub(crate) fn properties_of(&self, ty: &'s TypeDef) -> Vec<&'s PropertyDef> {
        all_properties(ty, self).0
    }

    /// The type whose model has the Rust name `rust_name`.
    pub(crate) fn find_rust(&self, rust_name: &str) -> Option<&'s TypeDef> {
        self.types
            .values()
            .find(|(name, _)| name == rust_name)
            .map(|(_, ty)| *ty)
    }

    /// Whether a qualified name is a documented enumeration.
    pub(crate) fn is_enum(&self, qualified: &str) -> bool {
        self.enums.contains_key(&qualified.to_ascii_lowercase())
    }

    /// The model of a type named as pages write it in prose (`contact`, `ContactFolder`): in
    /// `microsoft.graph` first, else in any namespace.
    pub(crate) fn find(&self, simple: &str) -> Option<&(String, &'s TypeDef)> {
        let simple = simple.trim();
        self.type_named(&format!("microsoft.graph.{simple}"))
            .or_else(|| {
                self.types
                    .values()
                    .find(|(_, ty)| ty.name.eq_ignore_ascii_case(simple))
            })
    }

    /// The model of a qualified type name, if a page documents it. `microsoft.graph.Json` (what
    /// workbook functions return) stands for any JSON value and has no model.
    pub(crate) fn type_named(&self, qualified: &str) -> Option<&(String, &'s TypeDef)> {
        let key = qualified.to_ascii_lowercase();
        if key == "microsoft.graph.json" {
            return None;
        }
        self.types.get(&key)
    }

    /// The Rust name of the struct or enum a qualified type names, if a page documents it.
    fn model_name(&self, qualified: &str) -> Option<&str> {
        let key = qualified.to_ascii_lowercase();
        self.type_named(qualified)
            .map(|(name, _)| name.as_str())
            .or_else(|| self.enums.get(&key).map(|(name, _)| name.as_str()))
    }

    /// The Rust names of the models the properties of the model `rust_name` use directly.
    pub(crate) fn used_by(&self, rust_name: &str) -> Vec<&str> {
        let properties = match self.find_rust(rust_name) {
            Some(ty) => self.properties_of(ty),
            None => self
                .bodies
                .values()
                .find(|(name, _)| name == rust_name)
                .map(|(_, properties)| properties.iter().collect())
                .unwrap_or_default(),
        };
        properties
            .iter()
            .filter_map(|p| self.model_name(&p.type_name))
            .collect()
    }

    /// The Rust names of every model, structs, action bodies and enums.
    pub(crate) fn all_names(&self) -> impl Iterator<Item = &str> {
        self.types
            .values()
            .map(|(name, _)| name.as_str())
            .chain(self.bodies.values().map(|(name, _)| name.as_str()))
            .chain(self.enums.values().map(|(name, _)| name.as_str()))
    }

    /// The Rust type of one value of a property type (without `Vec` or `Box`), and whether it
    /// is a model struct (boxed in a field); `rt` is how the module names the runtime crate.
    pub(crate) fn rust_type(&self, qualified: &str, rt: &str) -> (String, bool) {
        let primitive = match qualified {
            "Edm.String" => Some("String"),
            "Edm.Boolean" => Some("bool"),
            "Edm.Byte" | "Edm.SByte" | "Edm.Int16" | "Edm.Int32" => Some("i32"),
            "Edm.Int64" => Some("i64"),
            "Edm.Single" | "Edm.Double" | "Edm.Decimal" => Some("f64"),
            _ => None,
        };
        if let Some(primitive) = primitive {
            return (primitive.to_string(), false);
        }
        let text_type = match qualified {
            "Edm.DateTimeOffset" => Some("DateTimeOffset"),
            "Edm.Date" => Some("Date"),
            "Edm.TimeOfDay" => Some("TimeOfDay"),
            "Edm.Duration" => Some("Duration"),
            "Edm.Guid" => Some("Guid"),
            "Edm.Binary" => Some("Binary"),
            _ => None,
        };
        if let Some(text_type) = text_type {
            return (format!("{rt}::{text_type}"), false);
        }
        if let Some((name, _)) = self.enums.get(&qualified.to_ascii_lowercase()) {
            return (ident_text(name), false);
        }
        if let Some((name, _)) = self.type_named(qualified) {
            return (ident_text(name), true);
        }
        (format!("{rt}::serde_json::Value"), false)
    }
}

/// One model to generate.
enum ModelItem<'n, 's> {
    /// A documented type.
    Type(&'n str, &'s TypeDef),
    /// The parameters of an action.
    Body(&'n str, &'n [PropertyDef]),
    /// An enumeration.
    Enum(&'n str, &'s EnumDef),
}

/// The models of a version that are generated, in order: types, action bodies, enumerations.
fn model_items<'n, 's>(names: &'n ModelNames<'s>, areas: &AreaPlan) -> Vec<ModelItem<'n, 's>> {
    let types = names
        .types
        .values()
        .map(|(name, ty)| ModelItem::Type(name, ty));
    let bodies = names
        .bodies
        .values()
        .map(|(name, properties)| ModelItem::Body(name, properties));
    let enums = names
        .enums
        .values()
        .map(|(name, en)| ModelItem::Enum(name, en));
    types
        .chain(bodies)
        .chain(enums)
        .filter(|item| {
            let (ModelItem::Type(name, _) | ModelItem::Body(name, _) | ModelItem::Enum(name, _)) =
                item;
            areas.emits_model(name)
        })
        .collect()
}

fn item_text(item: &ModelItem<'_, '_>, names: &ModelNames<'_>, areas: &AreaPlan) -> String {
    match *item {
        ModelItem::Type(name, ty) => struct_text(name, ty, names, &areas.model_features(name)),
        ModelItem::Body(name, properties) => {
            body_text(name, properties, names, &areas.model_features(name))
        }
        ModelItem::Enum(name, en) => enum_text(name, en, &areas.model_features(name)),
    }
}

/// The `models` module file of one version: its head, then the models, built and formatted in
/// parallel.
pub(crate) fn models_file(
    version: ApiVersion,
    names: &ModelNames<'_>,
    areas: &AreaPlan,
    diagnostics: &mut Vec<Diagnostic>,
) -> String {
    let items = model_items(names, areas);
    report_missing_bases(&items, names, diagnostics);
    let text: Vec<String> = items
        .par_iter()
        .map(|item| item_text(item, names, areas))
        .collect();
    format_file(models_head(version), &text)
}

/// The tokens of the `models` module of one version.
pub(crate) fn models_module(
    version: ApiVersion,
    names: &ModelNames<'_>,
    areas: &AreaPlan,
    diagnostics: &mut Vec<Diagnostic>,
) -> TokenStream {
    let items = model_items(names, areas);
    report_missing_bases(&items, names, diagnostics);
    let head = models_head(version);
    let text: String = items
        .iter()
        .map(|item| item_text(item, names, areas))
        .collect();
    let items = into_tokens(&text);
    quote! {
        #head
        #items
    }
}

/// A derived type whose base type has no page: its base's properties end up in `additional`.
fn report_missing_bases(
    items: &[ModelItem<'_, '_>],
    names: &ModelNames<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for item in items {
        let ModelItem::Type(_, ty) = item else {
            continue;
        };
        if let (_, Some((derived, base))) = all_properties(ty, names) {
            diagnostics.push(Diagnostic::warning(
                Kind::UnresolvedType,
                &derived.source,
                derived.line,
                format!(
                    "base type `{base}` of `{}` has no page; its properties are kept in `additional`",
                    derived.name
                ),
            ));
        }
    }
}

/// The module docs and `use` line of a `models` module.
fn models_head(version: ApiVersion) -> TokenStream {
    let docs = inner_doc_attrs(&[
        format!("Typed models of the `{version}` API, one per documented type and enumeration."),
        String::new(),
        "Every property is an `rt::Field` (absent, null or a value) and every struct keeps the \
         properties its page does not list in `additional`, so decoding then encoding loses nothing."
            .to_string(),
    ]);
    quote! {
        #docs

        use docgen_runtime as rt;
    }
}

/// The properties of a type and of its base types, base first; a property a derived type
/// redeclares keeps the derived declaration. Also the first base type no page documents.
fn all_properties<'s>(
    ty: &'s TypeDef,
    names: &ModelNames<'s>,
) -> (Vec<&'s PropertyDef>, Option<(&'s TypeDef, &'s str)>) {
    let mut chain = vec![ty];
    let mut current = ty;
    let mut missing = None;
    while let Some(base) = current.base.as_deref() {
        match names.type_named(base) {
            Some((_, base_type)) if !chain.iter().any(|t| std::ptr::eq(*t, *base_type)) => {
                chain.push(base_type);
                current = base_type;
            }
            Some(_) => break,
            None => {
                missing = Some((current, base));
                break;
            }
        }
    }
    let mut properties: Vec<&PropertyDef> = Vec::new();
    for ty in chain.iter().rev() {
        for property in &ty.properties {
            properties.retain(|p| p.name != property.name);
            properties.push(property);
        }
    }
    (properties, missing)
}

/// A documented type: the struct, its `rt::Object` impl and its `rt::model!`.
fn struct_text(name: &str, ty: &TypeDef, names: &ModelNames<'_>, features: &[String]) -> String {
    let derivation = ty.base.as_ref().map_or_else(String::new, |base| {
        format!(
            ", derived from `{}` (whose properties it includes)",
            code(base)
        )
    });
    let (properties, _) = all_properties(ty, names);
    let fields = model_fields(&properties, names);
    let mut text = RustText::default();
    text.doc(
        0,
        &format!(
            "`{}.{}`{derivation}; documented in `{}`.",
            code(&ty.namespace),
            code(&ty.name),
            code(&ty.source)
        ),
    );
    let name = ident_text(name);
    fields.write_struct(
        &mut text,
        &name,
        features,
        "Properties the page does not list (`@odata.*` annotations included), as sent.",
    );
    let mut arguments = vec![
        MacroArgument::Plain(name),
        MacroArgument::Plain(string_literal(&format!("#{}.{}", ty.namespace, ty.name))),
    ];
    let derived = names.derived_from(ty);
    if !derived.is_empty() {
        arguments.push(MacroArgument::List(
            derived.iter().map(|d| string_literal(d)).collect(),
        ));
    }
    text.cfg(0, features);
    text.macro_call("rt::model", &arguments);
    text.finish()
}

/// The fields of a model struct, one `rt::Field` per property, with their JSON names.
struct ModelFields {
    /// Field name (escaped if a keyword), JSON name, Rust value type, doc line.
    fields: Vec<(String, String, String, String)>,
}

/// The fields of the properties (those whose names start with `@` are annotations, kept in
/// `additional`); a field name already taken gets a number.
fn model_fields(properties: &[&PropertyDef], names: &ModelNames<'_>) -> ModelFields {
    let mut taken: Vec<String> = vec!["additional".to_string()];
    let fields = properties
        .iter()
        .filter(|p| !p.name.starts_with('@'))
        .map(|property| {
            let base = snake_case(&property.name);
            let mut field = base.clone();
            let mut n = 2;
            while taken.contains(&field) {
                field = format!("{base}_{n}");
                n += 1;
            }
            taken.push(field.clone());
            let (item, boxed) = names.rust_type(&property.type_name, "rt");
            let value = if property.collection {
                format!("Vec<{item}>")
            } else if boxed {
                format!("Box<{item}>")
            } else {
                item
            };
            let doc = if property.description.is_empty() {
                format!("`{}`", code(&property.name))
            } else {
                format!(
                    "`{}`: {}",
                    code(&property.name),
                    prose_line(&property.description)
                )
            };
            (ident_text(&field), property.name.clone(), value, doc)
        })
        .collect();
    ModelFields { fields }
}

impl ModelFields {
    /// The struct (each field with its one-line doc, then `additional`) and its `rt::Object`
    /// impl (one line per property each way), each under `features`.
    fn write_struct(&self, text: &mut RustText, name: &str, features: &[String], rest_doc: &str) {
        text.cfg(0, features);
        text.line(0, "#[derive(Clone, Default)]");
        text.line(0, &format!("pub struct {name} {{"));
        for (field, _, value, doc) in &self.fields {
            text.doc(1, doc);
            text.line(1, &format!("pub {field}: rt::Field<{value}>,"));
        }
        text.doc(1, rest_doc);
        text.line(1, "pub additional: rt::Map,");
        text.line(0, "}");
        text.cfg(0, features);
        text.line(0, &format!("impl rt::Object for {name} {{"));
        text.line(1, "fn write(&self, out: &mut rt::ObjectWriter) {");
        for (field, json, _, _) in &self.fields {
            text.line(
                2,
                &format!("out.put({}, &self.{field});", string_literal(json)),
            );
        }
        text.line(2, "out.rest(&self.additional);");
        text.line(1, "}");
        text.line(1, "fn read(input: &mut rt::ObjectReader) -> Self {");
        text.line(2, "Self {");
        for (field, json, _, _) in &self.fields {
            let take = format!("take({}),", string_literal(json));
            let one_line = format!("{field}: input.{take}");
            if text.fits(3, &one_line) {
                text.line(3, &one_line);
            } else {
                text.line(3, &format!("{field}: input"));
                text.line(4, &format!(".{take}"));
            }
        }
        text.line(3, "additional: input.rest(),");
        text.line(2, "}");
        text.line(1, "}");
        text.line(0, "}");
    }
}

/// The struct of an action's parameters, sent as its request body.
fn body_text(
    name: &str,
    properties: &[PropertyDef],
    names: &ModelNames<'_>,
    features: &[String],
) -> String {
    let properties: Vec<&PropertyDef> = properties.iter().collect();
    let fields = model_fields(&properties, names);
    let name = ident_text(name);
    let mut text = RustText::default();
    text.doc(
        0,
        "The parameters of an action, sent as its JSON request body.",
    );
    fields.write_struct(
        &mut text,
        &name,
        features,
        "Parameters the page does not list, sent as given.",
    );
    text.cfg(0, features);
    text.macro_call("rt::object", &[MacroArgument::Plain(name)]);
    text.finish()
}

/// An enumeration: the enum, `From<String>`, `rt::TextEnum` and its serde impls.
fn enum_text(name: &str, en: &EnumDef, features: &[String]) -> String {
    let name = ident_text(name);
    let mut taken: Vec<String> = vec!["Undocumented".to_string()];
    let mut members: Vec<(String, &str)> = Vec::new();
    for member in &en.members {
        if members.iter().any(|(_, json)| *json == member.name) {
            continue;
        }
        let base = upper_camel_case(&member.name);
        let mut variant = base.clone();
        let mut n = 2;
        while taken.contains(&variant) {
            variant = format!("{base}{n}");
            n += 1;
        }
        taken.push(variant.clone());
        members.push((ident_text(&variant), member.name.as_str()));
    }
    let mut text = RustText::default();
    text.doc(
        0,
        &format!(
            "`{}.{}`; documented in `{}`. A value the docs do not list is kept as `Undocumented`.",
            code(&en.namespace),
            code(&en.name),
            code(&en.source)
        ),
    );
    text.cfg(0, features);
    text.line(0, "#[derive(Debug, Clone, PartialEq, Eq, Hash)]");
    text.line(0, &format!("pub enum {name} {{"));
    for (variant, json) in &members {
        text.doc(1, &format!("`{}`", code(json)));
        text.line(1, &format!("{variant},"));
    }
    text.doc(1, "A value the docs do not list, as sent.");
    text.line(1, "Undocumented(String),");
    text.line(0, "}");
    text.cfg(0, features);
    text.line(0, &format!("impl From<String> for {name} {{"));
    text.line(1, "fn from(text: String) -> Self {");
    text.line(2, "match text.as_str() {");
    for (variant, json) in &members {
        text.line(3, &format!("{} => Self::{variant},", string_literal(json)));
    }
    text.line(3, "_ => Self::Undocumented(text),");
    text.line(2, "}");
    text.line(1, "}");
    text.line(0, "}");
    text.cfg(0, features);
    text.line(0, &format!("impl rt::TextEnum for {name} {{"));
    text.line(1, "fn as_str(&self) -> &str {");
    text.line(2, "match self {");
    for (variant, json) in &members {
        text.line(3, &format!("Self::{variant} => {},", string_literal(json)));
    }
    text.line(3, "Self::Undocumented(text) => text,");
    text.line(2, "}");
    text.line(1, "}");
    text.line(0, "}");
    text.cfg(0, features);
    text.macro_call("rt::text_enum_serde", &[MacroArgument::Plain(name)]);
    text.finish()
}
