//! Training (learner and settings chosen on validation, then calibration) and the trained model:
//! scoring, contributions, reports and the versioned file format.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::binning::{BinMapper, BinnedRows};
use crate::calibration::{self, CalibrationMethod, Calibrator};
use crate::dataset::{Dataset, Value};
use crate::error::{LearnError, Result};
use crate::gbdt::{self, CompiledForest, Forest, TreeParams};
use crate::logistic::{self, Logistic};
use crate::metrics::{self, Metrics};
use crate::schema::{Encoded, FeatureKind, Schema};
use crate::shap::ForestShap;
use crate::split::{self, Split};
use crate::table::InputSchema;

/// The model file format this build writes and reads.
pub const FORMAT_VERSION: u32 = 1;
/// The `format` field of a model file.
pub const FORMAT_NAME: &str = "partner-advisor-learn-model";
/// Most validation rows the feature importance is averaged over.
const IMPORTANCE_ROWS: usize = 2000;
/// A more complex candidate must beat a simpler one by more than this validation ROC AUC.
pub const AUC_TIE: f64 = 0.002;

/// Which learners compete.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Candidates {
    /// Boosted trees and logistic regression.
    #[default]
    Both,
    /// Boosted trees only.
    TreesOnly,
    /// Logistic regression only.
    LogisticOnly,
}

/// Options of [`train`].
#[derive(Debug, Clone, PartialEq)]
pub struct TrainOptions {
    /// Seed of every random choice (split, row subsampling, calibration folds).
    pub seed: u64,
    /// How rows are divided into training and validation.
    pub split: Split,
    /// Which learners compete.
    pub candidates: Candidates,
    /// Settings of the boosted trees tried (the grid).
    pub tree_grid: Vec<TreeParams>,
    /// L2 strengths of the logistic regressions tried.
    pub logistic_l2: Vec<f64>,
    /// Least rows of each class in the data.
    pub min_rows_per_class: usize,
}

impl Default for TrainOptions {
    fn default() -> Self {
        Self {
            seed: 0,
            split: Split::default(),
            candidates: Candidates::Both,
            tree_grid: default_tree_grid(),
            logistic_l2: vec![1e-1, 1e-2, 1e-3],
            min_rows_per_class: 10,
        }
    }
}

/// The boosted-tree settings tried by default: shallow (8 leaves, depth 3) and deeper (31 leaves,
/// depth 6), both with learning rate 0.1 and early stopping.
pub fn default_tree_grid() -> Vec<TreeParams> {
    vec![
        TreeParams {
            num_leaves: 8,
            max_depth: 3,
            ..TreeParams::default()
        },
        TreeParams::default(),
    ]
}

/// The kind of learner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LearnerKind {
    /// Gradient-boosted trees.
    Trees,
    /// Regularised logistic regression.
    Logistic,
}

/// One candidate's validation result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CandidateReport {
    /// A readable name with its settings.
    pub name: String,
    /// Its learner.
    pub learner: LearnerKind,
    /// ROC AUC of its margin on the validation rows.
    pub validation_auc: f64,
    /// Log loss of its uncalibrated probabilities on the validation rows.
    pub validation_log_loss: f64,
    /// Trees kept after early stopping (boosted trees).
    pub trees: Option<usize>,
}

/// How the calibration was chosen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CalibrationReport {
    /// The method chosen.
    pub method: CalibrationMethod,
    /// Each method's cross-fitted validation log loss.
    pub cross_fitted_log_loss: Vec<(CalibrationMethod, f64)>,
    /// Validation log loss of the uncalibrated probabilities.
    pub uncalibrated_log_loss: f64,
}

/// What training measured on the validation rows, and what it chose.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ValidationReport {
    /// The split used.
    pub split: String,
    /// The seed used.
    pub seed: u64,
    /// Training rows.
    pub training_rows: usize,
    /// Positive training rows.
    pub training_positives: usize,
    /// Validation rows.
    pub validation_rows: usize,
    /// Positive validation rows.
    pub validation_positives: usize,
    /// Every candidate, simplest first.
    pub candidates: Vec<CandidateReport>,
    /// The chosen candidate's name.
    pub chosen: String,
    /// Its learner.
    pub learner: LearnerKind,
    /// Why it was chosen.
    pub reason: String,
    /// The calibration.
    pub calibration: CalibrationReport,
    /// Metrics of the final, calibrated probabilities on the validation rows (cross-fitted
    /// calibration: no row is scored by a calibrator that saw it).
    pub metrics: Metrics,
}

