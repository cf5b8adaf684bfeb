//! Gradient-boosted trees for a binary outcome (logistic loss), grown leaf-wise on histograms.
//!
//! Each round fits one tree to the gradients and hessians of the log loss: features are binned
//! ([`crate::binning`]), a node's histogram of gradient/hessian/count sums per bin is built for the
//! smaller child and derived for the larger one by subtraction, and the split with the best
//! regularised gain (L2 on leaf values, `min_child_weight`, `min_data_in_leaf`, `min_gain`) is
//! taken from the leaf that offers the most, until `num_leaves` or `max_depth` is reached.
//! Missing values get their own bin and each split learns which way they go (the side that gains
//! more; the heavier side when training had none). Categorical features are split natively: the
//! levels are ordered by gradient/hessian ratio (smoothed) and the best prefix of that order goes
//! left, as LightGBM does. Rows are subsampled each round with the seeded ChaCha8 generator, leaf
//! values shrunk by the learning rate, and boosting stops when the validation log loss has not
//! improved for `early_stopping_rounds` rounds (the trees after the best round are dropped).

use rand::RngCore;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::binning::{BinMapper, BinnedRows};
use crate::schema::EncodedColumn;

/// Settings of the boosted-tree learner.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TreeParams {
    /// Most leaves per tree (2 to 64).
    pub num_leaves: usize,
    /// Most depth per tree (1 to 8).
    pub max_depth: usize,
    /// Shrinkage applied to every leaf value.
    pub learning_rate: f64,
    /// L2 penalty on leaf values.
    pub l2: f64,
    /// Least hessian sum in a child.
    pub min_child_weight: f64,
    /// Least training rows in a child.
    pub min_data_in_leaf: usize,
    /// Least gain for a split.
    pub min_gain: f64,
    /// Share of training rows drawn (without replacement) for each tree.
    pub subsample: f64,
    /// Most trees.
    pub max_trees: usize,
    /// Stop after this many rounds without a better validation log loss.
    pub early_stopping_rounds: usize,
    /// Smoothing added to the hessian when ordering categorical levels.
    pub cat_smooth: f64,
    /// Extra L2 penalty in the gain of categorical splits.
    pub cat_l2: f64,
    /// Most levels on the left side of a categorical split.
    pub max_cat_threshold: usize,
    /// Levels with fewer training rows in a node always go right.
    pub min_data_per_category: usize,
}

impl Default for TreeParams {
    fn default() -> Self {
        Self {
            num_leaves: 31,
            max_depth: 6,
            learning_rate: 0.1,
            l2: 1.0,
            min_child_weight: 1e-3,
            min_data_in_leaf: 20,
            min_gain: 0.0,
            subsample: 0.8,
            max_trees: 300,
            early_stopping_rounds: 20,
            cat_smooth: 10.0,
            cat_l2: 10.0,
            max_cat_threshold: 32,
            min_data_per_category: 10,
        }
    }
}

impl TreeParams {
    /// Checks the ranges the learner and its explanations rely on.
    pub fn validate(&self) -> Result<(), String> {
        if !(2..=64).contains(&self.num_leaves) {
            return Err(format!(
                "num_leaves must be 2 to 64, not {}",
                self.num_leaves
            ));
        }
        if !(1..=8).contains(&self.max_depth) {
            return Err(format!("max_depth must be 1 to 8, not {}", self.max_depth));
        }
        if !(self.learning_rate > 0.0 && self.learning_rate <= 1.0) {
            return Err("learning_rate must be in (0, 1]".into());
        }
        if !(self.subsample > 0.0 && self.subsample <= 1.0) {
            return Err("subsample must be in (0, 1]".into());
        }
        if self.l2 < 0.0 || self.min_child_weight < 0.0 || self.min_gain < 0.0 {
            return Err("l2, min_child_weight and min_gain must not be negative".into());
        }
        if self.max_trees == 0 {
            return Err("max_trees must be at least 1".into());
        }
        Ok(())
    }
}

/// A node of a trained tree. Children indices point into the same tree's node list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Node {
    /// `x <= threshold` goes left; a missing value goes left when `default_left`.
    Numeric {
        feature: u32,
        threshold: f64,
        default_left: bool,
        left: u32,
        right: u32,
        cover: f64,
        gain: f64,
    },
    /// Levels in `left_codes` go left, other known levels right; missing or unknown levels follow
    /// `default_left`.
    Categorical {
        feature: u32,
        left_codes: Vec<u32>,
        default_left: bool,
        left: u32,
        right: u32,
        cover: f64,
        gain: f64,
    },
    /// A leaf: its value (already shrunk) and the training rows that reached it.
    Leaf { value: f64, cover: f64 },
}

impl Node {
    pub fn cover(&self) -> f64 {
        match self {
            Node::Numeric { cover, .. }
            | Node::Categorical { cover, .. }
            | Node::Leaf { cover, .. } => *cover,
        }
    }

    pub fn children(&self) -> Option<(usize, usize)> {
        match self {
            Node::Numeric { left, right, .. } | Node::Categorical { left, right, .. } => {
                Some((*left as usize, *right as usize))
            }
            Node::Leaf { .. } => None,
        }
    }

    pub fn feature(&self) -> Option<usize> {
        match self {
            Node::Numeric { feature, .. } | Node::Categorical { feature, .. } => {
                Some(*feature as usize)
            }
            Node::Leaf { .. } => None,
        }
    }
}

/// A boosted ensemble: margin = `base` + the sum of the trees' leaf values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Forest {
    pub base: f64,
    /// Number of features of the schema the trees index.
    #[serde(default)]
    pub features: usize,
    pub params: TreeParams,
    pub trees: Vec<Vec<Node>>,
}

// ---------------------------------------------------------------------------------------------
// Fast evaluation

const FLAG_DEFAULT_LEFT: u8 = 1;
const FLAG_CATEGORICAL: u8 = 2;

