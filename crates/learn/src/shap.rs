//! Exact path-dependent TreeSHAP for the boosted trees.
//!
//! The values are those of Lundberg et al. (2018), "Consistent individualized feature attribution
//! for tree ensembles", Algorithm 2: the Shapley values of the tree's conditional expectation,
//! where an unknown feature's split is averaged by node cover. They are computed per leaf, as in
//! Yang (2021), "Fast TreeSHAP" (v2), which gives the same numbers faster: for a leaf whose path
//! uses the distinct features `K` with cover ratios `z_j` (product over the path's splits on `j`),
//! a row either satisfies all of the path's conditions on `j` or not; with `O` the satisfied set,
//!
//! * for `i ∈ O`: `φ_i += v · (1 − z_i)/z_i · G(O \ {i})`,
//! * for `i ∉ O`: `φ_i −= v · G(O)`,
//!
//! where `G(T) = Σ_{S ⊆ T} |S|!(|K|−|S|−1)!/|K|! · Π_{j ∈ K∖S} z_j` is tabulated once per leaf
//! (`2^|K|` entries, depth ≤ 8). Per row the cost is the tree's internal nodes plus
//! `leaves × depth`, instead of `leaves × depth²`. Summing over leaves and trees, the values add
//! up to the raw margin minus the expected value (`Σ_l v_l · cover_l / cover_root` per tree): the
//! reconciliation the tests check, alongside a brute-force enumeration of Shapley subsets.

use crate::gbdt::{CompiledForest, Forest, Node, Prepared};

/// One distinct feature on a leaf's path.
#[derive(Debug, Clone, Copy)]
struct PathFeature {
    /// The path's internal nodes (bits of a row's left mask) that test the feature.
    mask: u64,
    /// Which of them the path leaves to the left.
    dirs: u64,
    /// `v · (1 − z)/z`.
    coef: f64,
    feature: usize,
}

struct LeafShap {
    value: f64,
    path: Vec<PathFeature>,
    g: Vec<f64>,
    /// Every update precomputed: `table[o · k + j]` is what feature `j` receives for the
    /// satisfied set `o` (the same products the direct path computes, so the same bits). Empty
    /// when the forest's tables would take more than [`TABLE_BUDGET`] values.
    table: Vec<f64>,
}

/// Most `f64`s spent on precomputed leaf tables (48 MB).
const TABLE_BUDGET: usize = 6 << 20;

struct TreeShap {
    /// Global indices (into the compiled forest) of the internal nodes; bit `i` of a row's mask
    /// says whether it goes left at `internal[i]`.
    internal: Vec<usize>,
    leaves: Vec<LeafShap>,
}

/// Precomputed TreeSHAP tables of a forest.
pub(crate) struct ForestShap {
    trees: Vec<TreeShap>,
    /// The expected margin: the forest's base plus every tree's cover-weighted mean leaf value.
    pub expected: f64,
}

impl ForestShap {
    pub fn new(forest: &Forest) -> ForestShap {
        Self::with_table_budget(forest, TABLE_BUDGET)
    }

    /// Tables are built only when they fit in `budget` values.
    pub fn with_table_budget(forest: &Forest, budget: usize) -> ForestShap {
        let mut expected = forest.base;
        let mut trees = Vec::with_capacity(forest.trees.len());
        let mut offset = 0usize;
        for nodes in &forest.trees {
            let mut bit_of = vec![usize::MAX; nodes.len()];
            let mut internal = Vec::new();
            for (i, n) in nodes.iter().enumerate() {
                if n.children().is_some() {
                    bit_of[i] = internal.len();
                    internal.push(offset + i);
                }
            }
            let mut leaves = Vec::new();
            let mut path: Vec<(usize, bool)> = Vec::new();
            collect_leaves(nodes, 0, &mut path, &bit_of, &mut leaves, &mut expected);
            trees.push(TreeShap { internal, leaves });
            offset += nodes.len();
        }
        let size: usize = trees
            .iter()
            .flat_map(|t| &t.leaves)
            .map(|l| l.g.len() * l.path.len())
            .sum();
        if size <= budget {
            for leaf in trees.iter_mut().flat_map(|t| &mut t.leaves) {
                let k = leaf.path.len();
                let g = &leaf.g;
                let mut table = Vec::with_capacity(g.len() * k);
                for o in 0..g.len() {
                    let neg = -(leaf.value * g[o]);
                    for (j, pf) in leaf.path.iter().enumerate() {
                        table.push(if o >> j & 1 == 1 {
                            pf.coef * g[o ^ (1 << j)]
                        } else {
                            neg
                        });
                    }
                }
                leaf.table = table;
            }
        }
        ForestShap { trees, expected }
    }

