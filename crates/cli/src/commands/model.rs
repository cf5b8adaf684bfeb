//! `partner-advisor model train|evaluate|score`: the learner on any CSV file (SPEC.md §10), e.g.
//! a partner's own CRM history. Columns are typed automatically; the model file keeps that typing,
//! so `evaluate` and `score` read another file the same way, by column name.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{bail, Context as _};
use partner_advisor_formats::{Cell, Delimiter, ExcelCsvWriter};
use partner_advisor_learn::metrics::{self, Metrics};
use partner_advisor_learn::table::{InputSchema, Table};
use partner_advisor_learn::{train, Candidates, Dataset, Model, Split, TrainOptions};

/// `model` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Train a model on a CSV file with an outcome column; prints the validation report.
    Train(TrainArgs),
    /// Measure a model on a CSV file with known outcomes.
    Evaluate(EvaluateArgs),
    /// Score every row of a CSV file: writes its columns plus `score` (0–100) and `probability`.
    Score(ScoreArgs),
}

/// Which learners compete in `model train`.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Learners {
    /// Boosted trees and logistic regression; the validation split decides.
    Both,
    /// Boosted trees only.
    Trees,
    /// Logistic regression only.
    Logistic,
}

/// Options of `model train`.
#[derive(Debug, clap::Args)]
pub struct TrainArgs {
    /// The CSV file (`,`, `;` or tab; UTF-8 or UTF-16).
    #[arg(long)]
    data: PathBuf,
    /// The outcome column.
    #[arg(long)]
    target: String,
    /// The outcome value that counts as positive (e.g. `won`, `bad`, `1`).
    #[arg(long)]
    positive: String,
    /// The negative value; needed only when the column holds more than two values.
    #[arg(long)]
    negative: Option<String>,
    /// A date or number column: the most recent rows validate (otherwise a seeded stratified
    /// split). It is not used as a feature.
    #[arg(long)]
    time: Option<String>,
    /// Random seed: the same file, options and seed give the same model file.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Share of rows that validate.
    #[arg(long, default_value_t = 0.2)]
    validation_fraction: f64,
    /// Which learners compete.
    #[arg(long, value_enum, default_value_t = Learners::Both)]
    learners: Learners,
    /// The model file to write.
    #[arg(long)]
    out: PathBuf,
}

/// Options of `model evaluate`.
#[derive(Debug, clap::Args)]
pub struct EvaluateArgs {
    /// A model file written by `model train`.
    #[arg(long)]
    model: PathBuf,
    /// The CSV file with known outcomes.
    #[arg(long)]
    data: PathBuf,
    /// The outcome column.
    #[arg(long)]
    target: String,
    /// The outcome value that counts as positive.
    #[arg(long)]
    positive: String,
    /// The negative value; needed only when the column holds more than two values.
    #[arg(long)]
    negative: Option<String>,
    /// Print the metrics as one JSON object on stdout.
    #[arg(long)]
    json: bool,
}

/// Options of `model score`.
#[derive(Debug, clap::Args)]
pub struct ScoreArgs {
    /// A model file written by `model train`.
    #[arg(long)]
    model: PathBuf,
    /// The CSV file to score.
    #[arg(long)]
    data: PathBuf,
    /// The CSV file to write (UTF-8 with a byte-order mark, comma-delimited).
    #[arg(long)]
    out: PathBuf,
}

/// Runs a `model` subcommand.
pub fn run(command: Command) -> anyhow::Result<()> {
    match command {
        Command::Train(args) => train_command(args),
        Command::Evaluate(args) => evaluate_command(args),
        Command::Score(args) => score_command(args),
    }
}

/// A spinner on stderr while a step runs, drawn only on a terminal.
fn spinner(message: &str) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::new_spinner();
    bar.set_message(message.to_owned());
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}

fn read_table(path: &Path) -> anyhow::Result<Table> {
    Table::read(path).with_context(|| format!("cannot read {}", path.display()))
}

fn read_model(path: &Path) -> anyhow::Result<Model> {
    let bytes =
        std::fs::read(path).with_context(|| format!("cannot read the model {}", path.display()))?;
    Model::from_bytes(&bytes).with_context(|| format!("cannot load the model {}", path.display()))
}

fn input_schema(model: &Model, path: &Path) -> anyhow::Result<InputSchema> {
    match model.input_schema() {
        Some(s) => Ok(s.clone()),
        None => bail!(
            "the model {} has no column typing (it was not trained from a CSV file)",
            path.display()
        ),
    }
}

fn describe_delimiter(d: u8) -> &'static str {
    match d {
        b';' => "`;`",
        b'\t' => "tab",
        _ => "`,`",
    }
}

