//! Page -> Operation: reads each section of an API page into the IR.

use super::binding::bind;
use super::body::request_body;
use super::endpoints::{endpoints, listing_fences, section_fences};
use super::examples::examples;
use super::params::{headers, query_params};
use super::permissions::permissions;
use super::response::responses;
use super::sections::{first_section, sections};
use super::text::plain;
use super::{ApiVersion, Operation, Segment};
use crate::diagnostic::{Diagnostic, Kind};
use crate::page::{BlockKind, Page};

/// Whether the page documents an operation (as opposed to a resource, an enum or an overview):
/// pages in an `api` folder do, pages in a `resources` folder do not (whatever their front
/// matter says: a few real resource pages are marked `apiPageType`), and elsewhere the front
/// matter's `doc_type` decides.
fn is_api_page(page: &Page) -> bool {
    let folders: Vec<&str> = page.display.split(['/', '\\']).collect();
    let folders = &folders[..folders.len().saturating_sub(1)];
    if folders.contains(&"resources") {
        return false;
    }
    if folders.contains(&"api") {
        return true;
    }
    page.front_matter
        .get("doc_type")
        .is_some_and(|d| d.eq_ignore_ascii_case("apiPageType"))
}

/// Lower one page. Returns `None` for pages that document no operation; an API page that
/// cannot yield one gets a diagnostic saying why. `default_version` is the version of a page
/// whose path names none.
pub fn lower_page(
    page: &Page,
    default_version: Option<ApiVersion>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Operation> {
    if !is_api_page(page) {
        return None;
    }
    let display = page.display.as_str();
    let request_sections = sections(page, |t| t.starts_with("http request"));
    let fences = if request_sections.is_empty() {
        let fences = listing_fences(page);
        if fences.is_empty() {
            diagnostics.push(Diagnostic::error(
                Kind::MissingSection,
                display,
                page.title_line(),
                "API page has no `HTTP request` section; no operation was read from it",
            ));
            return None;
        }
        diagnostics.push(Diagnostic::warning(
            Kind::MissingSection,
            display,
            page.title_line(),
            "API page has no `HTTP request` section; its endpoints were read from the code blocks that list them",
        ));
        fences
    } else {
        section_fences(&request_sections)
    };
    let endpoints = endpoints(display, &fences, diagnostics);
    if endpoints.is_empty() {
        diagnostics.push(Diagnostic::error(
            Kind::MissingSection,
            display,
            fences.first().map_or(page.title_line(), |f| f.line()),
            "the `HTTP request` section lists no `METHOD /path` line; no operation was read from it",
        ));
        return None;
    }
    let mut examples = examples(page, diagnostics);
    for example in examples.iter_mut().filter(|e| !e.opaque_url) {
        example.binding = bind(&example.request.method, &example.request.url, &endpoints);
        if example.binding.is_none() {
            let templates: Vec<String> = endpoints
                .iter()
                .map(|e| format!("{} {}", e.method, e.path))
                .collect();
            diagnostics.push(Diagnostic::warning(
                Kind::UnboundExample,
                display,
                example.line,
                format!(
                    "example `{} {}` matches none of the page's endpoints ({})",
                    example.request.method,
                    example.request.url,
                    templates.join(", ")
                ),
            ));
        }
    }
    let version = version(page, default_version, &examples, diagnostics);
    let response_section = first_section(page, |t| t == "response" || t == "responses");
    if response_section.is_none() {
        diagnostics.push(Diagnostic::warning(
            Kind::MissingSection,
            display,
            page.title_line(),
            "API page has no `Response` section",
        ));
    }
    let header_sections: Vec<_> = sections(page, |t| t.contains("request header"))
        .into_iter()
        .map(|s| {
            let optional = s.title.starts_with("optional");
            (s, optional)
        })
        .collect();
    let stem = std::path::Path::new(display)
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    let mut path_params: Vec<String> = Vec::new();
    for endpoint in &endpoints {
        for segment in &endpoint.segments {
            if let Segment::Parameter { name } = segment {
                if !path_params.contains(name) {
                    path_params.push(name.clone());
                }
            }
        }
    }
    Some(Operation {
        id: format!("{version}/{stem}"),
        source: display.to_string(),
        title: page.title().map(plain).unwrap_or_default(),
        summary: summary(page),
        version,
        endpoints,
        path_params,
        query: query_params(&sections(page, |t| t.contains("query parameters"))),
        headers: headers(&header_sections),
        body: request_body(first_section(page, |t| t.starts_with("request body")).as_ref()),
        responses: documented_or_example_statuses(response_section.as_ref(), &examples),
        permissions: permissions(
            page,
            first_section(page, |t| {
                t.starts_with("permissions") || t.starts_with("prerequisites")
            })
            .as_ref(),
        ),
        examples,
    })
}

/// The statuses the Response section documents; when its prose names none, the statuses of the
/// examples' responses (without a resource: only prose names one).
fn documented_or_example_statuses(
    section: Option<&super::sections::Section<'_>>,
    examples: &[super::Example],
) -> Vec<super::ResponseSpec> {
    let documented = section.map(responses).unwrap_or_default();
    if !documented.is_empty() {
        return documented;
    }
    let mut statuses: Vec<u16> = Vec::new();
    for status in examples
        .iter()
        .filter_map(|e| Some(e.response.as_ref()?.status))
    {
        if !statuses.contains(&status) {
            statuses.push(status);
        }
    }
    statuses
        .into_iter()
        .map(|status| super::ResponseSpec {
            status,
            returns: None,
        })
        .collect()
}

/// Lower a resource page (or any page with enumeration tables) into types. API pages give
/// only their enumeration tables, if any.
pub fn lower_resource_page(
    page: &Page,
    default_version: Option<ApiVersion>,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<super::TypeDef>, Vec<super::EnumDef>) {
    if is_api_page(page) {
        return (Vec::new(), Vec::new());
    }
    let from_path = page.display.split(['/', '\\']).find_map(ApiVersion::parse);
    let version = from_path.or(default_version);
    let (types, enums) = super::types::lower_types(page, version.unwrap_or(ApiVersion::V1));
    if version.is_none() && !(types.is_empty() && enums.is_empty()) {
        diagnostics.push(Diagnostic::warning(
            Kind::UnknownVersion,
            &page.display,
            page.title_line(),
            "cannot tell the API version of this resource page from its path; assuming v1.0 (use --api-version)",
        ));
    }
    (types, enums)
}

/// The first paragraph after the H1 that is not the `Namespace:` line; else the front matter description.
fn summary(page: &Page) -> String {
    let after_title = page
        .blocks
        .iter()
        .skip_while(|b| !matches!(b.kind, BlockKind::Heading { level: 1, .. }))
        .skip(1)
        .take_while(|b| !matches!(b.kind, BlockKind::Heading { .. }));
    for block in after_title {
        if let BlockKind::Paragraph(text) = &block.kind {
            if !text.trim_start().starts_with("Namespace:") && !text.trim_start().starts_with('>') {
                return text.split_whitespace().collect::<Vec<_>>().join(" ");
            }
        }
    }
    page.front_matter
        .get("description")
        .cloned()
        .unwrap_or_default()
}

/// The API version: from the page's folder (`.../beta/...`), else the default given, else from
/// its example URLs.
fn version(
    page: &Page,
    default_version: Option<ApiVersion>,
    examples: &[super::Example],
    diagnostics: &mut Vec<Diagnostic>,
) -> ApiVersion {
    let from_path = page.display.split(['/', '\\']).find_map(ApiVersion::parse);
    let from_examples = || {
        examples
            .iter()
            .filter_map(|e| e.binding.as_ref()?.version.as_deref())
            .find_map(ApiVersion::parse)
    };
    from_path
        .or(default_version)
        .or_else(from_examples)
        .unwrap_or_else(|| {
            diagnostics.push(Diagnostic::warning(
                Kind::UnknownVersion,
                &page.display,
                page.title_line(),
                "cannot tell the API version from the path or the examples; assuming v1.0",
            ));
            ApiVersion::V1
        })
}