    /// Adds the contributions of a block of rows (row-major, `nf` values each) to `phi`
    /// (`rows × nf`). Tree by tree, every row's path bits are computed first, then each leaf's
    /// table serves the whole block while it is in cache. Per row, the additions happen in the
    /// same order whatever the block size.
    pub fn add_contributions_block(
        &self,
        compiled: &CompiledForest,
        rows: &Prepared<'_>,
        nf: usize,
        phi: &mut [f64],
    ) {
        let n = phi.len() / nf.max(1);
        let mut left_masks = vec![0u64; n];
        for tree in &self.trees {
            left_masks.fill(0);
            for (bit, &node) in tree.internal.iter().enumerate() {
                compiled.left_bits(node, bit, rows, nf, &mut left_masks);
            }
            for leaf in &tree.leaves {
                let g = &leaf.g[..];
                let k = leaf.path.len();
                if !leaf.table.is_empty() {
                    for (&mask, p) in left_masks.iter().zip(phi.chunks_exact_mut(nf)) {
                        let mut o = 0usize;
                        for (j, pf) in leaf.path.iter().enumerate() {
                            o |= usize::from(mask & pf.mask == pf.dirs) << j;
                        }
                        let row = &leaf.table[o * k..(o + 1) * k];
                        for (pf, &v) in leaf.path.iter().zip(row) {
                            p[pf.feature] += v;
                        }
                    }
                    continue;
                }
                for (&mask, p) in left_masks.iter().zip(phi.chunks_exact_mut(nf)) {
                    let mut o = 0usize;
                    for (j, pf) in leaf.path.iter().enumerate() {
                        o |= usize::from(mask & pf.mask == pf.dirs) << j;
                    }
                    let neg = (-(leaf.value * g[o])).to_bits();
                    for (j, pf) in leaf.path.iter().enumerate() {
                        let inside = (pf.coef * g[(o ^ (1 << j)) & (g.len() - 1)]).to_bits();
                        // An exact select without a branch: the bit is data, not a pattern.
                        let take = 0u64.wrapping_sub(((o >> j) & 1) as u64);
                        p[pf.feature] += f64::from_bits((inside & take) | (neg & !take));
                    }
                }
            }
        }
    }
}

fn collect_leaves(
    nodes: &[Node],
    i: usize,
    path: &mut Vec<(usize, bool)>,
    bit_of: &[usize],
    out: &mut Vec<LeafShap>,
    expected: &mut f64,
) {
    match &nodes[i] {
        Node::Leaf { value, .. } => {
            let mut features: Vec<u32> = Vec::new();
            let mut masks: Vec<u64> = Vec::new();
            let mut dirs: Vec<u64> = Vec::new();
            let mut z: Vec<f64> = Vec::new();
            for (step, &(node, went_left)) in path.iter().enumerate() {
                let f = nodes[node].feature().expect("internal node") as u32;
                let child = if step + 1 < path.len() {
                    path[step + 1].0
                } else {
                    i
                };
                let ratio = nodes[child].cover() / nodes[node].cover();
                let j = match features.iter().position(|&g| g == f) {
                    Some(j) => j,
                    None => {
                        features.push(f);
                        masks.push(0);
                        dirs.push(0);
                        z.push(1.0);
                        features.len() - 1
                    }
                };
                masks[j] |= 1u64 << bit_of[node];
                if went_left {
                    dirs[j] |= 1u64 << bit_of[node];
                }
                z[j] *= ratio;
            }
            let k = features.len();
            *expected += value * z.iter().product::<f64>();
            // P(S) = Π_{j ∉ S} z_j; G(T) = Σ_{S ⊆ T, |S| < k} w(|S|) P(S).
            let size = 1usize << k;
            let mut p = vec![1.0; size];
            for (s, ps) in p.iter_mut().enumerate() {
                for (j, zj) in z.iter().enumerate() {
                    if s >> j & 1 == 0 {
                        *ps *= zj;
                    }
                }
            }
            let w: Vec<f64> = (0..k).map(|s| shapley_weight(s, k)).collect();
            let mut g = vec![0.0; size];
            for (t, gt) in g.iter_mut().enumerate() {
                // Every subset S of T, including the empty one.
                let mut s = t;
                loop {
                    let c = s.count_ones() as usize;
                    if c < k {
                        *gt += w[c] * p[s];
                    }
                    if s == 0 {
                        break;
                    }
                    s = (s - 1) & t;
                }
            }
            let coef: Vec<f64> = z.iter().map(|&zj| value * (1.0 - zj) / zj).collect();
            let path = (0..k)
                .map(|j| PathFeature {
                    mask: masks[j],
                    dirs: dirs[j],
                    coef: coef[j],
                    feature: features[j] as usize,
                })
                .collect();
            out.push(LeafShap {
                value: *value,
                path,
                g,
                table: Vec::new(),
            });
        }
        node => {
            let (l, r) = node.children().expect("internal node");
            path.push((i, true));
            collect_leaves(nodes, l, path, bit_of, out, expected);
            path.pop();
            path.push((i, false));
            collect_leaves(nodes, r, path, bit_of, out, expected);
            path.pop();
        }
    }
}

