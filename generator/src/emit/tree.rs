//! The navigation tree of one API version: one node per URL position, operations on the nodes.

use super::names::{snake_case, upper_camel_case};
use super::shape::{is_action_segment, verb};
use crate::diagnostic::{Diagnostic, Kind};
use crate::ir::{ApiVersion, Operation, Segment};
use std::collections::BTreeMap;

/// A position in the URL tree, which becomes one generated struct.
#[derive(Debug, Clone)]
pub(crate) struct Node {
    /// The struct name.
    pub(crate) type_name: String,
    /// The path template of the first endpoint that reached this node, for its docs.
    pub(crate) template: String,
    /// Navigation steps to child nodes.
    pub(crate) children: Vec<Child>,
    /// Operations callable on this node.
    pub(crate) operations: Vec<OperationMethod>,
}

/// A navigation step from a node to a child.
#[derive(Debug, Clone)]
pub(crate) struct Child {
    /// The method name.
    pub(crate) method: String,
    /// `Some(literal)` for a fixed segment, `None` for a caller-supplied value.
    pub(crate) literal: Option<String>,
    /// The child's index in `Tree::nodes`.
    pub(crate) node: usize,
    /// Lower-cased literal, or `None` for a value: what the child matches.
    key: Option<String>,
}

/// An operation as a method of a node.
#[derive(Debug, Clone)]
pub(crate) struct OperationMethod {
    /// The method name.
    pub(crate) name: String,
    /// The operation's index in `Spec::operations`.
    pub(crate) operation: usize,
    /// The operation's endpoints that lead here.
    pub(crate) endpoints: Vec<usize>,
    /// The HTTP method.
    pub(crate) http_method: String,
    /// The action or function segment appended to the node's path, if any.
    pub(crate) action: Option<String>,
}

/// How to reach one endpoint of one operation from the root.
#[derive(Debug, Clone)]
pub(crate) struct Route {
    /// Navigation method names with, for value steps, the index of the endpoint segment they fill.
    pub(crate) steps: Vec<(String, Option<usize>)>,
    /// The operation method name at the end.
    pub(crate) method: String,
}

/// All nodes of one version (index 0 is the root) and the route of every endpoint.
#[derive(Debug, Clone)]
pub(crate) struct Tree {
    /// The nodes; children always come after their parent.
    pub(crate) nodes: Vec<Node>,
    /// Routes keyed by (operation index, endpoint index).
    pub(crate) routes: BTreeMap<(usize, usize), Route>,
}

/// The name of the root struct of each version module.
pub(crate) const ROOT_TYPE: &str = "Graph";