/// Per-row explanation: `base + Σ values = raw score` (the margin, in log-odds).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contributions {
    /// The expected margin (trees) or the margin at the training means (logistic).
    pub base: f64,
    /// One contribution per feature, in the model's feature order.
    pub values: Vec<(String, f64)>,
}

/// Contributions of many rows, row-major.
#[derive(Debug, Clone, PartialEq)]
pub struct ContributionMatrix {
    /// The common base.
    pub base: f64,
    /// Feature names (the columns).
    pub features: Vec<String>,
    /// `rows × features` contributions.
    pub values: Vec<f64>,
}

impl ContributionMatrix {
    /// Contributions of one row.
    pub fn row(&self, r: usize) -> &[f64] {
        let f = self.features.len();
        &self.values[r * f..(r + 1) * f]
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Learner {
    Trees(Forest),
    Logistic(Logistic),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct ModelFile {
    format: String,
    version: u32,
    schema: Schema,
    learner: Learner,
    calibration: Calibrator,
    validation: ValidationReport,
    importance: Vec<(String, f64)>,
    input: Option<InputSchema>,
}

#[derive(Deserialize)]
struct Header {
    format: String,
    version: u32,
}

/// A trained, calibrated binary model.
pub struct Model {
    file: ModelFile,
    compiled: Option<CompiledForest>,
    shap: OnceLock<ForestShap>,
}

impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Model")
            .field("chosen", &self.file.validation.chosen)
            .field("features", &self.file.schema.features.len())
            .finish()
    }
}

impl Clone for Model {
    fn clone(&self) -> Self {
        Model::from_file(self.file.clone())
    }
}

fn threads() -> usize {
    std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8)
}

/// Rows per block when scoring: small enough for the block to stay in cache.
const BLOCK: usize = 256;

/// Runs `f(first_row, rows, out)` over blocks of rows, `width` outputs per row, in parallel for
/// large inputs. Each row's output depends on that row only, so the thread count never changes
/// a result.
fn for_blocks<F>(rows: usize, width: usize, out: &mut [f64], f: F)
where
    F: Fn(usize, usize, &mut [f64]) + Sync,
{
    let t = if rows < 8 * BLOCK { 1 } else { threads() };
    let per = rows.div_ceil(t).div_ceil(BLOCK) * BLOCK;
    if t == 1 || per == 0 {
        let mut start = 0;
        for chunk in out.chunks_mut(BLOCK * width) {
            let n = chunk.len() / width.max(1);
            f(start, n, chunk);
            start += n;
        }
        return;
    }
    std::thread::scope(|s| {
        for (i, part) in out.chunks_mut(per * width).enumerate() {
            let f = &f;
            s.spawn(move || {
                let mut start = i * per;
                for chunk in part.chunks_mut(BLOCK * width) {
                    let n = chunk.len() / width.max(1);
                    f(start, n, chunk);
                    start += n;
                }
            });
        }
    });
}

impl Model {
    fn from_file(file: ModelFile) -> Model {
        let compiled = match &file.learner {
            Learner::Trees(forest) => Some(CompiledForest::new(forest)),
            Learner::Logistic(_) => None,
        };
        Model {
            file,
            compiled,
            shap: OnceLock::new(),
        }
    }

    fn margins_encoded(&self, enc: &Encoded<'_>) -> Vec<f64> {
        let nf = self.file.schema.features.len();
        let mut out = vec![0.0; enc.rows];
        for_blocks(enc.rows, 1, &mut out, |start, n, o| {
            let mut buf = Vec::new();
            match (&self.compiled, &self.file.learner) {
                (Some(forest), _) => {
                    let mut bins = Vec::new();
                    let rows = forest.prepare(enc, start, n, &mut buf, &mut bins);
                    forest.margins_prepared(&rows, nf, o);
                }
                (None, Learner::Logistic(l)) => {
                    enc.fill_rows(start, n, &mut buf);
                    for (m, x) in o.iter_mut().zip(buf.chunks_exact(nf.max(1))) {
                        *m = l.margin(x);
                    }
                }
                (None, Learner::Trees(_)) => unreachable!("trees are compiled on load"),
            }
        });
        out
    }

