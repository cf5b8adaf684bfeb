//! The decision-tree harness shared by MDO growth, MFA engagement and MDB growth.
//!
//! Each model ships a small tree written from field experience. When the workspace's history
//! holds enough labelled tenants (at least [`MIN_CLASS`] positives and negatives before the
//! validation cut, [`MIN_VALIDATION_CLASS`] after it), a tree of depth ≤ 3 is learned on the
//! older snapshots and compared with the shipped one on the most recent labelled snapshots; the
//! better one by ROC AUC is kept (the learned one is then refitted on every labelled row). Trees
//! are kept as plain nodes so a learned tree and a shipped one explain themselves the same way:
//! the path, in words.

use partner_advisor_learn as learn;
use serde::{Deserialize, Serialize};

use super::super::features::{dataset, Features};
use super::{figures_of, Fact};

/// Fewest positives (and negatives) to learn a tree from.
pub(crate) const MIN_CLASS: usize = 30;
/// Fewest positives (and negatives) in the validation snapshots to compare trees.
pub(crate) const MIN_VALIDATION_CLASS: usize = 10;
/// Share of the labelled snapshots (the most recent) used for validation.
pub(crate) const VALIDATION_FRACTION: f64 = 0.2;
/// Pseudo-rows at the base rate added to every learned leaf.
pub(crate) const LEAF_PRIOR_ROWS: f64 = 20.0;

/// A node of a shipped tree. A split sends values `<= threshold` and missing values left.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Node {
    /// A test on a numeric input.
    Split {
        feature: &'static str,
        threshold: f64,
        left: usize,
        right: usize,
    },
    /// A probability.
    Leaf(f64),
}

/// A tree written in code.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ShippedTree(pub &'static [Node]);

/// A node of a tree in use (shipped or learned).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "node", rename_all = "camelCase")]
pub(crate) enum TreeNode {
    /// Numeric test: `<= threshold` goes left; missing goes where `missing_left` says.
    Split {
        feature: String,
        threshold: f64,
        missing_left: bool,
        left: usize,
        right: usize,
    },
    /// A probability.
    Leaf { probability: f64 },
}

/// A readable tree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Tree {
    pub nodes: Vec<TreeNode>,
}

impl From<ShippedTree> for Tree {
    fn from(t: ShippedTree) -> Self {
        Tree {
            nodes: t
                .0
                .iter()
                .map(|n| match *n {
                    Node::Split {
                        feature,
                        threshold,
                        left,
                        right,
                    } => TreeNode::Split {
                        feature: feature.to_owned(),
                        threshold,
                        missing_left: true,
                        left,
                        right,
                    },
                    Node::Leaf(p) => TreeNode::Leaf { probability: p },
                })
                .collect(),
        }
    }
}

impl Tree {
    /// The probability for a tenant and the path that led to it.
    pub fn walk(&self, f: &Features) -> (f64, Vec<Fact>) {
        let mut path = Vec::new();
        let mut i = 0;
        for _ in 0..=self.nodes.len() {
            match &self.nodes[i] {
                TreeNode::Leaf { probability } => return (*probability, dedupe(path)),
                TreeNode::Split {
                    feature,
                    threshold,
                    missing_left,
                    left,
                    right,
                } => {
                    let v = f.numeric(feature);
                    let go_left = if v.is_nan() {
                        *missing_left
                    } else {
                        v <= *threshold
                    };
                    path.push(Fact::TreeStep {
                        feature: feature.clone(),
                        figures: figures_of(f, feature),
                        op: if v.is_nan() {
                            "missing".into()
                        } else if go_left {
                            "le".into()
                        } else {
                            "gt".into()
                        },
                        threshold: *threshold,
                        categories: Vec::new(),
                    });
                    i = if go_left { *left } else { *right };
                }
            }
        }
        (0.0, dedupe(path))
    }

    /// Probabilities for many tenants.
    pub fn predict(&self, rows: &[&Features]) -> Vec<f64> {
        rows.iter().map(|f| self.walk(f).0).collect()
    }

    /// Converts a learned tree. Leaf probabilities are shrunk towards the base rate by
    /// [`LEAF_PRIOR_ROWS`] pseudo-rows, so a small pure leaf does not claim certainty.
    fn from_learned(tree: &learn::DecisionTree, base_rate: f64) -> Self {
        Tree {
            nodes: tree
                .nodes()
                .iter()
                .map(|n| match n {
                    learn::TreeNode::Split {
                        feature,
                        rule,
                        missing_left,
                        left,
                        right,
                        ..
                    } => TreeNode::Split {
                        feature: feature.clone(),
                        // The trees are learned on numeric inputs only, so every rule is a threshold.
                        threshold: match rule {
                            learn::SplitRule::AtMost(t) => *t,
                            learn::SplitRule::OneOf(_) => f64::NAN,
                        },
                        missing_left: *missing_left,
                        left: *left,
                        right: *right,
                    },
                    learn::TreeNode::Leaf {
                        probability,
                        samples,
                    } => {
                        let n = *samples as f64;
                        TreeNode::Leaf {
                            probability: (probability * n + base_rate * LEAF_PRIOR_ROWS)
                                / (n + LEAF_PRIOR_ROWS),
                        }
                    }
                })
                .collect(),
        }
    }
}

