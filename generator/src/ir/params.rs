//! Query parameters and request headers, from their sections' tables (or prose).

use super::sections::Section;
use super::text::plain;
use super::{HeaderParam, QueryParam};
use regex::Regex;
use std::sync::LazyLock;

static QUERY_NAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\$[A-Za-z]+").expect("valid regex"));

/// Query parameter names from tables (first column) or, without a table, the `$options` named in prose.
pub(crate) fn query_params(sections: &[Section<'_>]) -> Vec<QueryParam> {
    let mut names: Vec<String> = Vec::new();
    for section in sections {
        let mut from_tables = false;
        for (_, rows) in section.tables() {
            from_tables = true;
            names.extend(rows.iter().filter_map(|row| row.first()).map(|c| plain(c)));
        }
        if !from_tables {
            let prose = section.prose();
            names.extend(QUERY_NAME.find_iter(&prose).map(|m| m.as_str().to_string()));
        }
    }
    let mut unique: Vec<String> = Vec::new();
    for name in names {
        if !name.is_empty() && !unique.contains(&name) {
            unique.push(name);
        }
    }
    unique.into_iter().map(|name| QueryParam { name }).collect()
}

/// Request headers from the tables of the header sections. `optional_section` marks sections
/// whose headers are all optional ("Optional request headers").
pub(crate) fn headers(sections: &[(Section<'_>, bool)]) -> Vec<HeaderParam> {
    let mut headers: Vec<HeaderParam> = Vec::new();
    for (section, optional_section) in sections {
        for (_, rows) in section.tables() {
            for row in rows {
                let Some(name) = row.first().map(|c| plain(c)) else {
                    continue;
                };
                let name = name
                    .split(':')
                    .next()
                    .unwrap_or_default()
                    .trim()
                    .to_string();
                if name.is_empty() || headers.iter().any(|h| h.name.eq_ignore_ascii_case(&name)) {
                    continue;
                }
                let description = row.last().map(|c| plain(c)).unwrap_or_default();
                let lower = description.to_ascii_lowercase();
                let required =
                    !optional_section && lower.contains("required") && !lower.contains("optional");
                headers.push(HeaderParam {
                    name,
                    description,
                    required,
                });
            }
        }
    }
    headers
}
