//! The IR: plain, serialisable data about operations, lowered from pages. No Markdown types inside.

mod area;
mod binding;
mod body;
mod endpoints;
mod examples;
mod lower;
mod params;
mod path;
mod permissions;
mod response;
mod sections;
mod text;
mod types;
mod version;

pub use area::area_of;
pub use lower::{lower_page, lower_resource_page};
pub use version::ApiVersion;

use crate::diagnostic::Diagnostic;
use crate::http::{HttpRequest, HttpResponse};
use serde::Serialize;

/// Everything docgen learnt from a set of pages.
#[derive(Debug, Clone, Serialize)]
pub struct Spec {
    /// How many page files were read.
    pub pages_read: usize,
    /// The documented operations, ordered by source page.
    pub operations: Vec<Operation>,
    /// The types resource pages document, ordered by source page.
    pub types: Vec<TypeDef>,
    /// The enumerations pages document, ordered by source page and line.
    pub enums: Vec<EnumDef>,
    /// What was wrong or odd in the input, ordered by file and line.
    pub diagnostics: Vec<Diagnostic>,
}

/// A structured type (entity or complex type) documented by a resource page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TypeDef {
    /// The type's name without namespace (`contact`).
    pub name: String,
    /// Its namespace (`microsoft.graph`).
    pub namespace: String,
    /// The page's path, as for operations.
    pub source: String,
    /// The line of the page's `resource` annotation.
    pub line: u32,
    /// The API version of the page.
    pub version: ApiVersion,
    /// The qualified base type (`microsoft.graph.outlookItem`), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base: Option<String>,
    /// The key property of an entity type.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// Whether instances may carry properties the page does not list.
    pub open: bool,
    /// Whether the type is abstract (only derived types occur).
    pub is_abstract: bool,
    /// Properties the annotation marks as optional.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub optional: Vec<String>,
    /// Properties and relationships, tables first, then keys only the JSON representation has.
    pub properties: Vec<PropertyDef>,
}

/// A property or relationship of a type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PropertyDef {
    /// The JSON name.
    pub name: String,
    /// The qualified type (`Edm.String`, `microsoft.graph.recipient`).
    #[serde(rename = "type")]
    pub type_name: String,
    /// Whether it holds a collection of that type.
    pub collection: bool,
    /// Whether it is a relationship (navigation property).
    pub navigation: bool,
    /// The page's description.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
}

/// An enumeration documented by a `{name} values` table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EnumDef {
    /// The enumeration's name (`importance`).
    pub name: String,
    /// Its namespace.
    pub namespace: String,
    /// The page's path.
    pub source: String,
    /// The line of the table's heading.
    pub line: u32,
    /// The API version of the page.
    pub version: ApiVersion,
    /// The members, in order.
    pub members: Vec<EnumMember>,
}

/// One member of an enumeration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EnumMember {
    /// The member as it appears in JSON.
    pub name: String,
    /// Its numeric value, when the table gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<i64>,
}

/// One API operation, as documented by one page.
#[derive(Debug, Clone, Serialize)]
pub struct Operation {
    /// A stable identifier: the version and the page's file stem (`beta/contact-permanentdelete`).
    pub id: String,
    /// The page's path, relative to the folder given (or as given, for a file).
    pub source: String,
    /// The page title (its H1).
    pub title: String,
    /// The first paragraph of the page (Markdown), or the front matter's description.
    pub summary: String,
    /// The API version the page documents.
    pub version: ApiVersion,
    /// Every `METHOD /path` line of the page's HTTP request section(s).
    pub endpoints: Vec<Endpoint>,
    /// The names of the path parameters, in order of first appearance.
    pub path_params: Vec<String>,
    /// Optional query parameters the page documents.
    pub query: Vec<QueryParam>,
    /// Request headers from the page's table(s).
    pub headers: Vec<HeaderParam>,
    /// What the request body must be.
    pub body: RequestBody,
    /// Documented response statuses, the success status first.
    pub responses: Vec<ResponseSpec>,
    /// Permissions needed to call the operation.
    pub permissions: Vec<Permission>,
    /// Worked examples: raw requests with their responses.
    pub examples: Vec<Example>,
}

/// One `METHOD /path` line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Endpoint {
    /// The HTTP method, upper case.
    pub method: String,
    /// The path as written (trimmed; without base URL or query string).
    pub path: String,
    /// The line of the page it was read from.
    pub line: u32,
    /// The path split into segments.
    pub segments: Vec<Segment>,
    /// The resource family the path belongs to (`contacts`, `mail`, `drive`): a cargo feature
    /// of the generated crate.
    pub area: String,
}