/// The tree a model uses and how it was chosen.
#[derive(Debug, Clone)]
pub(crate) struct TreeChoice {
    pub tree: Tree,
    pub learned: bool,
    pub auc: Option<f64>,
    pub rows: usize,
    pub note: String,
}

/// Learns a tree where history allows and keeps it if it validates at least as well as the
/// shipped one. `times` orders the rows (snapshot index).
pub(crate) fn choose(
    rows: &[&Features],
    labels: &[bool],
    times: &[i64],
    inputs: &[&str],
    shipped: ShippedTree,
) -> TreeChoice {
    let shipped: Tree = shipped.into();
    let n = rows.len();
    let cut = super::ml::time_cut(times, VALIDATION_FRACTION);
    let is_val: Vec<bool> = times.iter().map(|t| *t >= cut).collect();
    let count = |val: bool, label: bool| {
        (0..n)
            .filter(|&i| is_val[i] == val && labels[i] == label)
            .count()
    };
    let (tp, tn, vp, vn) = (
        count(false, true),
        count(false, false),
        count(true, true),
        count(true, false),
    );
    let shipped_auc = if vp > 0 && vn > 0 {
        let (vr, vl): (Vec<&Features>, Vec<bool>) = (0..n)
            .filter(|&i| is_val[i])
            .map(|i| (rows[i], labels[i]))
            .unzip();
        Some(learn::metrics::roc_auc(&shipped.predict(&vr), &vl))
    } else {
        None
    };
    if tp < MIN_CLASS || tn < MIN_CLASS || vp < MIN_VALIDATION_CLASS || vn < MIN_VALIDATION_CLASS {
        return TreeChoice {
            tree: shipped,
            learned: false,
            auc: shipped_auc,
            rows: n,
            note: format!(
                "shipped tree: history too thin to learn one ({tp} positive and {tn} negative \
                 tenant-months before the validation cut, {vp} and {vn} after; {MIN_CLASS} and \
                 {MIN_VALIDATION_CLASS} needed)"
            ),
        };
    }
    let options = learn::TreeOptions {
        max_depth: 3,
        min_samples_leaf: (n / 50).max(20),
        ..learn::TreeOptions::default()
    };
    let base_rate = labels.iter().filter(|l| **l).count() as f64 / n.max(1) as f64;
    let fit = |idx: &[usize]| -> Option<Tree> {
        let sub: Vec<&Features> = idx.iter().map(|&i| rows[i]).collect();
        let lab: Vec<bool> = idx.iter().map(|&i| labels[i]).collect();
        let ds = dataset(&sub, inputs, &[]);
        learn::DecisionTree::fit(&ds, &lab, &options)
            .ok()
            .map(|t| Tree::from_learned(&t, base_rate))
    };
    let train_idx: Vec<usize> = (0..n).filter(|&i| !is_val[i]).collect();
    let val_idx: Vec<usize> = (0..n).filter(|&i| is_val[i]).collect();
    let Some(candidate) = fit(&train_idx) else {
        return TreeChoice {
            tree: shipped,
            learned: false,
            auc: shipped_auc,
            rows: n,
            note: "shipped tree: the learner could not fit a tree".into(),
        };
    };
    let vr: Vec<&Features> = val_idx.iter().map(|&i| rows[i]).collect();
    let vl: Vec<bool> = val_idx.iter().map(|&i| labels[i]).collect();
    let learned_auc = learn::metrics::roc_auc(&candidate.predict(&vr), &vl);
    let shipped_value = shipped_auc.unwrap_or(0.5);
    if learned_auc >= shipped_value {
        let all: Vec<usize> = (0..n).collect();
        let tree = fit(&all).unwrap_or(candidate);
        TreeChoice {
            tree,
            learned: true,
            auc: Some(learned_auc),
            rows: n,
            note: format!(
                "learned tree: validation AUC {learned_auc:.3} against the shipped tree's \
                 {shipped_value:.3}"
            ),
        }
    } else {
        TreeChoice {
            tree: shipped,
            learned: false,
            auc: shipped_auc,
            rows: n,
            note: format!(
                "shipped tree: it validates better ({shipped_value:.3}) than the learned one \
                 ({learned_auc:.3})"
            ),
        }
    }
}

/// A path may test the same input twice (a tighter threshold lower down); the sentence about the
/// customer's value is said once, where the input was first tested.
fn dedupe(path: Vec<Fact>) -> Vec<Fact> {
    let mut seen = std::collections::HashSet::new();
    path.into_iter()
        .filter(|f| match f {
            Fact::TreeStep { feature, .. } => seen.insert(feature.clone()),
            _ => true,
        })
        .collect()
}
