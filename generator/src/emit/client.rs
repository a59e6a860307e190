//! One version module of the client: a struct per URL node, navigation methods, operation methods.

use super::areas::AreaPlan;
use super::docs::{code, inner_doc_attrs, prose_line};
use super::models::{BodyKind, ModelNames};
use super::names::{ident, ident_text, snake_case};
use super::rust_text::{into_tokens, string_literal, RustText};
use super::shape::{is_upload, response_kind, takes_body, ResponseKind};
use super::tree::{shown, Child, OperationMethod, Tree, ROOT_TYPE};
use super::VersionParts;
use crate::ir::{Operation, Part, RequestBody, Segment, ValueStyle};
use crate::write::format_file;
use proc_macro2::TokenStream;
use quote::quote;
use rayon::prelude::*;

/// The module file of a version: its head, then its structs, built and formatted in parallel.
/// The models are a `models` submodule in a file of its own.
pub(crate) fn version_file(parts: &VersionParts<'_>) -> String {
    let nodes: Vec<String> = own_structs(parts.tree)
        .par_iter()
        .map(|&index| node_text(parts, index))
        .collect();
    let models = (!parts.names.is_empty()).then(|| {
        quote!(
            pub mod models;
        )
    });
    format_file(version_head(parts, models), &nodes)
}

/// The tokens of the module of a version, its models (if any) written in place (for a client
/// that is one file).
pub(crate) fn version_module(parts: &VersionParts<'_>, models: Option<TokenStream>) -> TokenStream {
    let models = models.map(|tokens| {
        quote! {
            pub mod models {
                #tokens
            }
        }
    });
    let head = version_head(parts, models);
    let nodes: String = own_structs(parts.tree)
        .into_iter()
        .map(|index| node_text(parts, index))
        .collect();
    let nodes = into_tokens(&nodes);
    quote! {
        #head
        #nodes
    }
}

/// The nodes that have a struct of their own, in order.
fn own_structs(tree: &Tree) -> Vec<usize> {
    (0..tree.nodes.len())
        .filter(|&index| tree.has_own_struct(index))
        .collect()
}

/// Module docs, the `models` module item given, and `use` lines.
fn version_head(parts: &VersionParts<'_>, models: Option<TokenStream>) -> TokenStream {
    let VersionParts {
        version,
        tree,
        operations,
        names,
        areas,
    } = *parts;
    let module_doc = inner_doc_attrs(&[
        format!("The `{version}` API of Microsoft Graph."),
        String::new(),
        format!(
            "Start from [`{ROOT_TYPE}::new`] and follow the URL: each struct is one position in the URL tree, \
             each method either steps to the next segment or builds a request."
        ),
    ]);
    let imports = imports(tree, operations, names);
    let allow = areas.allow_unused_imports();
    quote! {
        #module_doc
        #allow

        #models

        #imports
    }
}

