//! The learner end to end: one test binary, a module per area.

use partner_advisor_learn::{
    metrics, train, Candidates, Dataset, LearnerKind, Model, Split, TrainOptions,
};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// A mixed data set with missing values and a nonlinear outcome.
fn synthetic(rows: usize, seed: u64) -> (Dataset, Vec<bool>) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut data = Dataset::new();
    let a: Vec<f64> = (0..rows).map(|_| rng.gen_range(-3.0..3.0)).collect();
    let b: Vec<f64> = (0..rows)
        .map(|_| {
            if rng.gen_bool(0.15) {
                f64::NAN
            } else {
                rng.gen_range(0.0..10.0)
            }
        })
        .collect();
    let noise: Vec<f64> = (0..rows).map(|_| rng.gen_range(0.0..1.0)).collect();
    let colors = ["red", "green", "blue", "amber", "violet"];
    let c: Vec<Option<String>> = (0..rows)
        .map(|_| {
            if rng.gen_bool(0.05) {
                None
            } else {
                Some(colors[rng.gen_range(0..colors.len())].to_owned())
            }
        })
        .collect();
    let labels = (0..rows)
        .map(|i| {
            let mut z = 0.8 * a[i] - 0.5;
            z += if b[i].is_nan() {
                1.0
            } else if b[i] > 6.0 {
                0.7
            } else {
                -0.3
            };
            z += match c[i].as_deref() {
                Some("red") => 1.0,
                Some("blue") => -0.8,
                None => 0.5,
                _ => 0.0,
            };
            z += if a[i] * (b[i].min(5.0) - 2.5) > 2.0 {
                0.8
            } else {
                0.0
            };
            let p = 1.0 / (1.0 + (-z).exp());
            rng.gen_bool(p)
        })
        .collect();
    data.push_numeric("a", a);
    data.push_numeric("b", b);
    data.push_numeric("noise", noise);
    data.push_categorical("color", c);
    (data, labels)
}

fn options(seed: u64, candidates: Candidates) -> TrainOptions {
    TrainOptions {
        seed,
        candidates,
        ..TrainOptions::default()
    }
}

/// The shared data folder, or `None` (with a notice) when this checkout has none beside it.
fn data_dir() -> Option<std::path::PathBuf> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    if dir.join("credit_data.csv").exists() {
        Some(dir)
    } else {
        eprintln!(
            "notice: {} is absent: real-data tests skipped",
            dir.display()
        );
        None
    }
}

mod contributions {
    use super::*;

    fn check(model: &Model, data: &Dataset) {
        let raw = model.raw_score(data).unwrap();
        let matrix = model.contributions_matrix(data).unwrap();
        for (r, &m) in raw.iter().enumerate() {
            let total = matrix.base + matrix.row(r).iter().sum::<f64>();
            assert!((total - m).abs() < 1e-9, "row {r}: {total} vs {m}");
        }
        for r in [0, data.rows() / 2, data.rows() - 1] {
            let c = model.contributions(data, r).unwrap();
            let total = c.base + c.values.iter().map(|(_, v)| v).sum::<f64>();
            assert!((total - raw[r]).abs() < 1e-9);
            assert_eq!(c.values.len(), data.feature_names().len());
            for (j, (name, v)) in c.values.iter().enumerate() {
                assert_eq!(name, &data.feature_names()[j]);
                assert_eq!(*v, matrix.row(r)[j], "single and batch agree exactly");
            }
        }
    }