    /// The margin (log-odds) of every row, before calibration.
    pub fn raw_score(&self, data: &Dataset) -> Result<Vec<f64>> {
        let enc = self.file.schema.encode(data)?;
        Ok(self.margins_encoded(&enc))
    }

    /// The calibrated probability of every row.
    pub fn predict_proba(&self, data: &Dataset) -> Result<Vec<f64>> {
        let mut m = self.raw_score(data)?;
        for v in &mut m {
            *v = self.file.calibration.apply(*v);
        }
        Ok(m)
    }

    fn shap(&self) -> Option<&ForestShap> {
        match &self.file.learner {
            Learner::Trees(forest) => Some(self.shap.get_or_init(|| ForestShap::new(forest))),
            Learner::Logistic(_) => None,
        }
    }

    fn base(&self) -> f64 {
        match &self.file.learner {
            Learner::Trees(_) => self.shap().map_or(0.0, |s| s.expected),
            Learner::Logistic(l) => l.base,
        }
    }

    /// Adds the contributions of rows `start..start + n` of `enc` to `phi` (`n × features`).
    fn add_contributions(&self, enc: &Encoded<'_>, start: usize, n: usize, phi: &mut [f64]) {
        let nf = self.file.schema.features.len();
        let mut values = Vec::new();
        match (&self.file.learner, &self.compiled) {
            (Learner::Trees(_), Some(c)) => {
                if let Some(s) = self.shap() {
                    let mut bins = Vec::new();
                    let rows = c.prepare(enc, start, n, &mut values, &mut bins);
                    s.add_contributions_block(c, &rows, nf, phi);
                }
            }
            (Learner::Logistic(l), _) => {
                enc.fill_rows(start, n, &mut values);
                for (x, p) in values.chunks_exact(nf).zip(phi.chunks_exact_mut(nf)) {
                    l.add_contributions(x, p);
                }
            }
            (Learner::Trees(_), None) => unreachable!("trees are compiled on load"),
        }
    }

    /// Exact per-feature contributions of one row: `base + Σ values == raw_score[row]` (up to
    /// rounding). Trees: path-dependent TreeSHAP; logistic: coefficient × (value − training mean).
    pub fn contributions(&self, data: &Dataset, row: usize) -> Result<Contributions> {
        if row >= data.rows() {
            return Err(LearnError::invalid(format!(
                "row {row} is past the {} rows of the data",
                data.rows()
            )));
        }
        let enc = self.file.schema.encode(data)?;
        let nf = self.file.schema.features.len();
        let mut phi = vec![0.0; nf];
        self.add_contributions(&enc, row, 1, &mut phi);
        Ok(Contributions {
            base: self.base(),
            values: self.file.schema.names().into_iter().zip(phi).collect(),
        })
    }

    /// Contributions of every row at once (in parallel for large inputs).
    pub fn contributions_matrix(&self, data: &Dataset) -> Result<ContributionMatrix> {
        let enc = self.file.schema.encode(data)?;
        let nf = self.file.schema.features.len();
        let base = self.base();
        let mut values = vec![0.0; enc.rows * nf];
        if nf > 0 {
            for_blocks(enc.rows, nf, &mut values, |start, n, o| {
                self.add_contributions(&enc, start, n, o);
            });
        }
        Ok(ContributionMatrix {
            base,
            features: self.file.schema.names(),
            values,
        })
    }

    /// What training measured and chose.
    pub fn validation(&self) -> &ValidationReport {
        &self.file.validation
    }

    /// Mean absolute contribution (log-odds) of each feature over the validation rows (at most
    /// 2,000, evenly spaced), largest first.
    pub fn feature_importance(&self) -> Vec<(String, f64)> {
        self.file.importance.clone()
    }

    /// The features the model reads.
    pub fn schema(&self) -> &Schema {
        &self.file.schema
    }

    /// The learner that won.
    pub fn learner(&self) -> LearnerKind {
        self.file.validation.learner
    }

    /// The chosen calibration.
    pub fn calibration(&self) -> CalibrationMethod {
        self.file.calibration.method()
    }

    /// How a source table's columns became the features, when the model came from a CSV.
    pub fn input_schema(&self) -> Option<&InputSchema> {
        self.file.input.as_ref()
    }

