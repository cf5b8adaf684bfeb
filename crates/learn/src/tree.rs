//! A single readable classification tree (CART, Gini impurity), learned from data or written by
//! hand with [`DecisionTree::from_nodes`].
//!
//! Nodes refer to features by name, so a tree scores any [`Dataset`] with those columns. A split
//! is `value ≤ threshold` (numeric) or `value ∈ levels` (categorical); listed levels go left and
//! every other level, including one never seen, goes right; a missing value goes the side the node
//! says (`missing_left`), learned as the side that gains more. Categorical splits are exact: the
//! levels are ordered by positive rate and the best prefix is taken (optimal for two classes,
//! Breiman et al. 1984). Numeric thresholds are midpoints between training values (binned into at
//! most 255 quantile bins when a feature has more distinct values).

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::binning::{BinMapper, BinnedRows};
use crate::dataset::{Column, Dataset, Value, MISSING_CODE};
use crate::error::{LearnError, Result};
use crate::schema::{FeatureKind, Schema};

/// Settings of [`DecisionTree::fit`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TreeOptions {
    /// Most levels of splits below the root.
    pub max_depth: usize,
    /// Least rows in a leaf.
    pub min_samples_leaf: usize,
    /// Least weighted Gini decrease of a split (`rows_node / rows_total × decrease`).
    pub min_gain: f64,
}

impl Default for TreeOptions {
    fn default() -> Self {
        Self {
            max_depth: 4,
            min_samples_leaf: 20,
            min_gain: 0.0,
        }
    }
}

/// The condition of a split node.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SplitRule {
    /// A number at most this threshold goes left.
    AtMost(f64),
    /// A category among these levels goes left.
    OneOf(Vec<String>),
}

impl std::fmt::Display for SplitRule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SplitRule::AtMost(t) => write!(f, "≤ {t}"),
            SplitRule::OneOf(levels) => write!(f, "in {{{}}}", levels.join(", ")),
        }
    }
}

/// A node of a [`DecisionTree`]; node 0 is the root.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TreeNode {
    /// A test on one feature.
    Split {
        /// The feature (column name).
        feature: String,
        /// The condition for going left.
        rule: SplitRule,
        /// Where a missing value goes.
        missing_left: bool,
        /// Index of the left child.
        left: usize,
        /// Index of the right child.
        right: usize,
        /// Training rows that reached the node (0 when unknown).
        samples: usize,
    },
    /// An outcome.
    Leaf {
        /// The probability of the positive class.
        probability: f64,
        /// Training rows that reached the leaf (0 when unknown).
        samples: usize,
    },
}

/// One step of a row's way down a tree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PathStep {
    /// The node index.
    pub node: usize,
    /// The feature tested.
    pub feature: String,
    /// The condition for going left.
    pub rule: SplitRule,
    /// Whether the row went left (met the condition, or is missing and missing goes left).
    pub went_left: bool,
    /// The row's value.
    pub value: Value,
}

/// A classification tree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DecisionTree {
    nodes: Vec<TreeNode>,
}