    /// Property: on random data, random settings and both learners, base + Σ contributions equals
    /// the raw score of every row (training rows and unseen rows with unknown levels alike).
    #[test]
    fn reconcile_exactly_with_the_raw_score() {
        for seed in 0..12u64 {
            let mut rng = ChaCha8Rng::seed_from_u64(1000 + seed);
            let rows = rng.gen_range(150..700);
            let (data, labels) = synthetic(rows, seed);
            let candidates = if seed % 2 == 0 {
                Candidates::TreesOnly
            } else {
                Candidates::LogisticOnly
            };
            let mut opts = options(seed, candidates);
            for p in &mut opts.tree_grid {
                p.num_leaves = rng.gen_range(2..=64);
                p.max_depth = rng.gen_range(1..=8);
                p.min_data_in_leaf = rng.gen_range(1..20);
                p.subsample = rng.gen_range(0.5..=1.0);
                p.max_trees = 40;
                p.min_data_per_category = rng.gen_range(1..5);
            }
            let model = train(&data, &labels, &opts).unwrap();
            check(&model, &data);
            // New rows, including a level the model never saw.
            let (mut other, _) = synthetic(60, seed + 99);
            let names = other.feature_names().to_vec();
            let mut fresh = Dataset::new();
            for n in &names {
                if n == "color" {
                    let v = (0..60)
                        .map(|i| Some(if i % 3 == 0 { "ultraviolet" } else { "red" }.to_owned()))
                        .collect();
                    fresh.push_categorical("color", v);
                } else {
                    fresh.try_push(n, other.column(n).unwrap().clone()).unwrap();
                }
            }
            other = fresh;
            check(&model, &other);
        }
    }
}

mod determinism {
    use super::*;

    #[test]
    fn the_same_seed_gives_identical_bytes_and_a_round_trip_keeps_them() {
        let (data, labels) = synthetic(3000, 5);
        let a = train(&data, &labels, &options(42, Candidates::Both)).unwrap();
        let b = train(&data, &labels, &options(42, Candidates::Both)).unwrap();
        assert_eq!(a.to_bytes(), b.to_bytes());
        let back = Model::from_bytes(&a.to_bytes()).unwrap();
        assert_eq!(back.to_bytes(), a.to_bytes());
        assert_eq!(
            back.predict_proba(&data).unwrap(),
            a.predict_proba(&data).unwrap()
        );
        let c = train(&data, &labels, &options(43, Candidates::Both)).unwrap();
        assert_ne!(c.to_bytes(), a.to_bytes(), "the seed matters");
    }

    #[test]
    fn trees_alone_are_deterministic_too() {
        let (data, labels) = synthetic(2000, 6);
        let a = train(&data, &labels, &options(1, Candidates::TreesOnly)).unwrap();
        let b = train(&data, &labels, &options(1, Candidates::TreesOnly)).unwrap();
        assert_eq!(a.learner(), LearnerKind::Trees);
        assert_eq!(a.to_bytes(), b.to_bytes());
    }
}

mod learning {
    use super::*;

    #[test]
    fn both_learners_beat_a_constant_and_the_report_says_why() {
        let (data, labels) = synthetic(4000, 7);
        let model = train(&data, &labels, &options(3, Candidates::Both)).unwrap();
        let v = model.validation();
        println!("{v:#?}");
        assert!(v.candidates.len() >= 4);
        assert!(
            v.candidates.iter().all(|c| c.validation_auc > 0.7),
            "{:?}",
            v.candidates
        );
        assert!(v.metrics.roc_auc > 0.7);
        assert!(!v.reason.is_empty());
        assert_eq!(v.training_rows + v.validation_rows, 4000);
        let imp = model.feature_importance();
        assert_eq!(imp.len(), 4);
        assert_eq!(imp.last().unwrap().0, "noise", "{imp:?}");
    }

    #[test]
    fn calibration_never_worsens_validation_log_loss() {
        for seed in 0..4 {
            let (data, labels) = synthetic(2500, 20 + seed);
            for candidates in [Candidates::TreesOnly, Candidates::LogisticOnly] {
                let model = train(&data, &labels, &options(seed, candidates)).unwrap();
                let c = &model.validation().calibration;
                let chosen = c
                    .cross_fitted_log_loss
                    .iter()
                    .find(|(m, _)| *m == c.method)
                    .unwrap()
                    .1;
                println!("{candidates:?}: {c:?}");
                assert!(chosen <= c.uncalibrated_log_loss + 1e-12, "{c:?}");
                assert!((model.validation().metrics.log_loss - chosen).abs() < 1e-12);
            }
        }
    }

    #[test]
    fn a_time_ordered_split_validates_on_the_latest_rows() {
        let (data, labels) = synthetic(1000, 8);
        let time: Vec<i64> = (0..1000).map(|i| (i / 7) as i64).collect();
        let opts = TrainOptions {
            split: Split::TimeOrdered {
                time,
                validation_fraction: 0.2,
            },
            ..options(0, Candidates::LogisticOnly)
        };
        let model = train(&data, &labels, &opts).unwrap();
        let v = model.validation();
        assert!(
            (195..=205).contains(&v.validation_rows),
            "{}",
            v.validation_rows
        );
        assert!(v.split.contains("time-ordered"));
    }