/// One `/`-separated piece of a path template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Segment {
    /// A fixed name (`contacts`, `permanentDelete`).
    Literal {
        /// The name as written.
        value: String,
    },
    /// A whole-segment placeholder (`{contactId}`, `{id | userPrincipalName}`).
    Parameter {
        /// The text between the braces, trimmed.
        name: String,
    },
    /// Text with values inside: a function call (`range(address='{address}')`), an alternate
    /// key (`roleTemplateId={id}`), a drive item path (`root:/{item-path}:`).
    Template {
        /// The segment as written.
        raw: String,
        /// Its text and values, in order.
        parts: Vec<Part>,
    },
}

/// A piece of a template segment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Part {
    /// Fixed text.
    Text {
        /// The text as written.
        text: String,
    },
    /// A value the caller supplies.
    Value {
        /// The placeholder's name (or the function argument's key).
        name: String,
        /// How the value is written into the segment.
        style: ValueStyle,
    },
}

/// How a template value is written into its segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueStyle {
    /// Inside single quotes (quotes in the value are doubled).
    Quoted,
    /// Unquoted function argument (a number, a boolean, an enum member).
    Raw,
    /// Percent-encoded text.
    Encoded,
    /// A drive item path that may hold `/`.
    Path,
}

/// An optional query parameter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QueryParam {
    /// The name (`$select`, `$top`).
    pub name: String,
}

/// A request header the page documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HeaderParam {
    /// The header name.
    pub name: String,
    /// The page's description or value.
    pub description: String,
    /// Whether the page says the header is required.
    pub required: bool,
}

/// What the request body must be.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RequestBody {
    /// The page says not to send a body.
    None,
    /// A JSON representation of a resource.
    Resource {
        /// The resource name as the page links it.
        type_name: String,
    },
    /// A table of properties or parameters.
    Properties {
        /// The table's rows.
        properties: Vec<BodyProperty>,
    },
    /// Prose that docgen does not interpret.
    Unspecified {
        /// The section's text.
        text: String,
    },
    /// The page has no Request body section.
    Undocumented,
}

/// One row of a request body table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BodyProperty {
    /// The property name.
    pub name: String,
    /// The qualified type (`Edm.String`, `microsoft.graph.recipient`).
    #[serde(rename = "type")]
    pub type_name: String,
    /// Whether it holds a collection of that type.
    pub collection: bool,
    /// The description.
    pub description: String,
}

/// A documented response status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ResponseSpec {
    /// The HTTP status code.
    pub status: u16,
    /// What the body holds, for the success status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub returns: Option<ReturnType>,
}

/// The resource a response returns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReturnType {
    /// The resource name as linked by the page.
    pub type_name: String,
    /// Whether a collection of it is returned.
    pub collection: bool,
}

/// Permissions for one kind of caller.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Permission {
    /// The permission type (`Application`, `Delegated (work or school account)`).
    pub kind: String,
    /// The least privileged permissions.
    pub least_privileged: Vec<String>,
    /// Higher privileged permissions that also work.
    pub higher_privileged: Vec<String>,
}

/// A worked example: a raw request and, usually, its response.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Example {
    /// The annotation's `name`.
    pub name: Option<String>,
    /// The line of the request's code block.
    pub line: u32,
    /// Whether the page annotated the request (`blockType: request`); unannotated examples are
    /// read from the Examples part of pages that have no annotations.
    pub annotated: bool,
    /// The annotation's `opaqueUrl`: the URL is not a Graph URL (an upload URL, a callback) and
    /// is not bound to an endpoint.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub opaque_url: bool,
    /// The request as documented.
    pub request: HttpRequest,
    /// The response as documented, if the page pairs one with the request.
    pub response: Option<HttpResponse>,
    /// Which endpoint the request URL uses, if it matches one.
    pub binding: Option<Binding>,
}

/// One segment of an example URL and the values it gives the endpoint's segment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BoundSegment {
    /// The segment as written in the URL, percent-decoded.
    pub written: String,
    /// The values for the endpoint segment: one for a parameter, one per value of a template,
    /// none for a literal.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
}

/// How an example URL maps onto one of the operation's endpoints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Binding {
    /// The index of the endpoint in `Operation::endpoints`.
    pub endpoint: usize,
    /// The API version the URL names, if it names one.
    pub version: Option<String>,
    /// The URL's path segments, one per endpoint segment.
    pub segments: Vec<BoundSegment>,
    /// The query string's pairs (percent-decoded), in order.
    pub query: Vec<(String, String)>,
}
