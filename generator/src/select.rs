//! Keeping part of a spec: some API versions, some areas (resource families).

use crate::ir::{ApiVersion, Spec};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// An area asked for that no endpoint of the pages has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownArea {
    /// The area asked for.
    pub area: String,
    /// The areas the pages have.
    pub known: Vec<String>,
}

impl fmt::Display for UnknownArea {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the pages have no area `{}`; their areas are: {}",
            self.area,
            self.known.join(", ")
        )
    }
}

impl std::error::Error for UnknownArea {}

/// Every area of the spec's endpoints.
pub fn areas(spec: &Spec) -> BTreeSet<String> {
    spec.operations
        .iter()
        .flat_map(|o| &o.endpoints)
        .map(|e| e.area.clone())
        .collect()
}

/// Keeps the versions in `versions` and the endpoints in `areas` (an empty set keeps all).
/// Operations left with no endpoint go; examples of endpoints that went go too, the others are
/// re-pointed at their endpoint's new index. Types and enumerations of other versions go.
pub fn keep(
    spec: &mut Spec,
    versions: &BTreeSet<ApiVersion>,
    areas_kept: &BTreeSet<String>,
) -> Result<(), UnknownArea> {
    let known = areas(spec);
    if let Some(area) = areas_kept.iter().find(|a| !known.contains(*a)) {
        return Err(UnknownArea {
            area: area.clone(),
            known: known.into_iter().collect(),
        });
    }
    let version_kept = |v: &ApiVersion| versions.is_empty() || versions.contains(v);
    spec.types.retain(|t| version_kept(&t.version));
    spec.enums.retain(|e| version_kept(&e.version));
    spec.operations.retain(|o| version_kept(&o.version));
    if areas_kept.is_empty() {
        return Ok(());
    }
    for operation in &mut spec.operations {
        let mut new_index = BTreeMap::new();
        let mut kept = Vec::new();
        for (old, endpoint) in std::mem::take(&mut operation.endpoints)
            .into_iter()
            .enumerate()
        {
            if areas_kept.contains(&endpoint.area) {
                new_index.insert(old, kept.len());
                kept.push(endpoint);
            }
        }
        operation.endpoints = kept;
        operation
            .examples
            .retain_mut(|example| match &mut example.binding {
                Some(binding) => match new_index.get(&binding.endpoint) {
                    Some(&index) => {
                        binding.endpoint = index;
                        true
                    }
                    None => false,
                },
                None => true,
            });
    }
    spec.operations.retain(|o| !o.endpoints.is_empty());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::lower_page;
    use crate::page::parse_page;

    fn spec_of(endpoints: &str) -> Spec {
        let text = format!(
            "# list things\n\n## HTTP request\n\n```http\n{endpoints}\n```\n\n## Response\n\n`204 No Content`\n\n## Example\n\n<!-- {{\"blockType\": \"request\", \"name\": \"one\"}} -->\n```http\nGET https://graph.microsoft.com/v1.0/me/contacts\n```\n\n<!-- {{\"blockType\": \"response\"}} -->\n```http\nHTTP/1.1 204 No Content\n```\n"
        );
        let (page, mut diagnostics) = parse_page("v1.0/api/x.md", &text);
        let operation = lower_page(&page, None, &mut diagnostics).expect("operation");
        Spec {
            pages_read: 1,
            operations: vec![operation],
            types: Vec::new(),
            enums: Vec::new(),
            diagnostics,
        }
    }

    #[test]
    fn endpoints_of_other_areas_go_and_examples_follow_their_endpoint() {
        let mut spec = spec_of("GET /drives/{id}/items\nGET /me/contacts");
        assert_eq!(
            spec.operations[0].examples[0]
                .binding
                .as_ref()
                .map(|b| b.endpoint),
            Some(1)
        );
        keep(
            &mut spec,
            &BTreeSet::new(),
            &BTreeSet::from(["contacts".to_string()]),
        )
        .unwrap();
        let operation = &spec.operations[0];
        assert_eq!(operation.endpoints.len(), 1);
        assert_eq!(operation.endpoints[0].path, "/me/contacts");
        assert_eq!(
            operation.examples[0].binding.as_ref().map(|b| b.endpoint),
            Some(0)
        );

        let mut spec = spec_of("GET /drives/{id}/items\nGET /me/contacts");
        keep(
            &mut spec,
            &BTreeSet::new(),
            &BTreeSet::from(["drive".to_string()]),
        )
        .unwrap();
        assert!(spec.operations[0].examples.is_empty(), "its endpoint went");
    }

    #[test]
    fn versions_and_unknown_areas() {
        let mut spec = spec_of("GET /me/contacts");
        let error = keep(
            &mut spec,
            &BTreeSet::new(),
            &BTreeSet::from(["mail".to_string()]),
        )
        .unwrap_err();
        assert_eq!(error.known, ["contacts"]);
        keep(
            &mut spec,
            &BTreeSet::from([ApiVersion::Beta]),
            &BTreeSet::new(),
        )
        .unwrap();
        assert!(spec.operations.is_empty());
    }
}
