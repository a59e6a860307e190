//! The navigation tree of one API version: one node per URL position, operations on the nodes.

use super::names::{is_keyword, snake_case, upper_camel_case};
use super::shape::{is_action_segment, verb};
use crate::diagnostic::{Diagnostic, Kind};
use crate::ir::{ApiVersion, Operation, Part, Segment};
use std::collections::{BTreeMap, HashSet};

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
    /// The segment the step appends (as the first endpoint that reached it wrote it).
    pub(crate) segment: Segment,
    /// The child's index in `Tree::nodes`.
    pub(crate) node: usize,
    /// What the child matches: the lower-cased literal, `None` for a value, or the template's
    /// text with its values left out.
    key: Option<String>,
    /// The (operation, endpoint) whose path created the child, for diagnostics.
    origin: (usize, usize),
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
    pub(crate) action: Option<Segment>,
    /// Other pages that document the same endpoint: (operation index, endpoint index).
    pub(crate) also_documented: Vec<(usize, usize)>,
}

/// How to reach one endpoint of one operation from the root.
#[derive(Debug, Clone)]
pub(crate) struct Route {
    /// Navigation method names, each with the index of the endpoint segment it appends.
    pub(crate) steps: Vec<(String, usize)>,
    /// The operation method name at the end.
    pub(crate) method: String,
    /// The operation whose page shaped that method (another page may document the same endpoint).
    pub(crate) owner: usize,
    /// The segments the client sends, by endpoint segment index, as the tree spells them.
    pub(crate) segments: Vec<Segment>,
}

/// All nodes of one version (index 0 is the root) and the route of every endpoint.
#[derive(Debug, Clone)]
pub(crate) struct Tree {
    /// The nodes; children always come after their parent.
    pub(crate) nodes: Vec<Node>,
    /// Routes keyed by (operation index, endpoint index).
    pub(crate) routes: BTreeMap<(usize, usize), Route>,
    /// For each node, the node whose struct it uses: itself, or the first node with an identical
    /// subtree (`/me/contacts/{id}` and `/users/{id}/contacts/{id}` offer the same steps and
    /// operations, so they share one struct).
    pub(crate) shared_with: Vec<usize>,
    /// For each node with its own struct, the nodes that use it (itself first), in order.
    sharers: Vec<Vec<usize>>,
    /// The struct names the nodes use.
    type_names: HashSet<String>,
}

/// The name of the root struct of each version module.
pub(crate) const ROOT_TYPE: &str = "Graph";

/// The name of the navigation or action method for a segment: `contacts`, `as_user` for the
/// cast `microsoft.graph.user`, `range` for `range(address='{a}')`, `root_path` for
/// `root:/{item-path}:`, `role_template_id` for `roleTemplateId={id}`.
pub(crate) fn segment_method_name(segment: &Segment) -> String {
    let raw = match segment {
        Segment::Literal { value } => value.as_str(),
        Segment::Parameter { .. } => return "item".to_string(),
        Segment::Template { raw, .. } => raw.as_str(),
    };
    let unqualified = raw.strip_prefix("microsoft.graph.").unwrap_or(raw);
    let leading: String = unqualified
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '$' || *c == '.')
        .collect();
    let cast = raw.starts_with("microsoft.graph.") && !raw.contains('(');
    let name = snake_case(&leading);
    if cast {
        format!("as_{name}")
    } else if raw.contains(":/") {
        let base = if leading.is_empty() {
            "item".to_string()
        } else {
            name
        };
        format!("{base}_path")
    } else if leading.is_empty() {
        "item".to_string()
    } else {
        name
    }
}

/// What a child node matches, so that equal segments share one child.
fn child_key(segment: &Segment) -> Option<String> {
    match segment {
        Segment::Literal { value } => Some(value.to_ascii_lowercase()),
        Segment::Parameter { .. } => None,
        Segment::Template { parts, .. } => Some(
            parts
                .iter()
                .map(|p| match p {
                    Part::Text { text } => text.to_ascii_lowercase(),
                    Part::Value { .. } => "{}".to_string(),
                })
                .collect(),
        ),
    }
}