    #[test]
    fn too_few_rows_of_a_class_is_refused() {
        let (data, mut labels) = synthetic(200, 9);
        labels.iter_mut().enumerate().for_each(|(i, l)| *l = i < 5);
        let err = train(&data, &labels, &TrainOptions::default()).unwrap_err();
        assert!(err.to_string().contains("5 positive"), "{err}");
    }
}

mod model_file {
    use super::*;
    use partner_advisor_learn::LearnError;

    #[test]
    fn another_format_version_is_refused_clearly() {
        let (data, labels) = synthetic(500, 10);
        let model = train(&data, &labels, &options(0, Candidates::LogisticOnly)).unwrap();
        let text = String::from_utf8(model.to_bytes()).unwrap();
        let newer = text.replacen("\"version\":1", "\"version\":2", 1);
        assert_ne!(text, newer);
        let err = Model::from_bytes(newer.as_bytes()).unwrap_err();
        assert!(
            matches!(
                err,
                LearnError::ModelVersion {
                    found: 2,
                    supported: 1
                }
            ),
            "{err}"
        );
        assert!(err.to_string().contains("version 2"), "{err}");
        let err = Model::from_bytes(b"PK\x03\x04 not a model").unwrap_err();
        assert!(matches!(err, LearnError::NotAModel(_)), "{err}");
        let err = Model::from_bytes(br#"{"format":"something-else","version":1}"#).unwrap_err();
        assert!(matches!(err, LearnError::NotAModel(_)), "{err}");
    }

    #[test]
    fn scoring_maps_columns_by_name_and_names_a_missing_one() {
        let (data, labels) = synthetic(800, 11);
        let model = train(&data, &labels, &options(0, Candidates::TreesOnly)).unwrap();
        // Columns in another order, plus an extra one: same scores.
        let mut shuffled = Dataset::new();
        shuffled.push_numeric("extra", vec![1.0; 800]);
        for n in ["color", "noise", "b", "a"] {
            shuffled
                .try_push(n, data.column(n).unwrap().clone())
                .unwrap();
        }
        assert_eq!(
            model.predict_proba(&shuffled).unwrap(),
            model.predict_proba(&data).unwrap()
        );
        let err = model.predict_proba(&data.without(&["b"])).unwrap_err();
        assert!(
            matches!(&err, LearnError::MissingColumn(c) if c == "b"),
            "{err}"
        );
    }
}

mod decision_tree {
    use partner_advisor_learn::{DecisionTree, SplitRule, TreeNode, TreeOptions, Value};

    use super::*;

    #[test]
    fn learns_a_threshold_and_reports_the_path() {
        let x: Vec<f64> = (0..100).map(f64::from).collect();
        let labels: Vec<bool> = x.iter().map(|&v| v > 41.0).collect();
        let mut data = Dataset::new();
        data.push_numeric("age", x);
        let tree = DecisionTree::fit(
            &data,
            &labels,
            &TreeOptions {
                min_samples_leaf: 5,
                ..TreeOptions::default()
            },
        )
        .unwrap();
        assert_eq!(tree.nodes().len(), 3, "{:?}", tree.nodes());
        let TreeNode::Split {
            rule: SplitRule::AtMost(t),
            ..
        } = &tree.nodes()[0]
        else {
            panic!("{:?}", tree.nodes())
        };
        assert_eq!(*t, 41.5);
        assert_eq!(tree.predict_proba(&data).unwrap()[10], 0.0);
        assert_eq!(tree.predict_proba(&data).unwrap()[90], 1.0);
        let path = tree.path(&data, 90).unwrap();
        assert_eq!(path.len(), 1);
        assert_eq!(path[0].feature, "age");
        assert!(!path[0].went_left);
        assert_eq!(path[0].value, Value::Number(90.0));
    }