/// A node laid out for evaluation. A leaf points to itself on both sides, so every row can take
/// the same number of steps down a tree without a branch on the node kind.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FlatNode {
    threshold: f64,
    feature: u32,
    left: u32,
    right: u32,
    /// Offset of the category bitset in `CompiledForest::bits` (0, a zero word, for numeric
    /// nodes and leaves).
    cat: u32,
    cat_words: u32,
    flags: u8,
}

/// A forest laid out for evaluation: every tree's nodes in one array.
#[derive(Debug, Clone)]
pub(crate) struct CompiledForest {
    nodes: Vec<FlatNode>,
    /// Leaf values by node index (0 for internal nodes).
    values: Vec<f64>,
    roots: Vec<u32>,
    depths: Vec<u32>,
    bits: Vec<u64>,
    pub base: f64,
    /// The same forest over binned rows, when every feature fits in 256 bins.
    binned: Option<BinnedForest>,
}

/// How one feature's values become the bins the binned forest tests: numeric values by the
/// forest's own thresholds on that feature, categories by which splits send them left.
#[derive(Debug, Clone)]
enum Binner {
    Unused,
    /// Bin 0: missing; bin `k + 1`: values in `(t[k-1], t[k]]`; past the last threshold, the last bin.
    Numeric(Vec<f64>),
    /// Bin of each category code; codes past the list, or in no split's set, share `other`.
    Categorical {
        bin_of: Vec<u8>,
        other: u8,
    },
}

/// How many of the sorted `t` are below `x`: a binary search whose steps are conditional moves,
/// not branches (the comparisons are data).
#[inline]
fn count_below(t: &[f64], x: f64) -> usize {
    if t.is_empty() {
        return 0;
    }
    let mut base = 0usize;
    let mut size = t.len();
    while size > 1 {
        let half = size / 2;
        // A conditional move: as a branch it would be a coin toss.
        base = std::hint::select_unpredictable(t[base + half] < x, base + half, base);
        size -= half;
    }
    base + usize::from(t[base] < x)
}

impl Binner {
    #[inline]
    fn bin(&self, x: f64) -> u8 {
        if x.is_nan() {
            return 0;
        }
        match self {
            Binner::Unused => 0,
            Binner::Numeric(t) => (count_below(t, x) + 1) as u8,
            Binner::Categorical { bin_of, other } => {
                bin_of.get(x as usize).copied().unwrap_or(*other)
            }
        }
    }
}

/// A node over bins: the 256-bit set of its feature's bins that go left (bit 0: missing).
#[derive(Debug, Clone, Copy)]
struct BinNode {
    feature: u32,
    mask: u32,
    left: u32,
    right: u32,
}

/// The forest over binned rows: each step is a byte load and a bit test, the same for numeric
/// and categorical splits and for missing values.
#[derive(Debug, Clone)]
struct BinnedForest {
    binners: Vec<Binner>,
    nodes: Vec<BinNode>,
    masks: Vec<[u64; 4]>,
}

impl BinnedForest {
    /// `None` when a feature needs more than 256 bins (then the value path is used).
    fn new(forest: &Forest, features: usize) -> Option<BinnedForest> {
        let mut thresholds: Vec<Vec<f64>> = vec![Vec::new(); features];
        let mut cat_sets: Vec<Vec<&[u32]>> = vec![Vec::new(); features];
        for node in forest.trees.iter().flatten() {
            match node {
                Node::Numeric {
                    feature, threshold, ..
                } => thresholds.get_mut(*feature as usize)?.push(*threshold),
                Node::Categorical {
                    feature,
                    left_codes,
                    ..
                } => cat_sets.get_mut(*feature as usize)?.push(left_codes),
                Node::Leaf { .. } => {}
            }
        }
        let mut binners = Vec::with_capacity(features);
        for f in 0..features {
            let t = &mut thresholds[f];
            t.sort_by(f64::total_cmp);
            t.dedup();
            let sets = &cat_sets[f];
            binners.push(match (t.is_empty(), sets.is_empty()) {
                (true, true) => Binner::Unused,
                (false, true) if t.len() <= 254 => Binner::Numeric(std::mem::take(t)),
                (true, false) => {
                    // Codes grouped by the splits that send them left.
                    let levels = sets
                        .iter()
                        .flat_map(|s| s.iter())
                        .max()
                        .map_or(0, |&m| m as usize + 1);
                    let words = sets.len().div_ceil(64);
                    let mut signature = vec![vec![0u64; words]; levels];
                    for (k, set) in sets.iter().enumerate() {
                        for &c in set.iter() {
                            signature[c as usize][k / 64] |= 1 << (k % 64);
                        }
                    }
                    let mut groups: std::collections::BTreeMap<&[u64], u8> =
                        std::collections::BTreeMap::new();
                    let empty = vec![0u64; words];
                    groups.insert(&empty, 1);
                    let mut bin_of = Vec::with_capacity(levels);
                    for sig in &signature {
                        let next = groups.len() + 1;
                        if next > 255 && !groups.contains_key(sig.as_slice()) {
                            return None;
                        }
                        bin_of.push(*groups.entry(sig.as_slice()).or_insert(next as u8));
                    }
                    Binner::Categorical { bin_of, other: 1 }
                }
                _ => return None,
            });
        }
        let mut nodes = Vec::new();
        let mut masks: Vec<[u64; 4]> = vec![[u64::MAX; 4]];
        for tree in &forest.trees {
            let off = nodes.len() as u32;
            for (i, node) in tree.iter().enumerate() {
                let set = |mask: &mut [u64; 4], b: usize| mask[b / 64] |= 1 << (b % 64);
                nodes.push(match node {
                    Node::Leaf { .. } => BinNode {
                        feature: 0,
                        mask: 0,
                        left: off + i as u32,
                        right: off + i as u32,
                    },
                    Node::Numeric {
                        feature,
                        threshold,
                        default_left,
                        left,
                        right,
                        ..
                    } => {
                        let Binner::Numeric(t) = &binners[*feature as usize] else {
                            return None;
                        };
                        let k = t.partition_point(|v| v.total_cmp(threshold).is_lt());
                        let mut mask = [0u64; 4];
                        for b in 1..=k + 1 {
                            set(&mut mask, b);
                        }
                        if *default_left {
                            set(&mut mask, 0);
                        }
                        masks.push(mask);
                        BinNode {
                            feature: *feature,
                            mask: (masks.len() - 1) as u32,
                            left: off + left,
                            right: off + right,
                        }
                    }
                    Node::Categorical {
                        feature,
                        left_codes,
                        default_left,
                        left,
                        right,
                        ..
                    } => {
                        let Binner::Categorical { bin_of, .. } = &binners[*feature as usize] else {
                            return None;
                        };
                        let mut mask = [0u64; 4];
                        for &c in left_codes {
                            set(&mut mask, bin_of[c as usize] as usize);
                        }
                        if *default_left {
                            set(&mut mask, 0);
                        }
                        masks.push(mask);
                        BinNode {
                            feature: *feature,
                            mask: (masks.len() - 1) as u32,
                            left: off + left,
                            right: off + right,
                        }
                    }
                });
            }
        }
        Some(BinnedForest {
            binners,
            nodes,
            masks,
        })
    }