/// What the Rust code appending a segment depends on: a literal's spelling, nothing for a
/// single value (always `id`), a template's parts.
fn segment_code_key(segment: &Segment) -> String {
    match segment {
        Segment::Literal { value } => format!("L{value}"),
        Segment::Parameter { .. } => "P".to_string(),
        Segment::Template { parts, .. } => format!("T{parts:?}"),
    }
}

/// How a segment is shown in node docs: literals as written, values as `{name}`.
pub(crate) fn shown(segment: &Segment) -> String {
    match segment {
        Segment::Literal { value } => value.clone(),
        Segment::Parameter { name } => format!("{{{name}}}"),
        Segment::Template { raw, .. } => raw.clone(),
    }
}

impl Tree {
    /// Build the tree of `version` from the operations, reporting what had to be renamed.
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
            shared_with: Vec::new(),
            sharers: Vec::new(),
            type_names: HashSet::from([ROOT_TYPE.to_string()]),
        };
        for (op_index, operation) in operations.iter().enumerate() {
            if operation.version != version {
                continue;
            }
            for (endpoint_index, endpoint) in operation.endpoints.iter().enumerate() {
                // `.../` stands for "any number of levels": no single method can call that.
                if endpoint
                    .segments
                    .iter()
                    .any(|s| matches!(s, Segment::Literal { value } if value.starts_with("..")))
                {
                    diagnostics.push(Diagnostic::warning(
                        Kind::UnsupportedSegment,
                        &operation.source,
                        endpoint.line,
                        format!("`{} {}` has a `...` segment (any depth); no method is generated for it", endpoint.method, endpoint.path),
                    ));
                    continue;
                }
                tree.add(operation, op_index, endpoint_index, diagnostics);
            }
        }
        tree.report_escaped_names(operations, diagnostics);
        tree.shared_with = tree.identical_subtrees();
        tree.sharers = vec![Vec::new(); tree.nodes.len()];
        for (index, &class) in tree.shared_with.iter().enumerate() {
            tree.sharers[class].push(index);
        }
        tree
    }

    /// For each node, the first node whose subtree is identical: the same step methods to
    /// identical subtrees, appending the same segments, and the same operation methods. Nodes
    /// are compared bottom up, so a child's class is known before its parent's.
    fn identical_subtrees(&self) -> Vec<usize> {
        let mut shared_with: Vec<usize> = (0..self.nodes.len()).collect();
        let mut classes: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for index in (0..self.nodes.len()).rev() {
            let node = &self.nodes[index];
            let mut steps: Vec<String> = node
                .children
                .iter()
                .map(|c| {
                    format!(
                        "{}={}>{}",
                        c.method,
                        segment_code_key(&c.segment),
                        shared_with[c.node]
                    )
                })
                .collect();
            steps.sort();
            let mut methods: Vec<String> = node
                .operations
                .iter()
                .map(|m| {
                    let mut others: Vec<usize> =
                        m.also_documented.iter().map(|&(o, _)| o).collect();
                    others.sort_unstable();
                    others.dedup();
                    format!(
                        "{}={}:{}:{}:{others:?}",
                        m.name,
                        m.operation,
                        m.http_method,
                        m.action.as_ref().map_or_else(String::new, segment_code_key)
                    )
                })
                .collect();
            methods.sort();
            let signature = format!("{steps:?}{methods:?}");
            // The root is never shared: it alone has a constructor.
            if index == 0 {
                continue;
            }
            classes.entry(signature).or_default().push(index);
        }
        for members in classes.values() {
            let first = *members.iter().min().expect("a class has a member");
            for &member in members {
                shared_with[member] = first;
            }
        }
        shared_with
    }

    /// Whether node `index` has its own struct (no earlier node has an identical subtree).
    pub(crate) fn has_own_struct(&self, index: usize) -> bool {
        self.shared_with[index] == index
    }

    /// The nodes that use the struct of `index` (itself first).
    pub(crate) fn sharing(&self, index: usize) -> impl Iterator<Item = usize> + '_ {
        self.sharers[index].iter().copied()
    }

    fn add(
        &mut self,
        operation: &Operation,
        op_index: usize,
        endpoint_index: usize,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        let endpoint = &operation.endpoints[endpoint_index];
        let mut navigation: &[Segment] = &endpoint.segments;
        let mut action = None;
        if let Some((last, rest)) = endpoint.segments.split_last() {
            if is_action_segment(operation, last) {
                action = Some(last.clone());
                navigation = rest;
            }
        }
        let mut node = 0;
        let mut steps = Vec::new();
        let mut sent = Vec::new();
        let mut template = String::new();
        for (segment_index, segment) in navigation.iter().enumerate() {
            template.push('/');
            template.push_str(&shown(segment));
            let (child, method, spelled) =
                self.child(node, segment, &template, (op_index, endpoint_index));
            steps.push((method, segment_index));
            sent.push(spelled);
            node = child;
        }
        sent.extend(action.clone());
        let wanted = action
            .as_ref()
            .map_or_else(|| verb(operation, &endpoint.method), segment_method_name);
        let same_endpoint = |m: &OperationMethod| {
            m.http_method == endpoint.method
                && m.action.as_ref().map(child_key) == action.as_ref().map(child_key)
        };
        let existing = self.nodes[node]
            .operations
            .iter()
            .position(|m| m.operation == op_index && same_endpoint(m));
        let shared = self.nodes[node]
            .operations
            .iter()
            .position(|m| m.operation != op_index && same_endpoint(m));
        let mut owner = op_index;
        let name = match (existing, shared) {
            (Some(position), _) => {
                let method = &mut self.nodes[node].operations[position];
                method.endpoints.push(endpoint_index);
                method.name.clone()
            }
            (None, Some(position)) => {
                let method = &mut self.nodes[node].operations[position];
                method.also_documented.push((op_index, endpoint_index));
                owner = method.operation;
                diagnostics.push(Diagnostic::warning(
                    Kind::SharedEndpoint,
                    &operation.source,
                    endpoint.line,
                    format!(
                        "`{} {}` is also documented by another page; both use the method `{}`",
                        endpoint.method, endpoint.path, method.name
                    ),
                ));
                method.name.clone()
            }
            (None, None) => {
                // An overload of a function (`image(width=...)` beside `image`) is named by its
                // arguments before falling back to a number.
                let by_arguments = match &action {
                    Some(Segment::Template { parts, .. }) => {
                        let names: Vec<String> = parts
                            .iter()
                            .filter_map(|p| match p {
                                Part::Value { name, .. } => Some(snake_case(name)),
                                Part::Text { .. } => None,
                            })
                            .collect();
                        (!names.is_empty()).then(|| format!("{wanted}_{}", names.join("_")))
                    }
                    _ => None,
                };
                let first_choice = self.free_name(node, &wanted);
                let taken = first_choice != wanted;
                let name = match by_arguments {
                    Some(candidate) if taken => self.free_name(node, &candidate),
                    _ => first_choice,
                };
                if taken {
                    diagnostics.push(Diagnostic::warning(
                        Kind::NameCollision,
                        &operation.source,
                        endpoint.line,
                        format!(
                            "`{wanted}` on `{}` is already taken; `{} {}` gets the method `{name}`",
                            self.nodes[node].template, endpoint.method, endpoint.path
                        ),
                    ));
                }
                self.nodes[node].operations.push(OperationMethod {
                    name: name.clone(),
                    operation: op_index,
                    endpoints: vec![endpoint_index],
                    http_method: endpoint.method.clone(),
                    action,
                    also_documented: Vec::new(),
                });
                name
            }
        };
        self.routes.insert(
            (op_index, endpoint_index),
            Route {
                steps,
                method: name,
                owner,
                segments: sent,
            },
        );
    }

    /// The child of `parent` matching `segment`, created if needed; returns its index, its step
    /// method and the segment as the child spells it.
    fn child(
        &mut self,
        parent: usize,
        segment: &Segment,
        template: &str,
        origin: (usize, usize),
    ) -> (usize, String, Segment) {
        let key = child_key(segment);
        if let Some(child) = self.nodes[parent].children.iter().find(|c| c.key == key) {
            return (child.node, child.method.clone(), child.segment.clone());
        }
        let method = self.free_name(parent, &segment_method_name(segment));
        let suffix = upper_camel_case(&segment_method_name(segment));
        let wanted_type = if parent == 0 {
            suffix
        } else {
            format!("{}{suffix}", self.nodes[parent].type_name)
        };
        let type_name = self.free_type_name(&wanted_type);
        self.type_names.insert(type_name.clone());
        self.nodes.push(Node {
            type_name,
            template: template.to_string(),
            children: Vec::new(),
            operations: Vec::new(),
        });
        let index = self.nodes.len() - 1;
        self.nodes[parent].children.push(Child {
            method: method.clone(),
            segment: segment.clone(),
            node: index,
            key,
            origin,
        });
        (index, method, segment.clone())
    }

    /// Report step methods whose names had to be escaped: Rust keywords (written `r#ref`) and
    /// names starting with a digit (prefixed with `n`).
    fn report_escaped_names(&self, operations: &[Operation], diagnostics: &mut Vec<Diagnostic>) {
        for child in self.nodes.iter().flat_map(|n| &n.children) {
            let raw = match &child.segment {
                Segment::Literal { value } => value.as_str(),
                Segment::Template { raw, .. } => raw.as_str(),
                Segment::Parameter { .. } => continue,
            };
            let how = if is_keyword(&child.method) {
                format!(
                    "`{}` is a Rust keyword: the method is `r#{}`",
                    child.method, child.method
                )
            } else if raw
                .trim_start_matches('$')
                .starts_with(|c: char| c.is_ascii_digit())
            {
                format!(
                    "`{raw}` starts with a digit: the method is `{}`",
                    child.method
                )
            } else {
                continue;
            };
            let (op_index, endpoint_index) = child.origin;
            let operation = &operations[op_index];
            diagnostics.push(Diagnostic::warning(
                Kind::NameCollision,
                &operation.source,
                operation.endpoints[endpoint_index].line,
                format!("segment `{raw}`: {how}"),
            ));
        }
        for method in self.nodes.iter().flat_map(|n| &n.operations) {
            if !is_keyword(&method.name) {
                continue;
            }
            let operation = &operations[method.operation];
            let line = method
                .endpoints
                .first()
                .map_or(0, |&e| operation.endpoints[e].line);
            diagnostics.push(Diagnostic::warning(
                Kind::NameCollision,
                &operation.source,
                line,
                format!(
                    "`{}` is a Rust keyword: the method is `r#{}`",
                    method.name, method.name
                ),
            ));
        }
    }

    /// `wanted`, or `wanted_2`, `wanted_3`... whichever no method of `node` uses yet.
    fn free_name(&self, node: usize, wanted: &str) -> String {
        let node = &self.nodes[node];
        let taken = |name: &str| {
            node.children.iter().any(|c| c.method == name)
                || node.operations.iter().any(|o| o.name == name)
        };
        unique(wanted, "_", taken)
    }

    /// `wanted`, or `wanted2`, `wanted3`... whichever no node uses yet.
    fn free_type_name(&self, wanted: &str) -> String {
        unique(wanted, "", |name| self.type_names.contains(name))
    }
}