fn train_command(args: TrainArgs) -> anyhow::Result<()> {
    let bar = spinner("Reading the data");
    let table = read_table(&args.data)?;
    let outcome = table
        .outcome(&args.target, &args.positive, args.negative.as_deref())
        .with_context(|| format!("cannot train on {}", args.data.display()))?;
    let mut exclude = vec![args.target.as_str()];
    if let Some(t) = &args.time {
        exclude.push(t);
    }
    let typed = table
        .infer(&exclude)
        .with_context(|| format!("cannot train on {}", args.data.display()))?;
    let rows = outcome.known_rows();
    let labels: Vec<bool> = rows
        .iter()
        .map(|&r| outcome.labels[r] == Some(true))
        .collect();
    let data = typed.dataset.select_rows(&rows);
    let split = match &args.time {
        Some(column) => {
            let time = table
                .select_rows(&rows)
                .time_values(column)
                .with_context(|| format!("cannot order the rows by `{column}`"))?;
            Split::TimeOrdered {
                time,
                validation_fraction: args.validation_fraction,
            }
        }
        None => Split::Stratified {
            validation_fraction: args.validation_fraction,
        },
    };
    let options = TrainOptions {
        seed: args.seed,
        split,
        candidates: match args.learners {
            Learners::Both => Candidates::Both,
            Learners::Trees => Candidates::TreesOnly,
            Learners::Logistic => Candidates::LogisticOnly,
        },
        ..TrainOptions::default()
    };
    bar.set_message("Training");
    let mut model = train(&data, &labels, &options)
        .with_context(|| format!("cannot train on {}", args.data.display()))?;
    model.set_input_schema(InputSchema {
        target: Some(args.target.clone()),
        positive: Some(outcome.positive.clone()),
        negative: Some(outcome.negative.clone()),
        time: args.time.clone(),
        ..typed.schema
    });
    let bytes = model.to_bytes();
    write_via_part(&args.out, |mut file| file.write_all(&bytes).map(|()| file))
        .with_context(|| format!("cannot write the model {}", args.out.display()))?;
    bar.finish_and_clear();

    let positives = labels.iter().filter(|&&l| l).count();
    let dialect = table.dialect();
    println!(
        "Read {} rows × {} columns from {} ({}-delimited, {}); outcome `{}`: {} `{}`, {} `{}`{}.",
        table.rows(),
        table.headers().len(),
        args.data.display(),
        describe_delimiter(dialect.delimiter),
        dialect.encoding,
        args.target,
        positives,
        outcome.positive,
        labels.len() - positives,
        outcome.negative,
        if outcome.missing > 0 {
            format!(", {} rows without an outcome skipped", outcome.missing)
        } else {
            String::new()
        }
    );
    for note in &typed.notes {
        println!("Note: {note}.");
    }
    print_report(&model, &outcome.positive, &outcome.negative);
    println!(
        "Model written to {} ({:.1} KB).",
        args.out.display(),
        bytes.len() as f64 / 1000.0
    );
    Ok(())
}

fn print_report(model: &Model, positive: &str, negative: &str) {
    let v = model.validation();
    println!(
        "Split: {} — {} training rows ({} positive), {} validation rows ({} positive).",
        v.split, v.training_rows, v.training_positives, v.validation_rows, v.validation_positives
    );
    println!("Candidates (validation ROC AUC):");
    for c in &v.candidates {
        let trees = c.trees.map_or(String::new(), |t| format!(", {t} trees"));
        println!("  {:<58} {:.4}{trees}", c.name, c.validation_auc);
    }
    println!("Chosen: {}: {}.", v.chosen, v.reason);
    let losses: Vec<String> = v
        .calibration
        .cross_fitted_log_loss
        .iter()
        .map(|(m, l)| format!("{m} {l:.4}"))
        .collect();
    println!(
        "Calibration: {} (cross-fitted validation log loss: {}).",
        v.calibration.method,
        losses.join(", ")
    );
    println!("Validation metrics (calibrated):");
    print_metrics(&v.metrics, positive, negative);
    let top: Vec<String> = model
        .feature_importance()
        .iter()
        .take(8)
        .map(|(n, v)| format!("{n} {v:.3}"))
        .collect();
    println!(
        "Most influential features (mean |contribution|, log-odds): {}.",
        top.join(", ")
    );
}

fn print_metrics(m: &Metrics, positive: &str, negative: &str) {
    let t = &m.threshold;
    println!(
        "  rows                      {} ({} positive)",
        m.rows, m.positives
    );
    println!("  ROC AUC                   {:.4}", m.roc_auc);
    println!("  PR AUC                    {:.4}", m.pr_auc);
    println!("  log loss                  {:.4}", m.log_loss);
    println!("  Brier score               {:.4}", m.brier);
    println!(
        "  expected calibration err. {:.4} ({} bins)",
        m.expected_calibration_error,
        metrics::ECE_BINS
    );
    println!(
        "  F1-optimal threshold      {:.4}: F1 {:.4}, accuracy {:.4}, precision {:.4}, recall {:.4}",
        t.threshold, t.f1, t.accuracy, t.precision, t.recall
    );
    println!("  confusion matrix          predicted {positive:<10} predicted {negative}");
    println!(
        "    actual {positive:<18} {:<20} {}",
        t.true_positives, t.false_negatives
    );
    println!(
        "    actual {negative:<18} {:<20} {}",
        t.false_positives, t.true_negatives
    );
}