impl Tree {
    /// Build the tree of `version` from the operations, reporting what had to be renamed or left out.
    pub(crate) fn build(
        version: ApiVersion,
        operations: &[Operation],
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Tree {
        let mut tree = Tree {
            nodes: vec![Node {
                type_name: ROOT_TYPE.to_string(),
                template: String::new(),
                children: Vec::new(),
                operations: Vec::new(),
            }],
            routes: BTreeMap::new(),
        };
        for (op_index, operation) in operations.iter().enumerate() {
            if operation.version != version {
                continue;
            }
            for (endpoint_index, endpoint) in operation.endpoints.iter().enumerate() {
                if let Some(Segment::Other { raw }) = endpoint
                    .segments
                    .iter()
                    .find(|s| matches!(s, Segment::Other { .. }))
                {
                    diagnostics.push(Diagnostic::warning(
                        Kind::UnsupportedSegment, &operation.source,
                        endpoint.line,
                        format!("endpoint `{} {}` has a segment docgen cannot call yet (`{raw}`); no method generated for it", endpoint.method, endpoint.path),
                    ));
                    continue;
                }
                tree.add(operation, op_index, endpoint_index, diagnostics);
            }
        }
        tree
    }

    fn add(
        &mut self,
        operation: &Operation,
        op_index: usize,
        endpoint_index: usize,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        let endpoint = &operation.endpoints[endpoint_index];
        let mut segments: &[Segment] = &endpoint.segments;
        let mut action = None;
        if let Some((Segment::Literal { value }, rest)) = segments.split_last() {
            if is_action_segment(operation, value) {
                action = Some(value.clone());
                segments = rest;
            }
        }
        let mut node = 0;
        let mut steps = Vec::new();
        let mut template = String::new();
        for (segment_index, segment) in segments.iter().enumerate() {
            let (key, literal, shown) = match segment {
                Segment::Literal { value } => (
                    Some(value.to_ascii_lowercase()),
                    Some(value.clone()),
                    value.clone(),
                ),
                Segment::Parameter { name } => (None, None, format!("{{{name}}}")),
                Segment::Other { raw } => (
                    Some(raw.to_ascii_lowercase()),
                    Some(raw.clone()),
                    raw.clone(),
                ),
            };
            template.push('/');
            template.push_str(&shown);
            let (child, method) = self.child(node, key, literal, &template);
            let value_index = matches!(segment, Segment::Parameter { .. }).then_some(segment_index);
            steps.push((method, value_index));
            node = child;
        }
        let wanted = action
            .as_deref()
            .map_or_else(|| verb(operation, &endpoint.method), snake_case);
        let existing = self.nodes[node]
            .operations
            .iter()
            .position(|m| m.operation == op_index && m.http_method == endpoint.method);
        let name = match existing {
            Some(position) => {
                let method = &mut self.nodes[node].operations[position];
                method.endpoints.push(endpoint_index);
                method.name.clone()
            }
            None => {
                let name = self.free_name(node, &wanted);
                if name != wanted {
                    diagnostics.push(Diagnostic::warning(
                        Kind::NameCollision, &operation.source,
                        endpoint.line,
                        format!("`{}` on `{}` is already taken; this endpoint's method is named `{name}`", wanted, self.nodes[node].template),
                    ));
                }
                self.nodes[node].operations.push(OperationMethod {
                    name: name.clone(),
                    operation: op_index,
                    endpoints: vec![endpoint_index],
                    http_method: endpoint.method.clone(),
                    action,
                });
                name
            }
        };
        self.routes.insert(
            (op_index, endpoint_index),
            Route {
                steps,
                method: name,
            },
        );
    }

    /// The child of `parent` matching `key`, created if needed; returns its index and step method.
    fn child(
        &mut self,
        parent: usize,
        key: Option<String>,
        literal: Option<String>,
        template: &str,
    ) -> (usize, String) {
        if let Some(child) = self.nodes[parent].children.iter().find(|c| c.key == key) {
            return (child.node, child.method.clone());
        }
        let method = self.free_name(
            parent,
            &literal
                .as_deref()
                .map_or_else(|| "item".to_string(), snake_case),
        );
        let suffix = literal
            .as_deref()
            .map_or_else(|| "Item".to_string(), upper_camel_case);
        let wanted_type = if parent == 0 {
            suffix
        } else {
            format!("{}{suffix}", self.nodes[parent].type_name)
        };
        let type_name = self.free_type_name(&wanted_type);
        self.nodes.push(Node {
            type_name,
            template: template.to_string(),
            children: Vec::new(),
            operations: Vec::new(),
        });
        let index = self.nodes.len() - 1;
        self.nodes[parent].children.push(Child {
            method: method.clone(),
            literal,
            node: index,
            key,
        });
        (index, method)
    }

    /// `wanted`, or `wanted_2`, `wanted_3`... whichever no method of `node` uses yet.
    fn free_name(&self, node: usize, wanted: &str) -> String {
        let node = &self.nodes[node];
        let taken = |name: &str| {
            node.children.iter().any(|c| c.method == name)
                || node.operations.iter().any(|o| o.name == name)
        };
        unique(wanted, taken)
    }

    /// `wanted`, or `wanted2`, `wanted3`... whichever no node uses yet.
    fn free_type_name(&self, wanted: &str) -> String {
        unique(wanted, |name| {
            self.nodes.iter().any(|n| n.type_name == name)
        })
    }
}

fn unique(wanted: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(wanted) {
        return wanted.to_string();
    }
    (2..)
        .map(|n| {
            if wanted.ends_with(|c: char| c.is_ascii_digit())
                || wanted.chars().next().is_some_and(char::is_uppercase)
            {
                format!("{wanted}{n}")
            } else {
                format!("{wanted}_{n}")
            }
        })
        .find(|name| !taken(name))
        .unwrap_or_else(|| wanted.to_string())
}