    /// Records how a source table's columns became the features (stored in the model file).
    pub fn set_input_schema(&mut self, input: InputSchema) {
        self.file.input = Some(input);
    }

    /// The model file: JSON with a format name and version. The same model gives the same bytes
    /// on every platform.
    pub fn to_bytes(&self) -> Vec<u8> {
        serde_json::to_vec(&self.file).expect("a model serialises")
    }

    /// Reads a model file; another format version is refused with [`LearnError::ModelVersion`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Model> {
        let header: Header = serde_json::from_slice(bytes)
            .map_err(|e| LearnError::NotAModel(format!("unreadable ({e})")))?;
        if header.format != FORMAT_NAME {
            return Err(LearnError::NotAModel(format!(
                "its format is `{}`",
                header.format
            )));
        }
        if header.version != FORMAT_VERSION {
            return Err(LearnError::ModelVersion {
                found: header.version,
                supported: FORMAT_VERSION,
            });
        }
        let file: ModelFile = serde_json::from_slice(bytes)
            .map_err(|e| LearnError::NotAModel(format!("damaged ({e})")))?;
        validate_file(&file)?;
        Ok(Model::from_file(file))
    }
}

/// Checks the indices a damaged or hand-edited file could break, so scoring never panics.
fn validate_file(file: &ModelFile) -> Result<()> {
    let nf = file.schema.features.len();
    let bad = |m: &str| Err(LearnError::NotAModel(format!("damaged ({m})")));
    match &file.learner {
        Learner::Trees(forest) => {
            for tree in &forest.trees {
                if tree.is_empty() {
                    return bad("an empty tree");
                }
                for (i, node) in tree.iter().enumerate() {
                    if let Some((l, r)) = node.children() {
                        if l <= i || r <= i || l >= tree.len() || r >= tree.len() {
                            return bad("a tree's child index");
                        }
                        if node.feature().is_none_or(|f| f >= nf) {
                            return bad("a tree's feature index");
                        }
                    }
                }
                if tree.len() > 127 {
                    return bad("a tree with more than 64 leaves");
                }
            }
        }
        Learner::Logistic(l) => {
            if l.numeric
                .iter()
                .map(|t| t.feature)
                .chain(l.categorical.iter().map(|t| t.feature))
                .any(|f| f as usize >= nf)
            {
                return bad("a coefficient's feature index");
            }
            for t in &l.categorical {
                let k = t.coefs.len();
                if t.means.len() != k
                    || t.column_of
                        .iter()
                        .chain(t.missing_column.iter())
                        .any(|&c| c != u32::MAX && c as usize >= k)
                {
                    return bad("a categorical column index");
                }
            }
        }
    }
    Ok(())
}

struct Fitted {
    report: CandidateReport,
    learner: Learner,
    valid_margin: Vec<f64>,
}