    #[test]
    fn learns_xor_of_a_number_and_a_category_with_missing_values() {
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        let n = 800;
        let x: Vec<f64> = (0..n)
            .map(|_| {
                if rng.gen_bool(0.1) {
                    f64::NAN
                } else {
                    rng.gen_range(0.0..1.0)
                }
            })
            .collect();
        let k: Vec<Option<String>> = (0..n)
            .map(|_| Some(["north", "south", "east", "west"][rng.gen_range(0..4)].to_owned()))
            .collect();
        let labels: Vec<bool> = (0..n)
            .map(|i| {
                let high = x[i].is_nan() || x[i] > 0.5;
                let north_or_east = matches!(k[i].as_deref(), Some("north" | "east"));
                high != north_or_east
            })
            .collect();
        let mut data = Dataset::new();
        data.push_numeric("x", x);
        data.push_categorical("region", k);
        let tree = DecisionTree::fit(
            &data,
            &labels,
            &TreeOptions {
                max_depth: 2,
                min_samples_leaf: 10,
                min_gain: 0.0,
            },
        )
        .unwrap();
        let p = tree.predict_proba(&data).unwrap();
        let acc = p
            .iter()
            .zip(&labels)
            .filter(|(&p, &y)| (p > 0.5) == y)
            .count();
        assert_eq!(acc, n, "{:#?}", tree.nodes());
        let path = tree.path(&data, 0).unwrap();
        assert_eq!(path.len(), 2);
        let features: Vec<&str> = path.iter().map(|s| s.feature.as_str()).collect();
        assert!(features.contains(&"x") && features.contains(&"region"));
        let region = tree.nodes().iter().find_map(|n| match n {
            TreeNode::Split {
                rule: SplitRule::OneOf(levels),
                ..
            } => Some(levels.clone()),
            _ => None,
        });
        let mut levels = region.expect("a categorical split");
        levels.sort();
        assert!(
            levels == ["east", "north"] || levels == ["south", "west"],
            "{levels:?}"
        );
    }

    #[test]
    fn a_hand_written_tree_scores_and_explains() {
        let tree = DecisionTree::from_nodes(vec![
            TreeNode::Split {
                feature: "seats".into(),
                rule: SplitRule::AtMost(10.0),
                missing_left: true,
                left: 1,
                right: 2,
                samples: 0,
            },
            TreeNode::Leaf {
                probability: 0.1,
                samples: 0,
            },
            TreeNode::Split {
                feature: "plan".into(),
                rule: SplitRule::OneOf(vec!["E5".into()]),
                missing_left: false,
                left: 3,
                right: 4,
                samples: 0,
            },
            TreeNode::Leaf {
                probability: 0.3,
                samples: 0,
            },
            TreeNode::Leaf {
                probability: 0.8,
                samples: 0,
            },
        ])
        .unwrap();
        let mut data = Dataset::new();
        data.push_numeric("seats", vec![5.0, 50.0, 50.0, f64::NAN]);
        data.push_categorical(
            "plan",
            vec![
                Some("E3".into()),
                Some("E5".into()),
                Some("Business".into()),
                None,
            ],
        );
        assert_eq!(tree.predict_proba(&data).unwrap(), vec![0.1, 0.3, 0.8, 0.1]);
        let path = tree.path(&data, 2).unwrap();
        assert_eq!(path.len(), 2);
        assert_eq!(path[1].value, Value::Category("Business".into()));
        assert!(!path[1].went_left);
        assert!(tree.predict_proba(&data.without(&["plan"])).is_err());
        // Malformed trees are refused.
        assert!(DecisionTree::from_nodes(vec![]).is_err());
        assert!(DecisionTree::from_nodes(vec![
            TreeNode::Split {
                feature: "x".into(),
                rule: SplitRule::AtMost(1.0),
                missing_left: true,
                left: 0,
                right: 1,
                samples: 0
            },
            TreeNode::Leaf {
                probability: 0.5,
                samples: 0
            }
        ])
        .is_err());
        assert!(DecisionTree::from_nodes(vec![TreeNode::Leaf {
            probability: 1.5,
            samples: 0
        }])
        .is_err());
    }
}

mod real_data {
    use super::*;
    use partner_advisor_learn::table::Table;