fn evaluate_command(args: EvaluateArgs) -> anyhow::Result<()> {
    let bar = spinner("Scoring");
    let model = read_model(&args.model)?;
    let schema = input_schema(&model, &args.model)?;
    let table = read_table(&args.data)?;
    let outcome = table
        .outcome(&args.target, &args.positive, args.negative.as_deref())
        .with_context(|| format!("cannot evaluate on {}", args.data.display()))?;
    let rows = outcome.known_rows();
    let labels: Vec<bool> = rows
        .iter()
        .map(|&r| outcome.labels[r] == Some(true))
        .collect();
    let data: Dataset = table
        .apply(&schema)
        .with_context(|| format!("cannot read {} as the model's columns", args.data.display()))?
        .select_rows(&rows);
    let probs = model.predict_proba(&data)?;
    let m = metrics::evaluate(&probs, &labels);
    bar.finish_and_clear();
    if args.json {
        let text = serde_json::to_string(&m).context("cannot format the metrics")?;
        println!("{text}");
    } else {
        println!(
            "Model: {} ({} calibration); data: {}, outcome `{}` (positive `{}`){}.",
            model.validation().chosen,
            model.calibration(),
            args.data.display(),
            args.target,
            outcome.positive,
            if outcome.missing > 0 {
                format!(", {} rows without an outcome skipped", outcome.missing)
            } else {
                String::new()
            }
        );
        print_metrics(&m, &outcome.positive, &outcome.negative);
    }
    Ok(())
}

/// A column name not yet in `taken`: `name`, else `name_2`, `name_3`…
fn free_name(name: &str, taken: &[String]) -> String {
    if !taken.iter().any(|t| t == name) {
        return name.to_owned();
    }
    (2..)
        .map(|i| format!("{name}_{i}"))
        .find(|n| !taken.contains(n))
        .unwrap_or_default()
}

/// Writes `out` through a temporary `<out>.part` renamed at the end, so that an interrupted run
/// never leaves a file that looks complete.
fn write_via_part(
    out: &Path,
    write: impl FnOnce(std::fs::File) -> std::io::Result<std::fs::File>,
) -> std::io::Result<()> {
    let mut part = out.as_os_str().to_owned();
    part.push(".part");
    let part = PathBuf::from(part);
    let written = std::fs::File::create(&part)
        .and_then(write)
        .and_then(|file| file.sync_all())
        .and_then(|()| std::fs::rename(&part, out));
    if written.is_err() {
        std::fs::remove_file(&part).ok();
    }
    written
}

/// Writes the input's columns plus `extra` as Excel CSV: a BOM, and text Excel would take for a
/// formula neutralised.
fn write_scored(out: &Path, table: &Table, extra: &[(String, Vec<String>)]) -> std::io::Result<()> {
    write_via_part(out, |file| {
        let mut csv = ExcelCsvWriter::new(file, Delimiter::Comma)?;
        let header = table.headers().iter().chain(extra.iter().map(|(h, _)| h));
        for name in header {
            csv.cell(Cell::Text(name))?;
        }
        csv.end_row()?;
        for row in 0..table.rows() {
            for value in table
                .row(row)
                .chain(extra.iter().map(|(_, v)| v[row].as_str()))
            {
                csv.cell(Cell::Text(value))?;
            }
            csv.end_row()?;
        }
        csv.finish()
    })
}

fn score_command(args: ScoreArgs) -> anyhow::Result<()> {
    let bar = spinner("Scoring");
    let model = read_model(&args.model)?;
    let schema = input_schema(&model, &args.model)?;
    let table = read_table(&args.data)?;
    let data = table
        .apply(&schema)
        .with_context(|| format!("cannot read {} as the model's columns", args.data.display()))?;
    let probs = model.predict_proba(&data)?;
    let mut taken = table.headers().to_vec();
    let score_name = free_name("score", &taken);
    taken.push(score_name.clone());
    let prob_name = free_name("probability", &taken);
    let extra = vec![
        (
            score_name,
            probs
                .iter()
                .map(|p| format!("{}", (p * 100.0).round() as i64))
                .collect(),
        ),
        (prob_name, probs.iter().map(|p| format!("{p:.6}")).collect()),
    ];
    write_scored(&args.out, &table, &extra)
        .with_context(|| format!("cannot write {}", args.out.display()))?;
    bar.finish_and_clear();
    println!(
        "Scored {} rows of {} into {}.",
        probs.len(),
        args.data.display(),
        args.out.display()
    );
    Ok(())
}
