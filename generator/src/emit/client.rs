//! One version module of the client: a struct per URL node, navigation methods, operation methods.

use super::areas::AreaPlan;
use super::docs::{code, doc_attrs, inner_doc_attrs, prose_line};
use super::models::{BodyKind, ModelNames};
use super::names::{ident, snake_case};
use super::shape::{is_upload, response_kind, takes_body, ResponseKind};
use super::tree::{shown, Child, OperationMethod, Tree, ROOT_TYPE};
use super::VersionParts;
use crate::ir::{Operation, Part, RequestBody, Segment, ValueStyle};
use crate::write::{format_file, format_items};
use proc_macro2::{Ident, TokenStream};
use quote::quote;

/// The module file of a version: its head, then its structs, built and formatted in parallel.
/// The models are a `models` submodule in a file of its own.
pub(crate) fn version_file(parts: &VersionParts<'_>) -> String {
    let nodes = format_items(&own_structs(parts.tree), |&index| node_tokens(parts, index));
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
    let nodes = own_structs(parts.tree)
        .into_iter()
        .map(|index| node_tokens(parts, index));
    quote! {
        #head
        #(#nodes)*
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

fn node_tokens(parts: &VersionParts<'_>, index: usize) -> TokenStream {
    let VersionParts {
        version,
        tree,
        operations,
        names,
        areas,
    } = *parts;
    let node = &tree.nodes[index];
    let name = ident(&node.type_name);
    let is_root = index == 0;
    let struct_doc = if is_root {
        doc_attrs(&[format!(
            "The root of the `{version}` API: every documented path starts here."
        )])
    } else {
        let templates: Vec<String> = tree
            .sharing(index)
            .map(|n| format!("`{}`", code(&tree.nodes[n].template)))
            .collect();
        if let [only] = templates.as_slice() {
            doc_attrs(std::slice::from_ref(only))
        } else {
            let mut lines = vec!["The same steps and operations at each of:".to_string()];
            lines.extend(templates.iter().map(|t| format!("- {t}")));
            doc_attrs(&lines)
        }
    };
    let constructor = is_root.then(|| {
        let version_text = version.as_str();
        let doc = doc_attrs(&[format!(
            "Start a request path in the `{version}` API for `client`."
        )]);
        quote! {
            #doc
            pub fn new(client: &'c Client) -> Self {
                Self(Node::root(client, #version_text))
            }
        }
    });
    let children = node
        .children
        .iter()
        .map(|child| child_tokens(tree, index, child, areas));
    let methods = node.operations.iter().map(|method| {
        let endpoints: Vec<(usize, usize)> = tree
            .sharing(index)
            .flat_map(|n| &tree.nodes[n].operations)
            .filter(|m| m.name == method.name)
            .flat_map(|m| m.endpoints.iter().map(|&e| (m.operation, e)))
            .collect();
        let cfg = areas.method_cfg(index, &method.name);
        let tokens = operation_tokens(method, &endpoints, operations, names);
        quote!(#cfg #tokens)
    });
    let cfg = areas.node_cfg(index);
    quote! {
        #struct_doc
        #cfg
        #[derive(Debug, Clone)]
        pub struct #name<'c>(Node<'c>);

        #cfg
        impl<'c> #name<'c> {
            #constructor
            #(#children)*
            #(#methods)*
        }
    }
}

fn child_tokens(tree: &Tree, parent: usize, child: &Child, areas: &AreaPlan) -> TokenStream {
    let target = &tree.nodes[tree.shared_with[child.node]];
    let cfg = areas.step_cfg(parent, tree.shared_with[child.node]);
    let target_name = ident(&target.type_name);
    let method = ident(&child.method);
    let step = segment_step(&child.segment);
    let mut doc = vec![format!("Step to `/{}`.", code(&shown(&child.segment)))];
    if !step.arguments.is_empty() {
        doc.push(String::new());
        doc.push(step.note.to_string());
    }
    let doc = doc_attrs(&doc);
    let (arguments, expression) = (&step.arguments, &step.expression);
    quote! {
        #doc
        #cfg
        pub fn #method(&self #(, #arguments: impl Into<String>)*) -> #target_name<'c> {
            #target_name(#expression)
        }
    }
}

/// The Rust of appending one segment to `self.0`: the method's arguments and the expression.
struct SegmentStep {
    arguments: Vec<Ident>,
    expression: TokenStream,
    note: &'static str,
}

fn segment_step(segment: &Segment) -> SegmentStep {
    match segment {
        Segment::Literal { value } => SegmentStep {
            arguments: Vec::new(),
            expression: quote!(self.0.literal(#value)),
            note: "",
        },
        Segment::Parameter { .. } => SegmentStep {
            arguments: vec![ident("id")],
            expression: quote!(self.0.value(id)),
            note: "`id` is sent as exactly one path segment, percent-encoded.",
        },
        Segment::Template { parts, .. } => {
            let mut arguments: Vec<Ident> = Vec::new();
            let mut taken: Vec<String> = Vec::new();
            let pieces: Vec<TokenStream> = parts
                .iter()
                .map(|part| match part {
                    Part::Text { text } => quote!(Piece::Text(#text)),
                    Part::Value { name, style } => {
                        let base = snake_case(name);
                        let mut chosen = base.clone();
                        let mut n = 2;
                        while taken.contains(&chosen) {
                            chosen = format!("{base}_{n}");
                            n += 1;
                        }
                        taken.push(chosen.clone());
                        let argument = ident(&chosen);
                        arguments.push(argument.clone());
                        match style {
                            ValueStyle::Quoted => quote!(Piece::Quoted(#argument.into())),
                            ValueStyle::Raw => quote!(Piece::Raw(#argument.into())),
                            ValueStyle::Encoded => quote!(Piece::Encoded(#argument.into())),
                            ValueStyle::Path => quote!(Piece::Path(#argument.into())),
                        }
                    }
                })
                .collect();
            SegmentStep {
                arguments,
                expression: quote!(self.0.template(vec![#(#pieces),*])),
                note: "Values are written into the segment as the template shows: quoted values have \
                       their quotes doubled, unquoted ones may hold only letters, digits and `-._:+`, \
                       and everything is percent-encoded so that it stays in this segment.",
            }
        }
    }
}

fn operation_tokens(
    method: &OperationMethod,
    endpoints: &[(usize, usize)],
    operations: &[Operation],
    names: &ModelNames<'_>,
) -> TokenStream {
    let operation = &operations[method.operation];
    let doc = doc_attrs(&operation_doc(method, endpoints, operations, names));
    let name = ident(&method.name);
    let http_method = ident(&method.http_method);
    let (arguments, node) = match &method.action {
        Some(segment) => {
            let step = segment_step(segment);
            (step.arguments, step.expression)
        }
        None => (Vec::new(), quote!(self.0)),
    };
    let output = match response_kind(operation, names) {
        ResponseKind::NoContent => quote!(NoContent),
        ResponseKind::Binary => quote!(Bytes),
        ResponseKind::Primitive(type_name, collection) => {
            let (item, _) = names.rust_type(&type_name, &quote!(docgen_runtime));
            if collection {
                quote!(Json<docgen_runtime::Primitive<Vec<#item>>>)
            } else {
                quote!(Json<docgen_runtime::Primitive<#item>>)
            }
        }
        ResponseKind::Json => quote!(Json<Value>),
        ResponseKind::Model(name) => {
            let name = ident(&name);
            quote!(Json<models::#name>)
        }
        ResponseKind::Page(name) => {
            let name = ident(&name);
            quote!(Json<docgen_runtime::Page<models::#name>>)
        }
    };
    let arguments = arguments.iter().map(|a| quote!(#a: impl Into<String>));
    let advanced = operation
        .headers
        .iter()
        .any(|h| h.name.eq_ignore_ascii_case("ConsistencyLevel"))
        .then(|| quote!(.advanced_queries()));
    let body_model = match names.body_kind(method.operation, operation, takes_body(operation)) {
        BodyKind::None => None,
        BodyKind::Any => {
            return quote! {
                #doc
                pub fn #name<B: Serialize + ?Sized>(&self, #(#arguments,)* body: &B) -> Request<'c, #output> {
                    #node.request(Method::#http_method)#advanced.json(body)
                }
            };
        }
        BodyKind::Model(model) | BodyKind::Parameters(model) => Some(ident(&model)),
    };
    if let Some(model) = body_model {
        quote! {
            #doc
            pub fn #name(&self, #(#arguments,)* body: &models::#model) -> Request<'c, #output> {
                #node.request(Method::#http_method)#advanced.json(body)
            }
        }
    } else {
        quote! {
            #doc
            pub fn #name(&self #(, #arguments)*) -> Request<'c, #output> {
                #node.request(Method::#http_method)#advanced
            }
        }
    }
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