    fn run(file: &str, target: &str, positive: &str) {
        let Some(dir) = data_dir() else { return };
        let table = Table::read(&dir.join(file)).unwrap();
        let outcome = table.outcome(target, positive, None).unwrap();
        let typed = table.infer(&[target]).unwrap();
        let rows = outcome.known_rows();
        let labels: Vec<bool> = rows.iter().map(|&r| outcome.labels[r].unwrap()).collect();
        let data = typed.dataset.select_rows(&rows);
        let model = train(&data, &labels, &options(7, Candidates::Both)).unwrap();
        let v = model.validation();
        let constant = metrics::evaluate(
            &vec![0.5; v.validation_rows],
            &vec![false; v.validation_rows],
        );
        println!("{file}: notes {:?}", typed.notes);
        for c in &v.candidates {
            println!(
                "{file}: {} AUC {:.4} log loss {:.4}",
                c.name, c.validation_auc, c.validation_log_loss
            );
        }
        println!(
            "{file}: chosen {} ({}); calibration {:?}; ROC AUC {:.4} (constant score {:.1}), PR AUC {:.4}, log loss {:.4}, Brier {:.4}, ECE {:.4}",
            v.chosen, v.reason, v.calibration, v.metrics.roc_auc, constant.roc_auc.max(0.5), v.metrics.pr_auc, v.metrics.log_loss, v.metrics.brier, v.metrics.expected_calibration_error
        );
        println!("{file}: importance {:?}", &model.feature_importance()[..5]);
        assert!(v.metrics.roc_auc > 0.6, "{file}: {}", v.metrics.roc_auc);
        let base_rate = v.validation_positives as f64 / v.validation_rows as f64;
        let constant_ll = metrics::log_loss(
            &vec![base_rate; v.validation_rows],
            &vec![true; v.validation_positives]
                .into_iter()
                .chain(vec![false; v.validation_rows - v.validation_positives])
                .collect::<Vec<_>>(),
        );
        println!("{file}: constant-rate log loss {constant_ll:.4}");
        assert!(
            v.metrics.log_loss < constant_ll,
            "{file}: beats the base rate in log loss too"
        );
    }

    #[test]
    fn credit_data_beats_a_constant_score() {
        run("credit_data.csv", "Status", "bad");
    }

    #[test]
    fn lending_club_beats_a_constant_score() {
        run("lending_club.csv", "Class", "bad");
    }
}

mod table {
    use partner_advisor_learn::table::{Table, TextEncoding};
    use partner_advisor_learn::{Column, LearnError};

    fn utf16(text: &str, little: bool) -> Vec<u8> {
        let mut out = if little {
            vec![0xFF, 0xFE]
        } else {
            vec![0xFE, 0xFF]
        };
        for u in text.encode_utf16() {
            out.extend(if little {
                u.to_le_bytes()
            } else {
                u.to_be_bytes()
            });
        }
        out
    }

    const SEMICOLONS: &str = "Zone;Kwota;Data;Wynik\nPółnoc;1,5;31.12.2024;tak\nPołudnie;NA;01.01.2025;nie\n\"Wschód; centrum\";1.234,5;;tak\n";

    #[test]
    fn reads_every_encoding_and_delimiter_alike() {
        let plain = Table::parse(SEMICOLONS.as_bytes()).unwrap();
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend(SEMICOLONS.as_bytes());
        for (bytes, enc) in [
            (SEMICOLONS.as_bytes().to_vec(), TextEncoding::Utf8),
            (bom, TextEncoding::Utf8Bom),
            (utf16(SEMICOLONS, true), TextEncoding::Utf16Le),
            (utf16(SEMICOLONS, false), TextEncoding::Utf16Be),
        ] {
            let t = Table::parse(&bytes).unwrap();
            assert_eq!(t.dialect().encoding, enc);
            assert_eq!(t.dialect().delimiter, b';');
            assert_eq!(t.headers(), plain.headers());
            assert_eq!(t.cell(2, "Zone"), Some("Wschód; centrum"));
        }
        let typed = plain.infer(&["Wynik"]).unwrap();
        let Some(Column::Numeric(amounts)) = typed.dataset.column("Kwota") else {
            panic!("{:?}", typed.dataset)
        };
        assert_eq!(amounts[0], 1.5);
        assert!(amounts[1].is_nan());
        assert_eq!(amounts[2], 1234.5);
        // The date became days since 1970 and a month.
        let Some(Column::Numeric(days)) = typed.dataset.column("Data") else {
            panic!()
        };
        assert_eq!(days[0], 20_088.0);
        assert!(days[2].is_nan());
        assert!(typed.dataset.column("Data_month").is_some());
        let tab = Table::parse(b"a\tb\n1\tx\n2\ty\n").unwrap();
        assert_eq!(tab.dialect().delimiter, b'\t');
        let latin = Table::parse(b"name,x\ncaf\xe9,1\n").unwrap();
        assert_eq!(latin.dialect().encoding, TextEncoding::Windows1252);
        assert_eq!(latin.cell(0, "name"), Some("café"));
    }