/// Trains a calibrated binary model: the learners and settings of `options` compete on the
/// validation split (ROC AUC; a tie within [`AUC_TIE`] goes to the simpler), then the
/// calibration is chosen on the same rows by cross-fitting.
///
/// The model is not refitted on training + validation rows afterwards: the model shipped is the
/// one the validation report measured, and its calibrator was fitted on scores it did not train
/// on.
pub fn train(data: &Dataset, labels: &[bool], options: &TrainOptions) -> Result<Model> {
    if labels.len() != data.rows() {
        return Err(LearnError::invalid(format!(
            "{} labels for {} rows",
            labels.len(),
            data.rows()
        )));
    }
    if data.feature_names().is_empty() {
        return Err(LearnError::invalid("the data has no feature columns"));
    }
    let positives = labels.iter().filter(|&&l| l).count();
    let negatives = labels.len() - positives;
    if positives < options.min_rows_per_class || negatives < options.min_rows_per_class {
        return Err(LearnError::invalid(format!(
            "training needs at least {} rows of each class; the data has {positives} positive and {negatives} negative",
            options.min_rows_per_class
        )));
    }
    for p in &options.tree_grid {
        p.validate().map_err(LearnError::InvalidInput)?;
    }
    let (train_rows, valid_rows) = split::split_rows(&options.split, labels, options.seed)?;
    let schema = Schema::from_rows(data, &train_rows);
    let enc = schema.encode(data)?;
    let train_y: Vec<bool> = train_rows.iter().map(|&r| labels[r]).collect();
    let valid_y: Vec<bool> = valid_rows.iter().map(|&r| labels[r]).collect();

    let want_trees =
        options.candidates != Candidates::LogisticOnly && !options.tree_grid.is_empty();
    let want_logistic =
        options.candidates != Candidates::TreesOnly && !options.logistic_l2.is_empty();
    if !want_trees && !want_logistic {
        return Err(LearnError::invalid(
            "no learner to train: the grids are empty",
        ));
    }

    // Tree configurations run on their own threads, the logistic path on this one; results are
    // gathered in a fixed order, so the thread count never changes the model.
    let mut grid: Vec<(usize, TreeParams)> =
        options.tree_grid.iter().cloned().enumerate().collect();
    grid.sort_by(|a, b| {
        (a.1.num_leaves, a.1.max_depth, a.0).cmp(&(b.1.num_leaves, b.1.max_depth, b.0))
    });
    let (tree_fits, logistic_fits) = std::thread::scope(|s| {
        let tree_job = want_trees.then(|| {
            let enc = &enc;
            let (train_rows, valid_rows, train_y, valid_y, schema, grid) =
                (&train_rows, &valid_rows, &train_y, &valid_y, &schema, &grid);
            s.spawn(move || {
                let mappers: Vec<BinMapper> = schema
                    .features
                    .iter()
                    .enumerate()
                    .map(|(f, spec)| {
                        let levels = match &spec.kind {
                            FeatureKind::Categorical { levels } => levels.len(),
                            FeatureKind::Numeric => 0,
                        };
                        BinMapper::fit(&enc.columns[f], train_rows, levels)
                    })
                    .collect();
                let tx = BinnedRows::build(enc, &mappers, train_rows);
                let vx = BinnedRows::build(enc, &mappers, valid_rows);
                let run = |(i, p): &(usize, TreeParams)| {
                    gbdt::train(
                        p,
                        &mappers,
                        &tx,
                        train_y,
                        &vx,
                        valid_y,
                        options.seed.wrapping_add(*i as u64),
                    )
                };
                if threads() > 1 && grid.len() > 1 {
                    std::thread::scope(|s2| {
                        let handles: Vec<_> =
                            grid.iter().map(|g| s2.spawn(move || run(g))).collect();
                        handles
                            .into_iter()
                            .zip(grid)
                            .map(|(h, (_, p))| (p.clone(), h.join().expect("tree training thread")))
                            .collect::<Vec<_>>()
                    })
                } else {
                    grid.iter().map(|g| (g.1.clone(), run(g))).collect()
                }
            })
        });
        let logistic = if want_logistic {
            let mut l2 = options.logistic_l2.clone();
            l2.sort_by(|a, b| b.total_cmp(a));
            l2.dedup();
            logistic::train_path(&schema, &enc, &train_rows, &train_y, &valid_rows, &l2)
        } else {
            Vec::new()
        };
        let trees = tree_job.map_or_else(Vec::new, |h| h.join().expect("tree training thread"));
        (trees, logistic)
    });

    let mut fitted: Vec<Fitted> = Vec::new();
    for (model, vm) in logistic_fits {
        fitted.push(Fitted {
            report: CandidateReport {
                name: format!("logistic regression (L2 {})", model.l2),
                learner: LearnerKind::Logistic,
                validation_auc: metrics::roc_auc(&vm, &valid_y),
                validation_log_loss: uncalibrated_log_loss(&vm, &valid_y),
                trees: None,
            },
            learner: Learner::Logistic(model),
            valid_margin: vm,
        });
    }
    for (p, t) in tree_fits {
        fitted.push(Fitted {
            report: CandidateReport {
                name: format!(
                    "boosted trees ({} leaves, depth {}, learning rate {})",
                    p.num_leaves, p.max_depth, p.learning_rate
                ),
                learner: LearnerKind::Trees,
                validation_auc: metrics::roc_auc(&t.valid_margin, &valid_y),
                validation_log_loss: uncalibrated_log_loss(&t.valid_margin, &valid_y),
                trees: Some(t.forest.trees.len()),
            },
            learner: Learner::Trees(t.forest),
            valid_margin: t.valid_margin,
        });
    }

    // Candidates are simplest first; a later one must beat the current choice by more than the tie.
    let mut best = 0;
    for (i, f) in fitted.iter().enumerate().skip(1) {
        let auc = f.report.validation_auc;
        let b = fitted[best].report.validation_auc;
        if auc > b + AUC_TIE || (b.is_nan() && !auc.is_nan()) {
            best = i;
        }
    }
    let top = fitted
        .iter()
        .enumerate()
        .max_by(|a, b| {
            a.1.report
                .validation_auc
                .total_cmp(&b.1.report.validation_auc)
                .then(b.0.cmp(&a.0))
        })
        .map_or(best, |(i, _)| i);
    let reason = if fitted.len() == 1 {
        "the only candidate".to_owned()
    } else if top == best {
        let runner_up = fitted
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != best)
            .map(|(_, f)| f.report.validation_auc)
            .fold(f64::NEG_INFINITY, f64::max);
        format!(
            "the highest validation ROC AUC, {:.4} (next best {:.4})",
            fitted[best].report.validation_auc, runner_up
        )
    } else {
        format!(
            "within {AUC_TIE} validation ROC AUC of the best ({}, {:.4}) with {:.4}, and simpler",
            fitted[top].report.name,
            fitted[top].report.validation_auc,
            fitted[best].report.validation_auc
        )
    };
    let candidates: Vec<CandidateReport> = fitted.iter().map(|f| f.report.clone()).collect();
    let chosen = fitted.swap_remove(best);

    // Calibration, chosen and reported by cross-fitting on the validation rows.
    let folds = split::stratified_folds(&valid_y, calibration::FOLDS, options.seed);
    let cf = calibration::cross_fit(&chosen.valid_margin, &valid_y, &folds);
    let mut pick = 0;
    for i in 1..cf.log_loss.len() {
        if cf.log_loss[i].1 < cf.log_loss[pick].1 - calibration::TIE {
            pick = i;
        }
    }
    let method = cf.log_loss[pick].0;
    let calibrator = Calibrator::fit(method, &chosen.valid_margin, &valid_y);
    let metrics = metrics::evaluate(&cf.probabilities[pick], &valid_y);
    let validation = ValidationReport {
        split: options.split.describe(),
        seed: options.seed,
        training_rows: train_rows.len(),
        training_positives: train_y.iter().filter(|&&y| y).count(),
        validation_rows: valid_rows.len(),
        validation_positives: valid_y.iter().filter(|&&y| y).count(),
        candidates,
        chosen: chosen.report.name.clone(),
        learner: chosen.report.learner,
        reason,
        calibration: CalibrationReport {
            method,
            cross_fitted_log_loss: cf.log_loss.clone(),
            uncalibrated_log_loss: chosen.report.validation_log_loss,
        },
        metrics,
    };
    let mut model = Model::from_file(ModelFile {
        format: FORMAT_NAME.to_owned(),
        version: FORMAT_VERSION,
        schema,
        learner: chosen.learner,
        calibration: calibrator,
        validation,
        importance: Vec::new(),
        input: None,
    });
    // Importance: mean |contribution| over (at most IMPORTANCE_ROWS, evenly spaced) validation rows.
    let step = valid_rows.len().div_ceil(IMPORTANCE_ROWS).max(1);
    let sample: Vec<usize> = valid_rows.iter().step_by(step).copied().collect();
    let valid_data = data.select_rows(&sample);
    let matrix = model.contributions_matrix(&valid_data)?;
    let nf = matrix.features.len();
    let mut importance: Vec<(String, f64)> = matrix
        .features
        .iter()
        .enumerate()
        .map(|(j, name)| {
            let s: f64 = (0..sample.len())
                .map(|r| matrix.values[r * nf + j].abs())
                .sum();
            (name.clone(), s / sample.len().max(1) as f64)
        })
        .collect();
    importance.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    model.file.importance = importance;
    Ok(model)
}

fn uncalibrated_log_loss(margins: &[f64], y: &[bool]) -> f64 {
    let p: Vec<f64> = margins.iter().map(|&m| gbdt::sigmoid(m)).collect();
    metrics::log_loss(&p, y)
}

/// The value of a feature in a row, for explanations (re-exported for callers that render
/// contributions next to values).
pub fn feature_value(data: &Dataset, feature: &str, row: usize) -> Option<Value> {
    data.column(feature).map(|c| c.value(row))
}