/// A node's test resolved against one data set's columns.
enum Resolved<'a> {
    Numeric(&'a [f64], f64),
    Categorical(&'a [u32], Vec<bool>),
}

impl DecisionTree {
    /// Learns a tree from data and outcomes.
    pub fn fit(data: &Dataset, labels: &[bool], options: &TreeOptions) -> Result<Self> {
        let n = data.rows();
        if labels.len() != n {
            return Err(LearnError::invalid(format!(
                "{} labels for {n} rows",
                labels.len()
            )));
        }
        if n == 0 {
            return Err(LearnError::NoRows);
        }
        let rows: Vec<usize> = (0..n).collect();
        let schema = Schema::from_rows(data, &rows);
        let enc = schema.encode(data)?;
        let mappers: Vec<BinMapper> = schema
            .features
            .iter()
            .enumerate()
            .map(|(f, s)| {
                let levels = match &s.kind {
                    FeatureKind::Categorical { levels } => levels.len(),
                    FeatureKind::Numeric => 0,
                };
                BinMapper::fit(&enc.columns[f], &rows, levels)
            })
            .collect();
        let x = BinnedRows::build(&enc, &mappers, &rows);
        let mut fitter = Fitter {
            x: &x,
            y: labels,
            mappers: &mappers,
            schema: &schema,
            options,
            total: n as f64,
            nodes: Vec::new(),
        };
        fitter.grow(rows, 0);
        Ok(DecisionTree {
            nodes: fitter.nodes,
        })
    }

    /// A tree from nodes written by hand. Node 0 is the root; every other node must be the child
    /// of exactly one node, children come after their parent, probabilities lie in [0, 1] and
    /// thresholds are finite.
    pub fn from_nodes(nodes: Vec<TreeNode>) -> Result<Self> {
        if nodes.is_empty() {
            return Err(LearnError::invalid("a tree needs at least one node"));
        }
        let mut parents = vec![0usize; nodes.len()];
        for (i, node) in nodes.iter().enumerate() {
            match node {
                TreeNode::Split {
                    feature,
                    rule,
                    left,
                    right,
                    ..
                } => {
                    for &c in [left, right] {
                        if c <= i || c >= nodes.len() {
                            return Err(LearnError::invalid(format!(
                                "node {i} points to node {c}: children must exist and come after their parent"
                            )));
                        }
                        parents[c] += 1;
                    }
                    if left == right {
                        return Err(LearnError::invalid(format!(
                            "node {i} has the same node on both sides"
                        )));
                    }
                    if feature.is_empty() {
                        return Err(LearnError::invalid(format!("node {i} names no feature")));
                    }
                    if let SplitRule::AtMost(t) = rule {
                        if !t.is_finite() {
                            return Err(LearnError::invalid(format!(
                                "node {i} has a threshold that is not a number"
                            )));
                        }
                    }
                }
                TreeNode::Leaf { probability, .. } => {
                    if !(0.0..=1.0).contains(probability) {
                        return Err(LearnError::invalid(format!(
                            "leaf {i} has probability {probability}, outside [0, 1]"
                        )));
                    }
                }
            }
        }
        if let Some(i) = (1..nodes.len()).find(|&i| parents[i] != 1) {
            return Err(LearnError::invalid(format!(
                "node {i} is the child of {} nodes; it must have exactly one parent",
                parents[i]
            )));
        }
        Ok(DecisionTree { nodes })
    }

    /// The nodes; node 0 is the root.
    pub fn nodes(&self) -> &[TreeNode] {
        &self.nodes
    }

    /// The features the tree tests, sorted.
    pub fn features(&self) -> Vec<String> {
        let set: BTreeSet<&str> = self
            .nodes
            .iter()
            .filter_map(|n| match n {
                TreeNode::Split { feature, .. } => Some(feature.as_str()),
                TreeNode::Leaf { .. } => None,
            })
            .collect();
        set.into_iter().map(str::to_owned).collect()
    }

    fn resolve<'a>(&self, data: &'a Dataset) -> Result<Vec<Option<Resolved<'a>>>> {
        self.nodes
            .iter()
            .map(|node| match node {
                TreeNode::Leaf { .. } => Ok(None),
                TreeNode::Split { feature, rule, .. } => {
                    let column = data
                        .column(feature)
                        .ok_or_else(|| LearnError::MissingColumn(feature.clone()))?;
                    match (rule, column) {
                        (SplitRule::AtMost(t), Column::Numeric(v)) => Ok(Some(Resolved::Numeric(v, *t))),
                        (SplitRule::OneOf(set), Column::Categorical { codes, levels }) => {
                            let inside = levels.iter().map(|l| set.contains(l)).collect();
                            Ok(Some(Resolved::Categorical(codes, inside)))
                        }
                        (SplitRule::AtMost(_), _) => Err(LearnError::invalid(format!(
                            "the tree compares `{feature}` with a number, but the data holds categories"
                        ))),
                        (SplitRule::OneOf(_), _) => Err(LearnError::invalid(format!(
                            "the tree tests `{feature}` for categories, but the data holds numbers"
                        ))),
                    }
                }
            })
            .collect()
    }

    fn walk(
        &self,
        resolved: &[Option<Resolved<'_>>],
        row: usize,
        mut visit: impl FnMut(usize, bool),
    ) -> f64 {
        let mut i = 0;
        loop {
            match &self.nodes[i] {
                TreeNode::Leaf { probability, .. } => return *probability,
                TreeNode::Split {
                    missing_left,
                    left,
                    right,
                    ..
                } => {
                    let go_left = match &resolved[i] {
                        Some(Resolved::Numeric(v, t)) => {
                            let x = v[row];
                            if x.is_nan() {
                                *missing_left
                            } else {
                                x <= *t
                            }
                        }
                        Some(Resolved::Categorical(codes, inside)) => {
                            let c = codes[row];
                            if c == MISSING_CODE {
                                *missing_left
                            } else {
                                inside[c as usize]
                            }
                        }
                        None => unreachable!("split nodes are resolved"),
                    };
                    visit(i, go_left);
                    i = if go_left { *left } else { *right };
                }
            }
        }
    }

    /// The positive-class probability of every row (the leaf's training rate).
    pub fn predict_proba(&self, data: &Dataset) -> Result<Vec<f64>> {
        let resolved = self.resolve(data)?;
        Ok((0..data.rows())
            .map(|r| self.walk(&resolved, r, |_, _| {}))
            .collect())
    }

    /// The tests row `row` meets on its way to a leaf, root first.
    pub fn path(&self, data: &Dataset, row: usize) -> Result<Vec<PathStep>> {
        if row >= data.rows() {
            return Err(LearnError::invalid(format!(
                "row {row} is past the {} rows of the data",
                data.rows()
            )));
        }
        let resolved = self.resolve(data)?;
        let mut steps = Vec::new();
        self.walk(&resolved, row, |i, went_left| {
            if let TreeNode::Split { feature, rule, .. } = &self.nodes[i] {
                steps.push(PathStep {
                    node: i,
                    feature: feature.clone(),
                    rule: rule.clone(),
                    went_left,
                    value: data
                        .column(feature)
                        .map_or(Value::Missing, |c| c.value(row)),
                });
            }
        });
        Ok(steps)
    }
}

