//! Which cargo features (one per area: `contacts`, `mail`, `drive`...) switch on each generated
//! item, so that a crate built with one area compiles that area's paths and the models they use,
//! and nothing else.
//!
//! An operation method is in the areas of the endpoints that lead to it; a struct of the URL tree
//! in the areas of every method below it (over all the nodes that share it); a step method in the
//! areas of the struct it steps to; a model in the areas of every method that names it, directly
//! or through the properties of another model. Models no method uses belong to the `full`
//! feature, which also switches on every area and is the default.

use super::models::{BodyKind, ModelNames};
use super::shape::{response_kind, takes_body, ResponseKind};
use super::tree::Tree;
use crate::ir::Operation;
use proc_macro2::TokenStream;
use quote::quote;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// The feature that switches on every area and the models no area uses.
pub(crate) const FULL_FEATURE: &str = "full";

/// A set of areas.
pub(crate) type AreaSet = BTreeSet<String>;

/// The areas of every generated item of one version.
#[derive(Debug, Clone, Default)]
pub(crate) struct AreaPlan {
    /// Every area of the crate: an item in all of them needs no `cfg`.
    all: AreaSet,
    /// Per node (meaningful for nodes with their own struct): the areas of its struct.
    nodes: Vec<AreaSet>,
    /// Per (node with its own struct, operation method name): the method's areas.
    methods: BTreeMap<(usize, String), AreaSet>,
    /// Per model Rust name: its areas (empty: only `full`).
    models: BTreeMap<String, AreaSet>,
    /// Whether items get `cfg` attributes (a crate with features), or none (a module generated
    /// for a build script, whose areas were chosen when generating).
    gated: bool,
    /// Whether models no operation method uses are left out (when only some areas are
    /// generated).
    prune_unused: bool,
}

impl AreaPlan {
    /// Work out the areas of the tree's structs and methods and of the models they use; `all` is
    /// every area of the crate (of every version).
    pub(crate) fn new(
        tree: &Tree,
        operations: &[Operation],
        names: &ModelNames<'_>,
        all: &AreaSet,
    ) -> Self {
        let mut plan = AreaPlan {
            all: all.clone(),
            nodes: vec![AreaSet::new(); tree.nodes.len()],
            gated: true,
            ..AreaPlan::default()
        };
        // Children come after their parents: walking backwards sees every subtree first.
        for index in (0..tree.nodes.len()).rev() {
            let node = &tree.nodes[index];
            let mut areas = AreaSet::new();
            for method in &node.operations {
                let operation = &operations[method.operation];
                let own = method.endpoints.iter().map(|&e| &operation.endpoints[e]);
                let others = method
                    .also_documented
                    .iter()
                    .map(|&(o, e)| &operations[o].endpoints[e]);
                let method_areas: AreaSet = own.chain(others).map(|e| e.area.clone()).collect();
                areas.extend(method_areas.iter().cloned());
                plan.methods
                    .entry((tree.shared_with[index], method.name.clone()))
                    .or_default()
                    .extend(method_areas);
            }
            for child in &node.children {
                areas.extend(plan.nodes[child.node].iter().cloned());
            }
            plan.nodes[index] = areas;
        }
        // A shared struct serves every node that uses it.
        for index in 0..tree.nodes.len() {
            let class = tree.shared_with[index];
            if class != index {
                let areas = plan.nodes[index].clone();
                plan.nodes[class].extend(areas);
            }
        }
        plan.models = model_areas(tree, operations, names, &plan.methods);
        plan
    }

    /// The same plan, giving no `cfg` attributes at all.
    pub(crate) fn ungated(mut self) -> Self {
        self.gated = false;
        self
    }

    /// The same plan, leaving out the models no method uses when `prune` is set.
    pub(crate) fn prune_unused(mut self, prune: bool) -> Self {
        self.prune_unused = prune;
        self
    }

    /// Whether the model `rust_name` is generated: it is, unless unused models are left out and
    /// no method uses it (directly or through another model).
    pub(crate) fn emits_model(&self, rust_name: &str) -> bool {
        !self.prune_unused || self.models.get(rust_name).is_some_and(|a| !a.is_empty())
    }

