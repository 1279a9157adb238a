//! Prerequisite expressions: what must hold before a module can be taken.
//!
//! An expression is a tree of `allOf`, `anyOf` and `atLeast` nodes over three kinds
//! of leaf: a module completed, a competency at or above a level, a score at least x
//! in a module. Every node may carry a localised `label`, which explanations use
//! instead of a generated description ("Avoir suivi un atelier d'idéation").

use serde::{Deserialize, Serialize};

use crate::read::locale::Text;

/// A prerequisite expression (the `type` field says which kind of node it is).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "camelCase", deny_unknown_fields)]
pub enum Expr {
    /// Every sub-expression holds.
    #[serde(rename_all = "camelCase")]
    AllOf {
        /// The sub-expressions.
        of: Vec<Expr>,
        /// How explanations name this node.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        label: Option<Text>,
    },
    /// At least one sub-expression holds.
    #[serde(rename_all = "camelCase")]
    AnyOf {
        /// The sub-expressions.
        of: Vec<Expr>,
        /// How explanations name this node.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        label: Option<Text>,
    },
    /// At least `k` of the sub-expressions hold.
    #[serde(rename_all = "camelCase")]
    AtLeast {
        /// How many must hold (1 ≤ k ≤ number of sub-expressions).
        k: u32,
        /// The sub-expressions.
        of: Vec<Expr>,
        /// How explanations name this node.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        label: Option<Text>,
    },
    /// A module has been completed (or is held by positioning).
    #[serde(rename_all = "camelCase")]
    Module {
        /// Id of the module.
        module: String,
        /// How explanations name this node.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        label: Option<Text>,
    },
    /// A competency is at or above a level.
    #[serde(rename_all = "camelCase")]
    Competency {
        /// Id of the competency.
        competency: String,
        /// Rank of the level on the competency's scale.
        level: u32,
        /// How explanations name this node.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        label: Option<Text>,
    },
    /// A module was completed with at least a score.
    #[serde(rename_all = "camelCase")]
    Score {
        /// Id of the module.
        module: String,
        /// Lowest score accepted, 0–100.
        min: f64,
        /// How explanations name this node.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        label: Option<Text>,
    },
}

impl Expr {
    /// The node's label, if it has one.
    pub fn label(&self) -> Option<&Text> {
        match self {
            Expr::AllOf { label, .. }
            | Expr::AnyOf { label, .. }
            | Expr::AtLeast { label, .. }
            | Expr::Module { label, .. }
            | Expr::Competency { label, .. }
            | Expr::Score { label, .. } => label.as_ref(),
        }
    }

    /// The sub-expressions of a group node (empty for a leaf).
    pub fn children(&self) -> &[Expr] {
        match self {
            Expr::AllOf { of, .. } | Expr::AnyOf { of, .. } | Expr::AtLeast { of, .. } => of,
            _ => &[],
        }
    }

    /// A leaf "module completed".
    pub fn module(id: impl Into<String>) -> Self {
        Expr::Module {
            module: id.into(),
            label: None,
        }
    }

    /// A node "all of".
    pub fn all_of(of: Vec<Expr>) -> Self {
        Expr::AllOf { of, label: None }
    }

    /// A node "any of".
    pub fn any_of(of: Vec<Expr>) -> Self {
        Expr::AnyOf { of, label: None }
    }
}