struct Fitter<'a> {
    x: &'a BinnedRows,
    y: &'a [bool],
    mappers: &'a [BinMapper],
    schema: &'a Schema,
    options: &'a TreeOptions,
    total: f64,
    nodes: Vec<TreeNode>,
}

struct Best {
    feature: usize,
    gain: f64,
    left_bins: Vec<bool>,
    missing_left: bool,
}

fn gini(pos: f64, n: f64) -> f64 {
    if n <= 0.0 {
        0.0
    } else {
        let p = pos / n;
        2.0 * p * (1.0 - p)
    }
}

impl Fitter<'_> {
    fn grow(&mut self, rows: Vec<usize>, depth: usize) -> usize {
        let n = rows.len();
        let pos = rows.iter().filter(|&&r| self.y[r]).count();
        let id = self.nodes.len();
        self.nodes.push(TreeNode::Leaf {
            probability: if n == 0 { 0.0 } else { pos as f64 / n as f64 },
            samples: n,
        });
        let min_leaf = self.options.min_samples_leaf.max(1);
        if depth >= self.options.max_depth || n < 2 * min_leaf || pos == 0 || pos == n {
            return id;
        }
        let Some(best) = self.best_split(&rows, pos) else {
            return id;
        };
        let (mut l, mut r) = (Vec::new(), Vec::new());
        for &row in &rows {
            let b = self.x.row(row)[best.feature] as usize;
            let go_left = if b == 0 {
                best.missing_left
            } else {
                best.left_bins[b]
            };
            if go_left {
                l.push(row);
            } else {
                r.push(row);
            }
        }
        let mapper = &self.mappers[best.feature];
        let rule = if mapper.is_categorical() {
            let FeatureKind::Categorical { levels } = &self.schema.features[best.feature].kind
            else {
                unreachable!("categorical mapper on a categorical feature")
            };
            let mut codes: Vec<u32> = (1..best.left_bins.len())
                .filter(|&b| best.left_bins[b])
                .flat_map(|b| mapper.codes_in(b as u8))
                .collect();
            codes.sort_unstable();
            SplitRule::OneOf(codes.iter().map(|&c| levels[c as usize].clone()).collect())
        } else {
            let t = (1..best.left_bins.len())
                .rev()
                .find(|&b| best.left_bins[b])
                .unwrap_or(1);
            SplitRule::AtMost(mapper.upper(t).min(f64::MAX))
        };
        let left = self.grow(l, depth + 1);
        let right = self.grow(r, depth + 1);
        self.nodes[id] = TreeNode::Split {
            feature: self.schema.features[best.feature].name.clone(),
            rule,
            missing_left: best.missing_left,
            left,
            right,
            samples: n,
        };
        id
    }

    fn best_split(&self, rows: &[usize], pos: usize) -> Option<Best> {
        let n = rows.len() as f64;
        let parent = gini(pos as f64, n);
        let min_leaf = self.options.min_samples_leaf.max(1) as f64;
        let mut best: Option<Best> = None;
        for (f, mapper) in self.mappers.iter().enumerate() {
            let nb = mapper.bins();
            let mut cnt = vec![0.0f64; nb];
            let mut cpos = vec![0.0f64; nb];
            for &r in rows {
                let b = self.x.row(r)[f] as usize;
                cnt[b] += 1.0;
                if self.y[r] {
                    cpos[b] += 1.0;
                }
            }
            // The order in which value bins join the left side.
            let mut order: Vec<usize> = (1..nb).filter(|&b| cnt[b] > 0.0).collect();
            if mapper.is_categorical() {
                order.sort_by(|&a, &b| {
                    (cpos[a] / cnt[a])
                        .total_cmp(&(cpos[b] / cnt[b]))
                        .then(a.cmp(&b))
                });
            }
            let (mut ln, mut lp) = (0.0, 0.0);
            let mut left_bins = vec![false; nb];
            for (k, &b) in order.iter().enumerate() {
                ln += cnt[b];
                lp += cpos[b];
                left_bins[b] = true;
                if k + 1 == order.len() && cnt[0] == 0.0 {
                    break;
                }
                for missing_left in [false, true] {
                    if missing_left && cnt[0] == 0.0 {
                        continue;
                    }
                    let (a_n, a_p) = if missing_left {
                        (ln + cnt[0], lp + cpos[0])
                    } else {
                        (ln, lp)
                    };
                    let (b_n, b_p) = (n - a_n, pos as f64 - a_p);
                    if a_n < min_leaf || b_n < min_leaf {
                        continue;
                    }
                    let child = (a_n * gini(a_p, a_n) + b_n * gini(b_p, b_n)) / n;
                    let gain = n / self.total * (parent - child);
                    if gain > self.options.min_gain
                        && gain > 1e-12
                        && best.as_ref().is_none_or(|s| gain > s.gain)
                    {
                        let missing_left = if cnt[0] > 0.0 {
                            missing_left
                        } else {
                            a_n >= b_n
                        };
                        best = Some(Best {
                            feature: f,
                            gain,
                            left_bins: left_bins.clone(),
                            missing_left,
                        });
                    }
                }
            }
        }
        best
    }
}
