//! Request example names must be unique in the doc set (ApiDoctor's `DuplicateMethodIdentifier`).

use crate::diagnostic::{Diagnostic, Kind};
use crate::ir::Spec;
use std::collections::HashMap;

/// A warning for each request example whose `name` an earlier one (by page, then line) already
/// has, naming where the first one is. Unnamed examples are not compared.
pub(super) fn duplicate_names(spec: &Spec) -> Vec<Diagnostic> {
    let mut first: HashMap<&str, (&str, u32)> = HashMap::new();
    let mut findings = Vec::new();
    for operation in &spec.operations {
        for example in &operation.examples {
            let Some(name) = example.name.as_deref().filter(|n| !n.trim().is_empty()) else {
                continue;
            };
            let place = (operation.source.as_str(), example.line);
            match first.get(name) {
                Some((file, line)) => findings.push(Diagnostic::warning(
                    Kind::DuplicateExampleName,
                    &operation.source,
                    example.line,
                    format!("request example name `{name}` is already used at {file}:{line}"),
                )),
                None => {
                    first.insert(name, place);
                }
            }
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{page, request, response, spec};
    use super::duplicate_names;
    use crate::diagnostic::Kind;

    fn example(name: &str) -> String {
        request(name, "GET https://graph.microsoft.com/v1.0/me") + &response("HTTP/1.1 200 OK")
    }

    #[test]
    fn a_name_used_again_on_the_same_page_and_on_another_page_is_reported_at_each_later_use() {
        let a = page(&(example("get_me") + &example("get_me_again") + &example("get_me")));
        let b = page(&(example("get_me") + &example("unique")));
        let spec = spec(&[("v1.0/api/b.md", &b), ("v1.0/api/a.md", &a)]);
        let findings = duplicate_names(&spec);
        let places: Vec<(&str, u32, Kind)> = findings
            .iter()
            .map(|d| (d.file.as_str(), d.line, d.kind))
            .collect();
        assert_eq!(
            places,
            [
                ("v1.0/api/a.md", 37, Kind::DuplicateExampleName),
                ("v1.0/api/b.md", 17, Kind::DuplicateExampleName),
            ],
            "{findings:#?}"
        );
        assert!(findings.iter().all(|d| d
            .message
            .contains("`get_me` is already used at v1.0/api/a.md:17")));
    }

    #[test]
    fn unnamed_and_distinct_examples_are_fine() {
        let unnamed = "<!-- { \"blockType\": \"request\" } -->\n```http\nGET /me\n```\n\n";
        let text = page(&format!(
            "{unnamed}{unnamed}{}{}",
            example("x"),
            example("y")
        ));
        assert_eq!(duplicate_names(&spec(&[("v1.0/api/a.md", &text)])), []);
    }
}