    #[test]
    fn missing_value_spellings_are_missing() {
        let t = Table::parse(b"x,y\n1,a\n,b\nNA,c\nN/A,d\nnull,e\n?,f\n7,g\n").unwrap();
        let typed = t.infer(&["y"]).unwrap();
        let Some(Column::Numeric(x)) = typed.dataset.column("x") else {
            panic!()
        };
        assert_eq!(x.iter().filter(|v| v.is_nan()).count(), 5);
    }

    #[test]
    fn structural_errors_name_the_line() {
        let e = Table::parse(b"a,b\n1,2\n3\n").unwrap_err();
        assert!(
            matches!(
                e,
                LearnError::RaggedRow {
                    line: 3,
                    expected: 2,
                    found: 1
                }
            ),
            "{e}"
        );
        assert!(matches!(
            Table::parse(b"a,b\n").unwrap_err(),
            LearnError::NoRows
        ));
        assert!(matches!(
            Table::parse(b"a,a\n1,2\n").unwrap_err(),
            LearnError::DuplicateColumn(_)
        ));
        let e = Table::parse(&[0xFF, 0xFE, 0x41]).unwrap_err();
        assert!(matches!(e, LearnError::Encoding(_)), "{e}");
    }

    #[test]
    fn outcome_errors_are_typed() {
        let t = Table::parse(b"x,y\n1,won\n2,lost\n3,open\n4,\n").unwrap();
        let e = t.outcome("y", "won", None).unwrap_err();
        assert!(
            matches!(&e, LearnError::UnexpectedOutcomeValues { others, .. } if others.len() == 2),
            "{e}"
        );
        let e = t.outcome("y", "won", Some("lost")).unwrap_err();
        assert!(
            matches!(&e, LearnError::UnexpectedOutcomeValues { others, .. } if others[0].value == "open" && others[0].first_line == 4),
            "{e}"
        );
        assert!(matches!(
            t.outcome("z", "won", None).unwrap_err(),
            LearnError::MissingOutcome { .. }
        ));
        let t = Table::parse(b"x,y\n1,won\n2,lost\n3,\n").unwrap();
        let o = t.outcome("y", "won", None).unwrap();
        assert_eq!(o.labels, vec![Some(true), Some(false), None]);
        assert_eq!((o.negative.as_str(), o.missing), ("lost", 1));
    }

    #[test]
    fn dates_in_mixed_formats_are_an_error_and_slash_order_is_inferred() {
        let t = Table::parse(b"d,y\n2024-01-05,a\n05/01/2024,b\n").unwrap();
        let e = t.infer(&["y"]).unwrap_err();
        assert!(
            matches!(&e, LearnError::MixedDateFormats(m) if m.column == "d" && m.first_line == 2 && m.other_line == 3),
            "{e}"
        );
        let t = Table::parse(b"d,y\n12/31/2024,a\n01/02/2024,b\n").unwrap();
        let typed = t.infer(&["y"]).unwrap();
        let Some(Column::Numeric(days)) = typed.dataset.column("d") else {
            panic!()
        };
        assert_eq!(
            days[1] - days[0],
            -364.0,
            "month first: 2 January is 364 days before 31 December"
        );
        let t = Table::parse(b"d,y\n13/01/2024,a\n01/13/2024,b\n").unwrap();
        assert!(matches!(
            t.infer(&["y"]).unwrap_err(),
            LearnError::MixedDateFormats(_)
        ));
    }
}