    /// The inner attribute that quiets imports some feature sets leave unused (nothing when
    /// ungated).
    pub(crate) fn allow_unused_imports(&self) -> TokenStream {
        if self.gated {
            quote!(#![cfg_attr(not(feature = #FULL_FEATURE), allow(unused_imports))])
        } else {
            TokenStream::new()
        }
    }

    /// The features that switch on the struct of node `index` (none: always there).
    pub(crate) fn node_features(&self, index: usize) -> Vec<String> {
        self.areas_features(&self.nodes[index])
    }

    /// The features of a step from the struct of node `from` to the struct of node `to`: none
    /// when the target is there whenever the step's struct is.
    pub(crate) fn step_features(&self, from: usize, to: usize) -> Vec<String> {
        self.features_within(&self.nodes[to], &self.nodes[from])
    }

    /// The features of the operation method `name` of the struct of node `index`: none when
    /// the method is in every area of its struct.
    pub(crate) fn method_features(&self, index: usize, name: &str) -> Vec<String> {
        self.methods
            .get(&(index, name.to_string()))
            .map_or_else(Vec::new, |areas| {
                self.features_within(areas, &self.nodes[index])
            })
    }

    /// The features that switch on the model `rust_name`: none when it is always there, `full`
    /// when no method uses it.
    pub(crate) fn model_features(&self, rust_name: &str) -> Vec<String> {
        match self.models.get(rust_name) {
            Some(areas) if !areas.is_empty() => self.areas_features(areas),
            _ if self.gated => vec![FULL_FEATURE.to_string()],
            _ => Vec::new(),
        }
    }

    /// The features of an item with `areas` inside an item with `outer` areas (already
    /// switched off outside them).
    fn features_within(&self, areas: &AreaSet, outer: &AreaSet) -> Vec<String> {
        if areas.is_superset(outer) {
            Vec::new()
        } else {
            self.areas_features(areas)
        }
    }

    /// The features of an item needed by any of `areas` (a struct, a model, a test): none when
    /// ungated, when that is every area or when none is known.
    pub(crate) fn areas_features(&self, areas: &AreaSet) -> Vec<String> {
        if !self.gated || areas.is_empty() || *areas == self.all {
            Vec::new()
        } else {
            areas.iter().cloned().collect()
        }
    }
}

/// The areas of each model: the union of the areas of the methods that name it, passed on to
/// the models its properties use.
fn model_areas(
    tree: &Tree,
    operations: &[Operation],
    names: &ModelNames<'_>,
    methods: &BTreeMap<(usize, String), AreaSet>,
) -> BTreeMap<String, AreaSet> {
    let mut models: BTreeMap<String, AreaSet> = BTreeMap::new();
    for (index, node) in tree.nodes.iter().enumerate() {
        if !tree.has_own_struct(index) {
            continue;
        }
        for method in &node.operations {
            let Some(areas) = methods.get(&(index, method.name.clone())) else {
                continue;
            };
            let operation = &operations[method.operation];
            let mut named: Vec<String> = Vec::new();
            match response_kind(operation, names) {
                ResponseKind::Model(name) | ResponseKind::Page(name) => named.push(name),
                _ => {}
            }
            match names.body_kind(method.operation, operation, takes_body(operation)) {
                BodyKind::Model(name) | BodyKind::Parameters(name) => named.push(name),
                BodyKind::None | BodyKind::Any => {}
            }
            for name in named {
                models
                    .entry(name)
                    .or_default()
                    .extend(areas.iter().cloned());
            }
        }
    }
    // Pass areas down property types until nothing changes (models may refer to each other
    // in cycles).
    let all: Vec<&str> = names.all_names().collect();
    let uses: BTreeMap<&str, Vec<&str>> = all
        .par_iter()
        .map(|&name| (name, names.used_by(name)))
        .collect();
    let mut pending: Vec<String> = models.keys().cloned().collect();
    while let Some(name) = pending.pop() {
        let areas = models.get(&name).cloned().unwrap_or_default();
        for &used in uses.get(name.as_str()).into_iter().flatten() {
            let entry = models.entry(used.to_string()).or_default();
            let before = entry.len();
            entry.extend(areas.iter().cloned());
            if entry.len() != before {
                pending.push(used.to_string());
            }
        }
    }
    models
}