fn unique(wanted: &str, separator: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(wanted) {
        return wanted.to_string();
    }
    (2..)
        .map(|n| format!("{wanted}{separator}{n}"))
        .find(|name| !taken(name))
        .unwrap_or_else(|| wanted.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::lower_page;
    use crate::page::parse_page;

    fn tree_of(endpoints: &str) -> (Tree, Vec<Diagnostic>) {
        let text = format!(
            "# group: move\n\n## HTTP request\n\n```http\n{endpoints}\n```\n\n## Response\n\n`204 No Content`\n"
        );
        let (page, mut diagnostics) = parse_page("v1.0/api/x.md", &text);
        let operation = lower_page(&page, None, &mut diagnostics).expect("operation");
        let tree = Tree::build(ApiVersion::V1, &[operation], &mut diagnostics);
        (tree, diagnostics)
    }

    #[test]
    fn keywords_and_leading_digits_are_escaped_and_reported() {
        let (tree, diagnostics) =
            tree_of("POST /groups/{id}/members/$ref\nPOST /groups/{id}/move\nGET /2fa/status");
        let methods: Vec<&str> = tree
            .nodes
            .iter()
            .flat_map(|n| {
                n.children
                    .iter()
                    .map(|c| c.method.as_str())
                    .chain(n.operations.iter().map(|o| o.name.as_str()))
            })
            .collect();
        assert!(methods.contains(&"ref"), "{methods:?}");
        assert!(methods.contains(&"move"), "{methods:?}");
        assert!(methods.contains(&"n2fa"), "{methods:?}");
        let messages: Vec<&str> = diagnostics.iter().map(|d| d.message.as_str()).collect();
        assert!(
            messages
                .iter()
                .any(|m| m.contains("`ref` is a Rust keyword")),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.contains("`move` is a Rust keyword")),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.contains("`2fa` starts with a digit")),
            "{messages:?}"
        );
    }

    #[test]
    fn identical_subtrees_share_one_struct_and_different_ones_do_not() {
        let (tree, _) = tree_of(
            "POST /me/contacts/{id}/move\nPOST /users/{u}/contacts/{id}/move\nPOST /groups/{g}/contacts/{id}/move\nPOST /groups/{g}/contacts/{id}/extra/move",
        );
        let node_at = |path: &[&str]| {
            let mut node = 0;
            for step in path {
                let child = tree.nodes[node]
                    .children
                    .iter()
                    .find(|c| c.method == *step)
                    .unwrap_or_else(|| panic!("no step {step}"));
                node = child.node;
            }
            node
        };
        let me = node_at(&["me", "contacts", "item"]);
        let user = node_at(&["users", "item", "contacts", "item"]);
        let group = node_at(&["groups", "item", "contacts", "item"]);
        assert_ne!(me, user);
        assert_eq!(tree.shared_with[user], me);
        assert!(tree.has_own_struct(me) && !tree.has_own_struct(user));
        // `/groups/{g}/contacts/{id}/extra` offers just `move` too, whatever its path.
        let extra = node_at(&["groups", "item", "contacts", "item", "extra"]);
        assert_eq!(tree.sharing(me).collect::<Vec<_>>(), [me, user, extra]);
        // `/groups/{g}/contacts/{id}` also has the step `extra`: its own struct.
        assert!(tree.has_own_struct(group));
        assert!(tree.has_own_struct(0));
    }

    #[test]
    fn function_overloads_are_named_by_their_arguments() {
        let (tree, diagnostics) = tree_of(
            "GET /charts/{id}/image\nGET /charts/{id}/image(width={w})\nGET /charts/{id}/image(width={w},height={h})",
        );
        let names: Vec<&str> = tree
            .nodes
            .iter()
            .flat_map(|n| n.operations.iter().map(|o| o.name.as_str()))
            .collect();
        assert!(names.contains(&"image_w"), "{names:?}");
        assert!(names.contains(&"image_w_h"), "{names:?}");
        assert_eq!(
            diagnostics
                .iter()
                .filter(|d| d.kind == Kind::NameCollision)
                .count(),
            2
        );
    }
}