    #[inline(always)]
    fn goes_left(&self, n: &BinNode, row: &[u8]) -> bool {
        let b = row[n.feature as usize];
        (self.masks[n.mask as usize][(b >> 6) as usize] >> (b & 63)) & 1 == 1
    }
}

/// A block of rows prepared for a compiled forest: values or bins, row-major.
pub(crate) enum Prepared<'a> {
    Values(&'a [f64]),
    Bins(&'a [u8]),
}

fn tree_depth(tree: &[Node], i: usize) -> u32 {
    match tree[i].children() {
        None => 0,
        Some((l, r)) => 1 + tree_depth(tree, l).max(tree_depth(tree, r)),
    }
}

impl CompiledForest {
    pub fn new(forest: &Forest) -> CompiledForest {
        let mut nodes = Vec::new();
        let mut values = Vec::new();
        let mut roots = Vec::with_capacity(forest.trees.len());
        let mut depths = Vec::with_capacity(forest.trees.len());
        let mut bits = vec![0u64];
        for tree in &forest.trees {
            let off = nodes.len() as u32;
            roots.push(off);
            depths.push(tree_depth(tree, 0));
            for (i, node) in tree.iter().enumerate() {
                let (flat, value) = match node {
                    Node::Numeric {
                        feature,
                        threshold,
                        default_left,
                        left,
                        right,
                        ..
                    } => (
                        FlatNode {
                            threshold: *threshold,
                            feature: *feature,
                            left: off + left,
                            right: off + right,
                            cat: 0,
                            cat_words: 0,
                            flags: if *default_left { FLAG_DEFAULT_LEFT } else { 0 },
                        },
                        0.0,
                    ),
                    Node::Categorical {
                        feature,
                        left_codes,
                        default_left,
                        left,
                        right,
                        ..
                    } => {
                        let words = left_codes.iter().max().map_or(0, |&m| m as usize / 64 + 1);
                        let start = bits.len();
                        bits.resize(start + words, 0u64);
                        for &c in left_codes {
                            bits[start + c as usize / 64] |= 1u64 << (c % 64);
                        }
                        (
                            FlatNode {
                                threshold: 0.0,
                                feature: *feature,
                                left: off + left,
                                right: off + right,
                                cat: start as u32,
                                cat_words: words as u32,
                                flags: FLAG_CATEGORICAL
                                    | if *default_left { FLAG_DEFAULT_LEFT } else { 0 },
                            },
                            0.0,
                        )
                    }
                    Node::Leaf { value, .. } => (
                        FlatNode {
                            threshold: 0.0,
                            feature: 0,
                            left: off + i as u32,
                            right: off + i as u32,
                            cat: 0,
                            cat_words: 0,
                            flags: 0,
                        },
                        *value,
                    ),
                };
                nodes.push(flat);
                values.push(value);
            }
        }
        let features = forest
            .trees
            .iter()
            .flatten()
            .filter_map(Node::feature)
            .max()
            .map_or(0, |f| f + 1)
            .max(forest.features);
        CompiledForest {
            nodes,
            values,
            roots,
            depths,
            bits,
            base: forest.base,
            binned: BinnedForest::new(forest, features),
        }
    }

    /// Whether the forest has its binned form.
    #[cfg(test)]
    pub fn is_binned(&self) -> bool {
        self.binned.is_some()
    }

    /// Prepares rows `start..start + n` of `enc` for this forest: bins when it has a binned form
    /// (written to `bins`), else values (written to `values`).
    pub fn prepare<'a>(
        &self,
        enc: &crate::schema::Encoded<'_>,
        start: usize,
        n: usize,
        values: &'a mut Vec<f64>,
        bins: &'a mut Vec<u8>,
    ) -> Prepared<'a> {
        match &self.binned {
            Some(b) => {
                let nf = enc.columns.len();
                bins.clear();
                bins.resize(n * nf, 0);
                for (f, binner) in b.binners.iter().enumerate().take(nf) {
                    let out = bins.iter_mut().skip(f).step_by(nf.max(1));
                    match (binner, &enc.columns[f]) {
                        (Binner::Unused, _) => {}
                        (Binner::Numeric(t), EncodedColumn::Numeric(v)) => {
                            for (o, &x) in out.zip(&v[start..start + n]) {
                                let below = count_below(t, x) + 1;
                                *o = if x.is_nan() { 0 } else { below as u8 };
                            }
                        }
                        (Binner::Categorical { bin_of, other }, EncodedColumn::Categorical(c)) => {
                            for (o, &code) in out.zip(&c[start..start + n]) {
                                *o = if code == crate::dataset::MISSING_CODE {
                                    0
                                } else {
                                    bin_of.get(code as usize).copied().unwrap_or(*other)
                                };
                            }
                        }
                        _ => {
                            for (i, o) in out.enumerate() {
                                *o = binner.bin(enc.value(f, start + i));
                            }
                        }
                    }
                }
                Prepared::Bins(bins)
            }
            None => {
                enc.fill_rows(start, n, values);
                Prepared::Values(values)
            }
        }
    }

    /// Margins of a prepared block of rows (`nf` features each).
    pub fn margins_prepared(&self, rows: &Prepared<'_>, nf: usize, out: &mut [f64]) {
        match (rows, &self.binned) {
            (Prepared::Values(v), _) => self.margins_block(v, nf, out),
            (Prepared::Bins(bins), Some(b)) => {
                out.fill(self.base);
                let mut idx = vec![0u32; out.len()];
                for (&root, &depth) in self.roots.iter().zip(&self.depths) {
                    idx.fill(root);
                    for _ in 0..depth {
                        for (i, row) in idx.iter_mut().zip(bins.chunks_exact(nf)) {
                            let n = &b.nodes[*i as usize];
                            *i = std::hint::select_unpredictable(
                                b.goes_left(n, row),
                                n.left,
                                n.right,
                            );
                        }
                    }
                    for (o, &i) in out.iter_mut().zip(&idx) {
                        *o += self.values[i as usize];
                    }
                }
            }
            (Prepared::Bins(_), None) => unreachable!("bins are prepared for binned forests only"),
        }
    }

    /// For each row of a prepared block, sets bit `bit` of `masks[row]` when the row goes left at
    /// global node `node`.
    pub fn left_bits(
        &self,
        node: usize,
        bit: usize,
        rows: &Prepared<'_>,
        nf: usize,
        masks: &mut [u64],
    ) {
        match (rows, &self.binned) {
            (Prepared::Values(v), _) => {
                let n = &self.nodes[node];
                for (m, x) in masks.iter_mut().zip(v.chunks_exact(nf)) {
                    *m |= u64::from(self.goes_left(n, x[n.feature as usize])) << bit;
                }
            }
            (Prepared::Bins(bins), Some(b)) => {
                let n = &b.nodes[node];
                for (m, row) in masks.iter_mut().zip(bins.chunks_exact(nf)) {
                    *m |= u64::from(b.goes_left(n, row)) << bit;
                }
            }
            (Prepared::Bins(_), None) => unreachable!("bins are prepared for binned forests only"),
        }
    }

    /// Whether value `x` goes left at node `n`, computed without branching on the value so that
    /// many rows can be stepped through a tree together.
    #[inline(always)]
    fn goes_left(&self, n: &FlatNode, x: f64) -> bool {
        let nan = x.is_nan();
        let default_left = n.flags & FLAG_DEFAULT_LEFT != 0;
        let numeric = (x <= n.threshold) | (nan & default_left);
        // Categorical: the code's bit (codes are small non-negative integers; NaN casts to 0).
        let c = x as u64;
        let w = (c >> 6) as usize;
        let inside = w < n.cat_words as usize;
        let word = self.bits[n.cat as usize + if inside { w } else { 0 }];
        let bit = inside & ((word >> (c & 63)) & 1 == 1);
        let categorical = if nan { default_left } else { bit };
        if n.flags & FLAG_CATEGORICAL != 0 {
            categorical
        } else {
            numeric
        }
    }

    /// The node at a global index.
    #[cfg(test)]
    pub fn node(&self, i: usize) -> &FlatNode {
        &self.nodes[i]
    }

    /// Whether row `x` goes left at `node` (an internal node).
    #[cfg(test)]
    pub fn node_goes_left(&self, node: &FlatNode, x: &[f64]) -> bool {
        self.goes_left(node, x[node.feature as usize])
    }

    /// The margin of one row (`x` holds every feature).
    #[cfg(test)]
    pub fn margin(&self, x: &[f64]) -> f64 {
        let mut out = [0.0];
        self.margins_block(x, x.len(), &mut out);
        out[0]
    }

    /// Margins of a block of rows stored row-major (`nf` values each). Each tree is walked by all
    /// rows of the block together, one level at a time, so the rows' steps overlap in the CPU; the
    /// leaf values are summed in tree order, as for a single row.
    pub fn margins_block(&self, rows: &[f64], nf: usize, out: &mut [f64]) {
        out.fill(self.base);
        let mut idx = vec![0u32; out.len()];
        for (&root, &depth) in self.roots.iter().zip(&self.depths) {
            idx.fill(root);
            for _ in 0..depth {
                for (i, x) in idx.iter_mut().zip(rows.chunks_exact(nf)) {
                    let n = &self.nodes[*i as usize];
                    *i = std::hint::select_unpredictable(
                        self.goes_left(n, x[n.feature as usize]),
                        n.left,
                        n.right,
                    );
                }
            }
            for (o, &i) in out.iter_mut().zip(&idx) {
                *o += self.values[i as usize];
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Training

/// Nodes with at least this many rows build their histogram as two halves.
const SPLIT_HISTOGRAM_ROWS: usize = 16_384;

/// A histogram bin: gradient and hessian sums (16 bytes, one vector add per row and feature).
/// Row counts are estimated from the hessian, as LightGBM does.
#[derive(Debug, Clone, Copy, Default)]
struct GH {
    g: f64,
    h: f64,
}

/// Sums over a set of rows; `n` is exact for nodes and estimated for histogram ranges.
#[derive(Debug, Clone, Copy, Default)]
struct HBin {
    g: f64,
    h: f64,
    n: f64,
}

#[derive(Debug, Clone)]
enum BinRule {
    Threshold(u8),
    Set([u64; 4]),
}

#[derive(Debug, Clone)]
struct SplitInfo {
    feature: usize,
    gain: f64,
    rule: BinRule,
    default_left: bool,
    left: HBin,
}

#[inline]
fn bin_goes_left(rule: &BinRule, default_left: bool, b: u8) -> bool {
    if b == 0 {
        return default_left;
    }
    match rule {
        BinRule::Threshold(t) => b <= *t,
        BinRule::Set(s) => (s[(b >> 6) as usize] >> (b & 63)) & 1 == 1,
    }
}

#[derive(Debug, Clone)]
enum BuildNode {
    Split {
        feature: usize,
        rule: BinRule,
        default_left: bool,
        left: usize,
        right: usize,
        cover: f64,
        gain: f64,
    },
    Leaf {
        value: f64,
        cover: f64,
    },
}

struct LeafState {
    start: usize,
    end: usize,
    hist: Vec<GH>,
    sum: HBin,
    depth: usize,
    node: usize,
    split: Option<SplitInfo>,
}

/// What training produced, with the validation margins of the kept trees.
pub(crate) struct Trained {
    pub forest: Forest,
    pub valid_margin: Vec<f64>,
}

struct Grower<'a> {
    p: &'a TreeParams,
    mappers: &'a [BinMapper],
    offsets: Vec<usize>,
    total_bins: usize,
    x: &'a BinnedRows,
    gh: Vec<GH>,
    /// Whether the two halves of a large histogram may run on two threads.
    parallel: bool,
    /// The training bins again, feature by feature, for partitioning.
    columns: Vec<u8>,
    partition: Vec<u32>,
    scratch: Vec<u32>,
    pool: Vec<Vec<GH>>,
}

impl Grower<'_> {
    fn take_hist(&mut self) -> Vec<GH> {
        match self.pool.pop() {
            Some(mut h) => {
                h.fill(GH::default());
                h
            }
            None => vec![GH::default(); self.total_bins],
        }
    }

    /// Adds the rows' gradients to `hist` (zeroed). Large nodes are summed as two halves added
    /// together, always, so the result is the same whether the halves ran on two threads or one.
    fn build_hist(&self, rows: &[u32], hist: &mut [GH]) {
        if rows.len() < SPLIT_HISTOGRAM_ROWS {
            self.accumulate(rows, hist);
            return;
        }
        let (a, b) = rows.split_at(rows.len() / 2);
        let mut other = vec![GH::default(); hist.len()];
        if self.parallel {
            std::thread::scope(|s| {
                s.spawn(|| self.accumulate(b, &mut other));
                self.accumulate(a, hist);
            });
        } else {
            self.accumulate(a, hist);
            self.accumulate(b, &mut other);
        }
        for (h, o) in hist.iter_mut().zip(&other) {
            h.g += o.g;
            h.h += o.h;
        }
    }

    fn accumulate(&self, rows: &[u32], hist: &mut [GH]) {
        let nf = self.x.features;
        let offsets = &self.offsets[..nf];
        for &r in rows {
            let r = r as usize;
            let GH { g, h } = self.gh[r];
            let row = &self.x.bins[r * nf..(r + 1) * nf];
            for (&b, &off) in row.iter().zip(offsets) {
                let e = &mut hist[off + b as usize];
                e.g += g;
                e.h += h;
            }
        }
    }

    #[inline]
    fn score(&self, g: f64, h: f64, extra_l2: f64) -> f64 {
        g * g / (h + self.p.l2 + extra_l2)
    }

    fn valid_child(&self, c: &HBin) -> bool {
        c.n >= self.p.min_data_in_leaf as f64 && c.h >= self.p.min_child_weight
    }

    fn find_split(&self, hist: &[GH], sum: &HBin) -> Option<SplitInfo> {
        let parent = self.score(sum.g, sum.h, 0.0);
        let per_hessian = if sum.h > 0.0 { sum.n / sum.h } else { 0.0 };
        let mut best: Option<SplitInfo> = None;
        for (f, mapper) in self.mappers.iter().enumerate() {
            let h = &hist[self.offsets[f]..self.offsets[f + 1]];
            if h.len() < 2 {
                continue;
            }
            let found = if mapper.is_categorical() {
                self.categorical_split(f, h, sum, parent, per_hessian)
            } else {
                self.numeric_split(f, h, sum, parent, per_hessian)
            };
            if let Some(s) = found {
                if s.gain > self.p.min_gain && best.as_ref().is_none_or(|b| s.gain > b.gain) {
                    best = Some(s);
                }
            }
        }
        best
    }

    fn numeric_split(
        &self,
        f: usize,
        h: &[GH],
        sum: &HBin,
        parent: f64,
        per_hessian: f64,
    ) -> Option<SplitInfo> {
        let miss = HBin {
            g: h[0].g,
            h: h[0].h,
            n: h[0].h * per_hessian,
        };
        let mut best: Option<SplitInfo> = None;
        let mut acc = HBin::default();
        for (t, bin) in h.iter().enumerate().skip(1) {
            acc.g += bin.g;
            acc.h += bin.h;
            acc.n = acc.h * per_hessian;
            if bin.h == 0.0 && t + 1 < h.len() {
                continue; // same partition as the previous threshold
            }
            for missing_left in [false, true] {
                if missing_left && miss.n == 0.0 {
                    continue;
                }
                let left = if missing_left {
                    HBin {
                        g: acc.g + miss.g,
                        h: acc.h + miss.h,
                        n: acc.n + miss.n,
                    }
                } else {
                    acc
                };
                let right = HBin {
                    g: sum.g - left.g,
                    h: sum.h - left.h,
                    n: sum.n - left.n,
                };
                if !self.valid_child(&left) || !self.valid_child(&right) {
                    continue;
                }
                let gain =
                    self.score(left.g, left.h, 0.0) + self.score(right.g, right.h, 0.0) - parent;
                if best.as_ref().is_none_or(|b| gain > b.gain) {
                    let default_left = if miss.n > 0.0 {
                        missing_left
                    } else {
                        left.h >= right.h
                    };
                    best = Some(SplitInfo {
                        feature: f,
                        gain,
                        rule: BinRule::Threshold(t as u8),
                        default_left,
                        left,
                    });
                }
            }
        }
        best
    }

    fn categorical_split(
        &self,
        f: usize,
        h: &[GH],
        sum: &HBin,
        parent: f64,
        per_hessian: f64,
    ) -> Option<SplitInfo> {
        let miss = HBin {
            g: h[0].g,
            h: h[0].h,
            n: h[0].h * per_hessian,
        };
        let mut used: Vec<usize> = (1..h.len())
            .filter(|&b| h[b].h * per_hessian >= self.p.min_data_per_category.max(1) as f64)
            .collect();
        if used.len() < 2 && !(used.len() == 1 && miss.n > 0.0) {
            return None;
        }
        let ratio = |b: usize| h[b].g / (h[b].h + self.p.cat_smooth);
        used.sort_by(|&a, &b| ratio(a).total_cmp(&ratio(b)).then(a.cmp(&b)));
        let max_k = self.p.max_cat_threshold.min(used.len());
        let mut best: Option<SplitInfo> = None;
        for reverse in [false, true] {
            let mut acc = HBin::default();
            let mut set = [0u64; 4];
            for k in 0..max_k {
                let b = if reverse {
                    used[used.len() - 1 - k]
                } else {
                    used[k]
                };
                acc.g += h[b].g;
                acc.h += h[b].h;
                acc.n = acc.h * per_hessian;
                set[b >> 6] |= 1u64 << (b & 63);
                for missing_left in [false, true] {
                    if missing_left && miss.n == 0.0 {
                        continue;
                    }
                    let left = if missing_left {
                        HBin {
                            g: acc.g + miss.g,
                            h: acc.h + miss.h,
                            n: acc.n + miss.n,
                        }
                    } else {
                        acc
                    };
                    let right = HBin {
                        g: sum.g - left.g,
                        h: sum.h - left.h,
                        n: sum.n - left.n,
                    };
                    if !self.valid_child(&left) || !self.valid_child(&right) {
                        continue;
                    }
                    let gain = self.score(left.g, left.h, self.p.cat_l2)
                        + self.score(right.g, right.h, self.p.cat_l2)
                        - parent;
                    if best.as_ref().is_none_or(|s| gain > s.gain) {
                        let default_left = if miss.n > 0.0 {
                            missing_left
                        } else {
                            left.h >= right.h
                        };
                        best = Some(SplitInfo {
                            feature: f,
                            gain,
                            rule: BinRule::Set(set),
                            default_left,
                            left,
                        });
                    }
                }
            }
        }
        best
    }

    /// Grows one tree on the rows in `self.partition`; returns its nodes and, per leaf node, the
    /// partition range of its rows.
    fn grow(&mut self) -> (Vec<BuildNode>, Vec<(usize, usize, usize)>) {
        let n = self.partition.len();
        let mut root_hist = self.take_hist();
        {
            let rows = std::mem::take(&mut self.partition);
            self.build_hist(&rows, &mut root_hist);
            self.partition = rows;
        }
        let mut sum = HBin {
            n: n as f64,
            ..HBin::default()
        };
        // Any feature's bins add up to the node's totals.
        for b in &root_hist[self.offsets[0]..self.offsets[1]] {
            sum.g += b.g;
            sum.h += b.h;
        }
        let mut nodes = vec![BuildNode::Leaf {
            value: 0.0,
            cover: sum.n,
        }];
        let split = if self.p.max_depth > 0 {
            self.find_split(&root_hist, &sum)
        } else {
            None
        };
        let mut leaves = vec![LeafState {
            start: 0,
            end: n,
            hist: root_hist,
            sum,
            depth: 0,
            node: 0,
            split,
        }];
        while leaves.len() < self.p.num_leaves {
            let mut pick: Option<usize> = None;
            let mut best_gain = f64::NEG_INFINITY;
            for (i, l) in leaves.iter().enumerate() {
                if let Some(s) = &l.split {
                    if s.gain > best_gain {
                        best_gain = s.gain;
                        pick = Some(i);
                    }
                }
            }
            let Some(pi) = pick else { break };
            let mut parent = leaves.remove(pi);
            let split = parent.split.take().expect("picked leaf has a split");
            // Stable partition of the parent's rows, without a branch on the side: each row is
            // written to both places and only the right counter moves. The split feature's bins
            // are read from its own column.
            let n_all = self.gh.len();
            let column = &self.columns[split.feature * n_all..(split.feature + 1) * n_all];
            let mut goes_left = [false; 256];
            for (b, g) in goes_left.iter_mut().enumerate() {
                *g = bin_goes_left(&split.rule, split.default_left, b as u8);
            }
            let mut w = parent.start;
            let mut k = 0;
            for i in parent.start..parent.end {
                let r = self.partition[i];
                let left = usize::from(goes_left[column[r as usize] as usize]);
                self.partition[w] = r;
                self.scratch[k] = r;
                w += left;
                k += 1 - left;
            }
            self.partition[w..parent.end].copy_from_slice(&self.scratch[..k]);
            let (ls, le, rs, re) = (parent.start, w, w, parent.end);
            let left_sum = HBin {
                n: (le - ls) as f64,
                ..split.left
            };
            let right_sum = HBin {
                g: parent.sum.g - left_sum.g,
                h: parent.sum.h - left_sum.h,
                n: (re - rs) as f64,
            };
            // Histogram of the smaller child built, the larger one by subtraction.
            let mut small = self.take_hist();
            let left_smaller = le - ls <= re - rs;
            {
                let part = std::mem::take(&mut self.partition);
                let rows = if left_smaller {
                    &part[ls..le]
                } else {
                    &part[rs..re]
                };
                self.build_hist(rows, &mut small);
                self.partition = part;
            }
            let mut large = parent.hist;
            for (l, s) in large.iter_mut().zip(&small) {
                l.g -= s.g;
                l.h -= s.h;
            }
            let (left_hist, right_hist) = if left_smaller {
                (small, large)
            } else {
                (large, small)
            };
            let li = nodes.len();
            nodes.push(BuildNode::Leaf {
                value: 0.0,
                cover: left_sum.n,
            });
            nodes.push(BuildNode::Leaf {
                value: 0.0,
                cover: right_sum.n,
            });
            nodes[parent.node] = BuildNode::Split {
                feature: split.feature,
                rule: split.rule.clone(),
                default_left: split.default_left,
                left: li,
                right: li + 1,
                cover: parent.sum.n,
                gain: split.gain,
            };
            let depth = parent.depth + 1;
            let can_split = depth < self.p.max_depth;
            let ls_split = if can_split && left_sum.n >= 2.0 * self.p.min_data_in_leaf as f64 {
                self.find_split(&left_hist, &left_sum)
            } else {
                None
            };
            let rs_split = if can_split && right_sum.n >= 2.0 * self.p.min_data_in_leaf as f64 {
                self.find_split(&right_hist, &right_sum)
            } else {
                None
            };
            // The left child takes the parent's place, so leaf order stays deterministic.
            leaves.insert(
                pi,
                LeafState {
                    start: ls,
                    end: le,
                    hist: left_hist,
                    sum: left_sum,
                    depth,
                    node: li,
                    split: ls_split,
                },
            );
            leaves.push(LeafState {
                start: rs,
                end: re,
                hist: right_hist,
                sum: right_sum,
                depth,
                node: li + 1,
                split: rs_split,
            });
        }
        let mut ranges = Vec::with_capacity(leaves.len());
        for leaf in leaves {
            let value = -leaf.sum.g / (leaf.sum.h + self.p.l2) * self.p.learning_rate;
            nodes[leaf.node] = BuildNode::Leaf {
                value,
                cover: leaf.sum.n,
            };
            ranges.push((leaf.node, leaf.start, leaf.end));
            self.pool.push(leaf.hist);
        }
        (nodes, ranges)
    }
}

/// A tree being trained, laid out for walking binned rows without branches: each node is a
/// 256-bit set of the bins that go left (bit 0: missing); leaves point to themselves.
struct BinTree {
    feature: Vec<u32>,
    mask: Vec<[u64; 4]>,
    child: Vec<[u32; 2]>,
    value: Vec<f64>,
    depth: usize,
}

impl BinTree {
    fn new(nodes: &[BuildNode]) -> BinTree {
        let mut t = BinTree {
            feature: Vec::with_capacity(nodes.len()),
            mask: Vec::with_capacity(nodes.len()),
            child: Vec::with_capacity(nodes.len()),
            value: Vec::with_capacity(nodes.len()),
            depth: 0,
        };
        for (i, node) in nodes.iter().enumerate() {
            match node {
                BuildNode::Leaf { value, .. } => {
                    t.feature.push(0);
                    t.mask.push([u64::MAX; 4]);
                    t.child.push([i as u32; 2]);
                    t.value.push(*value);
                }
                BuildNode::Split {
                    feature,
                    rule,
                    default_left,
                    left,
                    right,
                    ..
                } => {
                    let mut mask = [0u64; 4];
                    for b in 0..=255u8 {
                        if bin_goes_left(rule, *default_left, b) {
                            mask[(b >> 6) as usize] |= 1 << (b & 63);
                        }
                    }
                    t.feature.push(*feature as u32);
                    t.mask.push(mask);
                    // Index 1 when the row goes left.
                    t.child.push([*right as u32, *left as u32]);
                    t.value.push(0.0);
                }
            }
        }
        fn depth(nodes: &[BuildNode], i: usize) -> usize {
            match &nodes[i] {
                BuildNode::Leaf { .. } => 0,
                BuildNode::Split { left, right, .. } => {
                    1 + depth(nodes, *left).max(depth(nodes, *right))
                }
            }
        }
        t.depth = depth(nodes, 0);
        t
    }

    /// The leaf value of a binned row.
    #[inline]
    fn value_of(&self, row: &[u8]) -> f64 {
        let mut i = 0usize;
        for _ in 0..self.depth {
            let b = row[self.feature[i] as usize];
            let left = (self.mask[i][(b >> 6) as usize] >> (b & 63)) & 1;
            i = self.child[i][left as usize] as usize;
        }
        self.value[i]
    }
}

fn traverse_binned(nodes: &[BuildNode], row: &[u8]) -> f64 {
    let mut i = 0;
    loop {
        match &nodes[i] {
            BuildNode::Leaf { value, .. } => return *value,
            BuildNode::Split {
                feature,
                rule,
                default_left,
                left,
                right,
                ..
            } => {
                i = if bin_goes_left(rule, *default_left, row[*feature]) {
                    *left
                } else {
                    *right
                }
            }
        }
    }
}

#[inline]
pub(crate) fn sigmoid(x: f64) -> f64 {
    if x >= 0.0 {
        1.0 / (1.0 + (-x).exp())
    } else {
        let e = x.exp();
        e / (1.0 + e)
    }
}

fn log_loss_of_margins(margins: &[f64], labels: &[bool]) -> f64 {
    let mut s = 0.0;
    for (&m, &y) in margins.iter().zip(labels) {
        // log(1 + e^-m) for positives, log(1 + e^m) for negatives, computed stably.
        let z = if y { -m } else { m };
        s += if z > 0.0 {
            z + (-z).exp().ln_1p()
        } else {
            z.exp().ln_1p()
        };
    }
    s / margins.len().max(1) as f64
}

/// Trains a forest on binned training rows, stopping early on the validation rows.
pub(crate) fn train(
    params: &TreeParams,
    mappers: &[BinMapper],
    train_x: &BinnedRows,
    train_y: &[bool],
    valid_x: &BinnedRows,
    valid_y: &[bool],
    seed: u64,
) -> Trained {
    let parallel = std::thread::available_parallelism().is_ok_and(|t| t.get() > 1);
    train_with(
        params, mappers, train_x, train_y, valid_x, valid_y, seed, parallel,
    )
}

/// [`train`], with the use of a second thread for large histograms given.
#[allow(clippy::too_many_arguments)]
fn train_with(
    params: &TreeParams,
    mappers: &[BinMapper],
    train_x: &BinnedRows,
    train_y: &[bool],
    valid_x: &BinnedRows,
    valid_y: &[bool],
    seed: u64,
    parallel: bool,
) -> Trained {
    let n = train_y.len();
    let nf = mappers.len();
    let mut offsets = Vec::with_capacity(nf + 1);
    let mut total = 0;
    for m in mappers {
        offsets.push(total);
        total += m.bins();
    }
    offsets.push(total);
    let pos = train_y.iter().filter(|&&y| y).count() as f64;
    let rate = ((pos + 0.5) / (n as f64 + 1.0)).clamp(1e-6, 1.0 - 1e-6);
    let base = (rate / (1.0 - rate)).ln();
    let mut margin = vec![base; n];
    let mut valid_margin = vec![base; valid_y.len()];
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let threshold = if params.subsample >= 1.0 {
        u64::MAX
    } else {
        (params.subsample * u64::MAX as f64) as u64
    };
    let mut grower = Grower {
        p: params,
        mappers,
        offsets,
        total_bins: total,
        x: train_x,
        gh: vec![GH::default(); n],
        parallel,
        partition: Vec::with_capacity(n),
        scratch: vec![0; n],
        columns: {
            let mut c = vec![0u8; n * nf];
            for r in 0..n {
                for (f, &b) in train_x.row(r).iter().enumerate() {
                    c[f * n + r] = b;
                }
            }
            c
        },
        pool: Vec::new(),
    };
    let mut in_bag = vec![false; n];
    let mut trees: Vec<Vec<BuildNode>> = Vec::new();
    let mut best_loss = log_loss_of_margins(&valid_margin, valid_y);
    let mut best_trees = 0;
    let mut best_valid = valid_margin.clone();
    for round in 0..params.max_trees {
        for i in 0..n {
            let p = sigmoid(margin[i]);
            grower.gh[i] = GH {
                g: p - f64::from(u8::from(train_y[i])),
                h: (p * (1.0 - p)).max(1e-16),
            };
        }
        grower.partition.clear();
        for (i, b) in in_bag.iter_mut().enumerate() {
            *b = threshold == u64::MAX || rng.next_u64() < threshold;
            if *b {
                grower.partition.push(i as u32);
            }
        }
        if grower.partition.is_empty() {
            grower.partition.extend(0..n as u32);
            in_bag.fill(true);
        }
        let (nodes, ranges) = grower.grow();
        if nodes.len() == 1 && round > 0 {
            break; // nothing left to split
        }
        for &(node, s, e) in &ranges {
            if let BuildNode::Leaf { value, .. } = nodes[node] {
                for &r in &grower.partition[s..e] {
                    margin[r as usize] += value;
                }
            }
        }
        let walk = BinTree::new(&nodes);
        for i in 0..n {
            if !in_bag[i] {
                margin[i] += walk.value_of(train_x.row(i));
            }
        }
        for (i, m) in valid_margin.iter_mut().enumerate() {
            *m += walk.value_of(valid_x.row(i));
        }
        trees.push(nodes);
        let loss = log_loss_of_margins(&valid_margin, valid_y);
        if loss < best_loss - 1e-12 {
            best_loss = loss;
            best_trees = trees.len();
            best_valid.copy_from_slice(&valid_margin);
        } else if trees.len() - best_trees >= params.early_stopping_rounds.max(1) {
            break;
        }
    }
    trees.truncate(best_trees.max(1).min(trees.len()));
    if best_trees == 0 {
        // Not one tree helped: keep the first, as the least harmful, with its validation margin.
        best_valid = vec![base; valid_y.len()];
        if let Some(t) = trees.first() {
            for (i, m) in best_valid.iter_mut().enumerate() {
                *m += traverse_binned(t, valid_x.row(i));
            }
        }
    }
    let trees = trees
        .into_iter()
        .map(|nodes| convert(&nodes, mappers))
        .collect();
    Trained {
        forest: Forest {
            base,
            features: nf,
            params: params.clone(),
            trees,
        },
        valid_margin: best_valid,
    }
}

/// Bin-space nodes to value-space nodes.
fn convert(nodes: &[BuildNode], mappers: &[BinMapper]) -> Vec<Node> {
    nodes
        .iter()
        .map(|n| match n {
            BuildNode::Leaf { value, cover } => Node::Leaf {
                value: *value,
                cover: *cover,
            },
            BuildNode::Split {
                feature,
                rule,
                default_left,
                left,
                right,
                cover,
                gain,
            } => match rule {
                BinRule::Threshold(t) => Node::Numeric {
                    feature: *feature as u32,
                    // The last bin's edge is +∞ (JSON has no infinity): f64::MAX splits alike.
                    threshold: mappers[*feature].upper(*t as usize).min(f64::MAX),
                    default_left: *default_left,
                    left: *left as u32,
                    right: *right as u32,
                    cover: *cover,
                    gain: *gain,
                },
                BinRule::Set(set) => {
                    let mut codes = Vec::new();
                    for b in 1..=255u8 {
                        if (set[(b >> 6) as usize] >> (b & 63)) & 1 == 1 {
                            codes.extend(mappers[*feature].codes_in(b));
                        }
                    }
                    codes.sort_unstable();
                    Node::Categorical {
                        feature: *feature as u32,
                        left_codes: codes,
                        default_left: *default_left,
                        left: *left as u32,
                        right: *right as u32,
                        cover: *cover,
                        gain: *gain,
                    }
                }
            },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::Dataset;
    use crate::schema::Schema;
    use rand::{Rng, SeedableRng};

    #[test]
    fn one_thread_or_two_grow_the_same_trees() {
        let n = 40_000;
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let mut data = Dataset::new();
        let x: Vec<f64> = (0..n).map(|_| rng.gen_range(0.0..1.0)).collect();
        let y: Vec<f64> = (0..n).map(|_| rng.gen_range(0.0..1.0)).collect();
        let labels: Vec<bool> = (0..n)
            .map(|i| rng.gen_bool(0.2 + 0.6 * x[i] * y[i]))
            .collect();
        data.push_numeric("x", x);
        data.push_numeric("y", y);
        let rows: Vec<usize> = (0..n).collect();
        let schema = Schema::from_rows(&data, &rows);
        let enc = schema.encode(&data).unwrap();
        let mappers: Vec<BinMapper> = (0..2)
            .map(|f| BinMapper::fit(&enc.columns[f], &rows, 0))
            .collect();
        let bx = BinnedRows::build(&enc, &mappers, &rows);
        let p = TreeParams {
            max_trees: 4,
            ..TreeParams::default()
        };
        let one = train_with(&p, &mappers, &bx, &labels, &bx, &labels, 3, false);
        let two = train_with(&p, &mappers, &bx, &labels, &bx, &labels, 3, true);
        assert_eq!(one.forest, two.forest);
        assert_eq!(one.valid_margin, two.valid_margin);
    }
}
