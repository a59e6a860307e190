//! Permission tables: inline in the Permissions section, or in an included permissions file.

use super::sections::Section;
use super::text::plain;
use super::Permission;
use crate::page::{BlockKind, Page};

/// The permissions of the section's inline tables and of the page's resolved permission includes.
pub(crate) fn permissions(page: &Page, section: Option<&Section<'_>>) -> Vec<Permission> {
    let mut found = Vec::new();
    if let Some(section) = section {
        for (header, rows) in section.tables() {
            found.extend(from_table(header, rows));
        }
    }
    for include in &page.includes {
        for block in &include.page.blocks {
            if let BlockKind::Table { header, rows } = &block.kind {
                found.extend(from_table(header, rows));
            }
        }
    }
    found
}

/// Rows of one table. Three columns give least and higher privileged permissions;
/// two columns list them "from least to most privileged".
fn from_table(header: &[String], rows: &[Vec<String>]) -> Vec<Permission> {
    let is_permission_table = header
        .first()
        .is_some_and(|h| plain(h).to_ascii_lowercase().starts_with("permission type"));
    if !is_permission_table {
        return Vec::new();
    }
    rows.iter()
        .filter_map(|row| {
            let kind = plain(row.first()?);
            let listed = names(row.get(1).map_or("", String::as_str));
            let (least_privileged, higher_privileged) = if header.len() >= 3 {
                (listed, names(row.get(2).map_or("", String::as_str)))
            } else {
                let mut rest = listed;
                let least = if rest.is_empty() {
                    Vec::new()
                } else {
                    vec![rest.remove(0)]
                };
                (least, rest)
            };
            Some(Permission {
                kind,
                least_privileged,
                higher_privileged,
            })
        })
        .collect()
}

/// Permission names in a cell; prose such as "Not supported." is not a name.
fn names(cell: &str) -> Vec<String> {
    plain(cell)
        .split(',')
        .map(str::trim)
        .filter(|name| !name.is_empty() && !name.contains(' ') && !name.ends_with('.'))
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn two_column_tables_list_least_first() {
        let header = strings(&[
            "Permission type",
            "Permissions (from least to most privileged)",
        ]);
        let rows = vec![
            strings(&["Application", "Contacts.Read, Contacts.ReadWrite"]),
            strings(&["Delegated (personal Microsoft account)", "Not supported."]),
        ];
        let found = from_table(&header, &rows);
        assert_eq!(found[0].least_privileged, strings(&["Contacts.Read"]));
        assert_eq!(found[0].higher_privileged, strings(&["Contacts.ReadWrite"]));
        assert!(found[1].least_privileged.is_empty());
    }

    #[test]
    fn three_column_tables_split_least_and_higher() {
        let header = strings(&[
            "Permission type",
            "Least privileged permissions",
            "Higher privileged permissions",
        ]);
        let rows = vec![strings(&[
            "Application",
            "Contacts.ReadWrite",
            "Not available.",
        ])];
        let found = from_table(&header, &rows);
        assert_eq!(found[0].least_privileged, strings(&["Contacts.ReadWrite"]));
        assert!(found[0].higher_privileged.is_empty());
    }
}