/// `s! (k − s − 1)! / k!`
fn shapley_weight(s: usize, k: usize) -> f64 {
    let mut w = 1.0 / k as f64;
    // s!(k-s-1)!/(k-1)! = 1 / C(k-1, s)
    let mut c = 1.0;
    for i in 0..s {
        c = c * (k - 1 - i) as f64 / (i + 1) as f64;
    }
    w /= c;
    w
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gbdt::TreeParams;

    /// E[f(x) | x_S] with unknown features averaged by cover (the path-dependent expectation).
    fn cond(
        nodes: &[Node],
        i: usize,
        x: &[f64],
        known: u32,
        cf: &CompiledForest,
        off: usize,
    ) -> f64 {
        match &nodes[i] {
            Node::Leaf { value, .. } => *value,
            n => {
                let (l, r) = n.children().unwrap();
                let f = n.feature().unwrap();
                if known >> f & 1 == 1 {
                    if cf.node_goes_left(cf.node(off + i), x) {
                        cond(nodes, l, x, known, cf, off)
                    } else {
                        cond(nodes, r, x, known, cf, off)
                    }
                } else {
                    (nodes[l].cover() * cond(nodes, l, x, known, cf, off)
                        + nodes[r].cover() * cond(nodes, r, x, known, cf, off))
                        / n.cover()
                }
            }
        }
    }

    fn brute_force(forest: &Forest, x: &[f64], m: usize) -> Vec<f64> {
        let cf = CompiledForest::new(forest);
        let mut phi = vec![0.0; m];
        let mut off = 0;
        for nodes in &forest.trees {
            for (i, p) in phi.iter_mut().enumerate() {
                for s in 0u32..(1 << m) {
                    if s >> i & 1 == 1 {
                        continue;
                    }
                    let size = s.count_ones() as usize;
                    let w = shapley_weight(size, m);
                    *p += w
                        * (cond(nodes, 0, x, s | 1 << i, &cf, off)
                            - cond(nodes, 0, x, s, &cf, off));
                }
            }
            off += nodes.len();
        }
        phi
    }

    #[test]
    fn binned_and_value_paths_agree_exactly() {
        for seed in 0..4 {
            let (forest, _, data) = random_forest_with_data(seed);
            let cf = CompiledForest::new(&forest);
            assert!(cf.is_binned());
            let rows: Vec<usize> = (0..data.rows()).collect();
            let schema = crate::schema::Schema::from_rows(&data, &rows);
            let enc = schema.encode(&data).unwrap();
            let n = data.rows();
            let (mut v, mut b) = (Vec::new(), Vec::new());
            let binned = cf.prepare(&enc, 0, n, &mut v, &mut b);
            let mut values = Vec::new();
            enc.fill_rows(0, n, &mut values);
            let plain = Prepared::Values(&values);
            let (mut m1, mut m2) = (vec![0.0; n], vec![0.0; n]);
            cf.margins_prepared(&binned, 5, &mut m1);
            cf.margins_prepared(&plain, 5, &mut m2);
            assert_eq!(m1, m2);
            let shap = ForestShap::new(&forest);
            let (mut p1, mut p2) = (vec![0.0; n * 5], vec![0.0; n * 5]);
            shap.add_contributions_block(&cf, &binned, 5, &mut p1);
            shap.add_contributions_block(&cf, &plain, 5, &mut p2);
            assert_eq!(p1, p2);
            // Without the precomputed tables: the same bits.
            let direct = ForestShap::with_table_budget(&forest, 0);
            let mut p3 = vec![0.0; n * 5];
            direct.add_contributions_block(&cf, &binned, 5, &mut p3);
            assert_eq!(p1, p3);
        }
    }

    fn random_forest(seed: u64) -> (Forest, Vec<Vec<f64>>) {
        let (f, xs, _) = random_forest_with_data(seed);
        (f, xs)
    }

    fn random_forest_with_data(seed: u64) -> (Forest, Vec<Vec<f64>>, crate::dataset::Dataset) {
        use crate::binning::{BinMapper, BinnedRows};
        use crate::dataset::Dataset;
        use crate::schema::Schema;
        use rand::{Rng, SeedableRng};
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
        let n = 400;
        let mut data = Dataset::new();
        let mut cols = Vec::new();
        for f in 0..4 {
            let v: Vec<f64> = (0..n)
                .map(|_| {
                    if rng.gen_bool(0.1) {
                        f64::NAN
                    } else {
                        rng.gen_range(0..6) as f64
                    }
                })
                .collect();
            cols.push(v.clone());
            data.push_numeric(&format!("x{f}"), v);
        }
        let cats: Vec<Option<String>> = (0..n)
            .map(|_| match rng.gen_range(0..5) {
                0 => None,
                c => Some(format!("c{c}")),
            })
            .collect();
        data.push_categorical("c", cats);
        let labels: Vec<bool> = (0..n)
            .map(|i| {
                let a = cols[0][i];
                let b = cols[1][i];
                (a > 2.0) ^ (b.is_nan() || b < 3.0) ^ rng.gen_bool(0.2)
            })
            .collect();
        let rows: Vec<usize> = (0..n).collect();
        let schema = Schema::from_rows(&data, &rows);
        let enc = schema.encode(&data).unwrap();
        let mappers: Vec<BinMapper> = schema
            .features
            .iter()
            .enumerate()
            .map(|(f, s)| {
                let levels = match &s.kind {
                    crate::schema::FeatureKind::Categorical { levels } => levels.len(),
                    _ => 0,
                };
                BinMapper::fit(&enc.columns[f], &rows, levels)
            })
            .collect();
        let bx = BinnedRows::build(&enc, &mappers, &rows);
        let params = TreeParams {
            num_leaves: 8,
            max_depth: 4,
            min_data_in_leaf: 5,
            max_trees: 5,
            min_data_per_category: 1,
            ..TreeParams::default()
        };
        let t = crate::gbdt::train(&params, &mappers, &bx, &labels, &bx, &labels, seed);
        let xs = (0..20)
            .map(|r| (0..5).map(|f| enc.value(f, r)).collect())
            .collect();
        (t.forest, xs, data)
    }

    #[test]
    fn per_leaf_treeshap_equals_brute_force_shapley_values() {
        for seed in 0..4 {
            let (forest, xs) = random_forest(seed);
            assert!(forest.trees.iter().any(|t| t.len() > 3));
            let cf = CompiledForest::new(&forest);
            let shap = ForestShap::new(&forest);
            for x in &xs {
                let mut phi = vec![0.0; 5];
                shap.add_contributions_block(&cf, &Prepared::Values(x), 5, &mut phi);
                let want = brute_force(&forest, x, 5);
                for (a, b) in phi.iter().zip(&want) {
                    assert!((a - b).abs() < 1e-10, "{phi:?} vs {want:?}");
                }
                let total: f64 = shap.expected + phi.iter().sum::<f64>();
                assert!((total - cf.margin(x)).abs() < 1e-10);
            }
        }
    }
}