/// The `use` lines the module needs, and no more (an unused import would warn).
fn imports(tree: &Tree, operations: &[Operation], names: &ModelNames<'_>) -> TokenStream {
    let method_indices: Vec<usize> = tree
        .nodes
        .iter()
        .flat_map(|n| &n.operations)
        .map(|m| m.operation)
        .collect();
    let methods: Vec<&Operation> = method_indices.iter().map(|&i| &operations[i]).collect();
    let mut runtime = vec![quote!(Client), quote!(Node)];
    let templated = tree.nodes.iter().any(|n| {
        n.children
            .iter()
            .any(|c| matches!(c.segment, Segment::Template { .. }))
            || n.operations
                .iter()
                .any(|o| matches!(o.action, Some(Segment::Template { .. })))
    });
    if templated {
        runtime.push(quote!(Piece));
    }
    if !methods.is_empty() {
        runtime.push(quote!(Method));
        runtime.push(quote!(Request));
    }
    let kinds: Vec<ResponseKind> = methods.iter().map(|o| response_kind(o, names)).collect();
    if kinds.iter().any(ResponseKind::is_json) {
        runtime.push(quote!(Json));
    }
    if kinds.contains(&ResponseKind::NoContent) {
        runtime.push(quote!(NoContent));
    }
    if kinds.contains(&ResponseKind::Binary) {
        runtime.push(quote!(Bytes));
    }
    let any_body = method_indices
        .iter()
        .any(|&i| names.body_kind(i, &operations[i], takes_body(&operations[i])) == BodyKind::Any);
    let serialize = any_body.then(|| {
        quote!(
            use docgen_runtime::serde::Serialize;
        )
    });
    let value = kinds.contains(&ResponseKind::Json).then(|| {
        quote!(
            use docgen_runtime::serde_json::Value;
        )
    });
    quote! {
        use docgen_runtime::{#(#runtime),*};
        #serialize
        #value
    }
}

/// The struct of node `index` and its impl: constructor (root), steps, operation methods.
fn node_text(parts: &VersionParts<'_>, index: usize) -> String {
    let VersionParts {
        version,
        tree,
        operations,
        names,
        areas,
    } = *parts;
    let node = &tree.nodes[index];
    let name = ident_text(&node.type_name);
    let mut text = RustText::default();
    if index == 0 {
        text.doc(
            0,
            &format!("The root of the `{version}` API: every documented path starts here."),
        );
    } else {
        let templates: Vec<String> = tree
            .sharing(index)
            .map(|n| format!("`{}`", code(&tree.nodes[n].template)))
            .collect();
        if let [only] = templates.as_slice() {
            text.doc(0, only);
        } else {
            text.doc(0, "The same steps and operations at each of:");
            for template in &templates {
                text.doc(0, &format!("- {template}"));
            }
        }
    }
    let features = areas.node_features(index);
    text.cfg(0, &features);
    // No `Debug`: deriving it for every struct of the tree costs a tenth of the crate's check
    // time; the `Request` a method returns shows its path.
    text.line(0, "#[derive(Clone)]");
    text.line(0, &format!("pub struct {name}<'c>(Node<'c>);"));
    text.cfg(0, &features);
    text.line(0, &format!("impl<'c> {name}<'c> {{"));
    if index == 0 {
        text.doc(
            1,
            &format!("Start a request path in the `{version}` API for `client`."),
        );
        text.line(1, "pub fn new(client: &'c Client) -> Self {");
        text.line(
            2,
            &format!(
                "Self(Node::root(client, {}))",
                string_literal(version.as_str())
            ),
        );
        text.line(1, "}");
    }
    for child in &node.children {
        child_text(&mut text, tree, index, child, areas);
    }
    for method in &node.operations {
        let endpoints: Vec<(usize, usize)> = tree
            .sharing(index)
            .flat_map(|n| &tree.nodes[n].operations)
            .filter(|m| m.name == method.name)
            .flat_map(|m| m.endpoints.iter().map(|&e| (m.operation, e)))
            .collect();
        text.doc_lines(1, &operation_doc(method, &endpoints, operations, names));
        text.cfg(1, &areas.method_features(index, &method.name));
        operation_text(&mut text, method, operations, names);
    }
    text.line(0, "}");
    text.finish()
}

/// A step method: the segment appended, and the struct it leads to.
fn child_text(text: &mut RustText, tree: &Tree, parent: usize, child: &Child, areas: &AreaPlan) {
    let target = tree.shared_with[child.node];
    let target_name = ident_text(&tree.nodes[target].type_name);
    let step = segment_step(&child.segment);
    text.doc(1, &format!("Step to `/{}`.", code(&shown(&child.segment))));
    if !step.arguments.is_empty() {
        text.doc(1, "");
        text.doc(1, step.note);
    }
    text.cfg(1, &areas.step_features(parent, target));
    let arguments: Vec<String> = step
        .arguments
        .iter()
        .map(|a| format!("{a}: impl Into<String>"))
        .collect();
    text.signature(
        1,
        &format!("pub fn {}", ident(&child.method)),
        &arguments,
        &format!("{target_name}<'c>"),
    );
    match step.pieces {
        Some(pieces) => {
            let one_line = format!(
                "{target_name}(self.0.template(vec![{}]))",
                pieces.join(", ")
            );
            if text.fits(2, &one_line) {
                text.line(2, &one_line);
            } else {
                text.pieces(2, &pieces);
                text.line(2, &format!("{target_name}(self.0.template(pieces))"));
            }
        }
        None => text.call(2, &target_name, &[step.expression], ""),
    }
    text.line(1, "}");
}

/// The Rust of appending one segment to `self.0`: the method's arguments and the expression,
/// or, for a template, its pieces.
struct SegmentStep {
    arguments: Vec<String>,
    expression: String,
    pieces: Option<Vec<String>>,
    note: &'static str,
}

fn segment_step(segment: &Segment) -> SegmentStep {
    match segment {
        Segment::Literal { value } => SegmentStep {
            arguments: Vec::new(),
            expression: format!("self.0.literal({})", string_literal(value)),
            pieces: None,
            note: "",
        },
        Segment::Parameter { .. } => SegmentStep {
            arguments: vec!["id".to_string()],
            expression: "self.0.value(id)".to_string(),
            pieces: None,
            note: "`id` is sent as exactly one path segment, percent-encoded.",
        },
        Segment::Template { parts, .. } => {
            let mut arguments: Vec<String> = Vec::new();
            let pieces: Vec<String> = parts
                .iter()
                .map(|part| match part {
                    Part::Text { text } => format!("Piece::Text({})", string_literal(text)),
                    Part::Value { name, style } => {
                        let base = snake_case(name);
                        let mut chosen = base.clone();
                        let mut n = 2;
                        while arguments.contains(&ident_text(&chosen)) {
                            chosen = format!("{base}_{n}");
                            n += 1;
                        }
                        let argument = ident_text(&chosen);
                        arguments.push(argument.clone());
                        let kind = match style {
                            ValueStyle::Quoted => "Quoted",
                            ValueStyle::Raw => "Raw",
                            ValueStyle::Encoded => "Encoded",
                            ValueStyle::Path => "Path",
                        };
                        format!("Piece::{kind}({argument}.into())")
                    }
                })
                .collect();
            SegmentStep {
                arguments,
                expression: String::new(),
                pieces: Some(pieces),
                note: "Values are written into the segment as the template shows: quoted values have \
                       their quotes doubled, unquoted ones may hold only letters, digits and `-._:+`, \
                       and everything is percent-encoded so that it stays in this segment.",
            }
        }
    }
}

/// An operation method: its signature (action arguments, body) and the request it builds.
fn operation_text(
    text: &mut RustText,
    method: &OperationMethod,
    operations: &[Operation],
    names: &ModelNames<'_>,
) {
    let operation = &operations[method.operation];
    let step = method.action.as_ref().map(segment_step);
    let output = match response_kind(operation, names) {
        ResponseKind::NoContent => "NoContent".to_string(),
        ResponseKind::Binary => "Bytes".to_string(),
        ResponseKind::Primitive(type_name, collection) => {
            let (item, _) = names.rust_type(&type_name, "docgen_runtime");
            if collection {
                format!("Json<docgen_runtime::Primitive<Vec<{item}>>>")
            } else {
                format!("Json<docgen_runtime::Primitive<{item}>>")
            }
        }
        ResponseKind::Json => "Json<Value>".to_string(),
        ResponseKind::Model(name) => format!("Json<models::{}>", ident(&name)),
        ResponseKind::Page(name) => {
            format!("Json<docgen_runtime::Page<models::{}>>", ident(&name))
        }
    };
    let mut arguments: Vec<String> = step
        .iter()
        .flat_map(|s| &s.arguments)
        .map(|a| format!("{a}: impl Into<String>"))
        .collect();
    let mut generics = "";
    let mut calls = vec![format!("request(Method::{})", ident(&method.http_method))];
    if operation
        .headers
        .iter()
        .any(|h| h.name.eq_ignore_ascii_case("ConsistencyLevel"))
    {
        calls.push("advanced_queries()".to_string());
    }
    match names.body_kind(method.operation, operation, takes_body(operation)) {
        BodyKind::None => {}
        BodyKind::Any => {
            generics = "<B: Serialize + ?Sized>";
            arguments.push("body: &B".to_string());
            calls.push("json(body)".to_string());
        }
        BodyKind::Model(model) | BodyKind::Parameters(model) => {
            arguments.push(format!("body: &models::{}", ident(&model)));
            calls.push("json(body)".to_string());
        }
    }
    text.signature(
        1,
        &format!("pub fn {}{generics}", ident(&method.name)),
        &arguments,
        &format!("Request<'c, {output}>"),
    );
    let receiver = match &step {
        Some(SegmentStep {
            pieces: Some(pieces),
            ..
        }) => {
            let inline = format!("self.0.template(vec![{}])", pieces.join(", "));
            let whole = format!("{inline}.{}", calls.join("."));
            if text.fits(2, &whole) {
                inline
            } else {
                text.pieces(2, pieces);
                "self.0.template(pieces)".to_string()
            }
        }
        Some(step) => step.expression.clone(),
        None => "self.0".to_string(),
    };
    text.chain(2, &receiver, &calls);
    text.line(1, "}");
}

/// The sentence on the request headers a page documents that have their own request methods.
fn header_doc(operation: &Operation) -> Option<String> {
    const METHODS: &[(&str, &str)] = &[
        ("If-Match", "`.if_match(..)`"),
        ("If-None-Match", "`.if_none_match(..)`"),
        ("Prefer", "`.prefer(..)`"),
        (
            "ConsistencyLevel",
            "sent as `eventual` by `.search(..)` and `.count(..)`",
        ),
    ];
    let documented: Vec<String> = METHODS
        .iter()
        .filter(|(name, _)| {
            operation
                .headers
                .iter()
                .any(|h| h.name.eq_ignore_ascii_case(name))
        })
        .map(|(name, method)| format!("`{name}` ({method})"))
        .collect();
    (!documented.is_empty()).then(|| format!("Documented headers: {}.", documented.join(", ")))
}

/// The rustdoc of an operation method: title, summary, endpoints (operation and endpoint index
/// of each path that leads to it), body, query, permissions, source.
fn operation_doc(
    method: &OperationMethod,
    endpoints: &[(usize, usize)],
    operations: &[Operation],
    names: &ModelNames<'_>,
) -> Vec<String> {
    let operation = &operations[method.operation];
    let mut lines = vec![prose_line(&operation.title)];
    if !operation.summary.is_empty() {
        lines.push(String::new());
        lines.push(prose_line(&operation.summary));
    }
    lines.push(String::new());
    for &(op_index, index) in endpoints {
        let endpoint = &operations[op_index].endpoints[index];
        lines.push(format!("- `{} {}`", endpoint.method, code(&endpoint.path)));
    }
    // The facts below form one paragraph: one sentence each.
    lines.push(String::new());
    match &operation.body {
        RequestBody::Resource { type_name } => {
            lines.push(format!(
                "The body is a JSON representation of {}.",
                prose_line(type_name)
            ));
        }
        RequestBody::Properties { properties } => {
            let names: Vec<String> = properties
                .iter()
                .map(|p| format!("`{}`", code(&p.name)))
                .collect();
            lines.push(format!(
                "The body is a JSON object with any of: {}.",
                names.join(", ")
            ));
        }
        RequestBody::None | RequestBody::Unspecified { .. } | RequestBody::Undocumented => {}
    }
    if !operation.query.is_empty() {
        let names: Vec<String> = operation
            .query
            .iter()
            .map(|q| format!("`{}`", code(&q.name)))
            .collect();
        lines.push(format!(
            "Optional query parameters: {} (OData options have their own methods, such as `.select(..)` and `.top(..)`; any other with `.query(name, value)`).",
            names.join(", ")
        ));
    }
    if !operation.permissions.is_empty() {
        let kinds: Vec<String> = operation
            .permissions
            .iter()
            .map(|permission| {
                let least = if permission.least_privileged.is_empty() {
                    "not supported".to_string()
                } else {
                    permission
                        .least_privileged
                        .iter()
                        .map(|p| format!("`{}`", code(p)))
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                format!("{} {least}", prose_line(&permission.kind))
            })
            .collect();
        lines.push(format!(
            "Least privileged permissions: {}.",
            kinds.join("; ")
        ));
    }
    lines.extend(header_doc(operation));
    if response_kind(operation, names) == ResponseKind::Binary {
        lines.push(
            "The response is binary: `.send()` reads it whole, `.download()` streams it."
                .to_string(),
        );
    }
    if is_upload(operation) {
        lines.push("Send the content with `.bytes(content_type, data)`, or stream it with `.stream(..)` or `.reader(..)`.".to_string());
    }
    lines.push(format!("Documented in `{}`.", code(&operation.source)));
    let mut others: Vec<usize> = method.also_documented.iter().map(|&(o, _)| o).collect();
    others.dedup();
    for other in others {
        let other = &operations[other];
        lines.push(format!(
            "Also documented in `{}` ({}).",
            code(&other.source),
            prose_line(&other.title)
        ));
    }
    lines
}
