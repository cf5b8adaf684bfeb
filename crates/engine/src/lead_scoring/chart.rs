//! The two charts of lead scoring, drawn with plotters as SVG with the bundled font: a
//! version's ROC curve on the Lead scoring page, and a lead's score over time in its details
//! (with the model's grade bands behind the line).

use chrono::{DateTime, FixedOffset, Utc};
use partner_advisor_learn::metrics::RocPoint;
use plotters::prelude::*;

use super::rules::{Grade, GradeRanges};
use crate::opportunities::chart::ensure_font;
use crate::opportunities::locale_format as fmt;
use crate::settings::Language;
use crate::{EngineError, Result};

/// Fluent's brand blue, the line of both charts.
const LINE: RGBColor = RGBColor(0x0F, 0x6C, 0xBD);

struct Palette {
    ink: RGBColor,
    grid: RGBColor,
    background: RGBColor,
}

fn palette(dark: bool) -> Palette {
    if dark {
        Palette {
            ink: RGBColor(0xD6, 0xD6, 0xD6),
            grid: RGBColor(0x3D, 0x3D, 0x3D),
            background: RGBColor(0x29, 0x29, 0x29),
        }
    } else {
        Palette {
            ink: RGBColor(0x42, 0x42, 0x42),
            grid: RGBColor(0xE0, 0xE0, 0xE0),
            background: WHITE,
        }
    }
}

/// The grade colours of Dynamics 365 (A green, B purple, C yellow, D red), as light bands.
fn grade_colour(grade: Grade) -> RGBColor {
    match grade {
        Grade::A => RGBColor(0x10, 0x7C, 0x10),
        Grade::B => RGBColor(0x88, 0x17, 0x98),
        Grade::C => RGBColor(0xC1, 0x9C, 0x00),
        Grade::D => RGBColor(0xD1, 0x34, 0x38),
    }
}

fn chart_error(e: &dyn std::fmt::Display) -> EngineError {
    EngineError::InvalidInput(format!("chart: {e}"))
}

fn words(lang: Language) -> (&'static str, &'static str, &'static str) {
    match lang {
        Language::En => ("False positive rate", "True positive rate", "Score"),
        Language::Es => (
            "Tasa de falsos positivos",
            "Tasa de verdaderos positivos",
            "Puntuación",
        ),
        Language::Fr => ("Taux de faux positifs", "Taux de vrais positifs", "Score"),
        Language::Pl => (
            "Odsetek fałszywie dodatnich",
            "Odsetek prawdziwie dodatnich",
            "Wynik",
        ),
    }
}

/// The ROC curve of a version's validation leads, with the chance diagonal and the AUC.
pub fn roc_svg(
    points: &[RocPoint],
    auc: Option<f64>,
    lang: Language,
    dark: bool,
) -> Result<String> {
    ensure_font();
    let p = palette(dark);
    let (x_desc, y_desc, _) = words(lang);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (420, 360)).into_drawing_area();
        root.fill(&p.background).map_err(|e| chart_error(&e))?;
        let mut chart = ChartBuilder::on(&root)
            .margin(14)
            .x_label_area_size(40)
            .y_label_area_size(52)
            .build_cartesian_2d(0f64..1f64, 0f64..1f64)
            .map_err(|e| chart_error(&e))?;
        let label_style = ("sans-serif", 12).into_font().color(&p.ink);
        chart
            .configure_mesh()
            .light_line_style(p.grid.mix(0.4))
            .bold_line_style(p.grid)
            .axis_style(p.grid)
            .x_labels(6)
            .y_labels(6)
            .x_label_formatter(&|v| fmt::decimal(*v, 1, lang))
            .y_label_formatter(&|v| fmt::decimal(*v, 1, lang))
            .x_desc(x_desc)
            .y_desc(y_desc)
            .label_style(label_style.clone())
            .axis_desc_style(label_style.clone())
            .draw()
            .map_err(|e| chart_error(&e))?;
        chart
            .draw_series(LineSeries::new(
                [(0.0, 0.0), (1.0, 1.0)],
                p.ink.mix(0.45).stroke_width(1),
            ))
            .map_err(|e| chart_error(&e))?;
        let curve: Vec<(f64, f64)> = points.iter().map(|r| (r.fpr, r.tpr)).collect();
        chart
            .draw_series(LineSeries::new(curve, LINE.stroke_width(2)))
            .map_err(|e| chart_error(&e))?;
        if let Some(auc) = auc {
            chart
                .draw_series(std::iter::once(Text::new(
                    format!("AUC {}", fmt::decimal(auc, 3, lang)),
                    (0.55, 0.12),
                    ("sans-serif", 14).into_font().color(&p.ink),
                )))
                .map_err(|e| chart_error(&e))?;
        }
        root.present().map_err(|e| chart_error(&e))?;
    }
    Ok(svg)
}

/// A lead's score over time (`points` oldest first), over the model's grade bands, with times
/// in the user's `offset` from UTC. Within two days (edits minutes apart) the points are evenly
/// spaced and labelled with their time of day; over longer spans the axis is time, labelled
/// with dates. A single point is drawn as a dot.
pub fn score_history_svg(
    points: &[(DateTime<Utc>, u8)],
    grades: &GradeRanges,
    offset: FixedOffset,
    lang: Language,
    dark: bool,
) -> Result<String> {
    ensure_font();
    let p = palette(dark);
    let (_, _, y_desc) = words(lang);
    let first = points.first().map_or_else(Utc::now, |(t, _)| *t);
    let last = points.last().map_or(first, |(t, _)| *t);
    let by_index = (last - first).num_seconds() < 2 * 86_400;
    let local: Vec<DateTime<FixedOffset>> = points
        .iter()
        .map(|(t, _)| t.with_timezone(&offset))
        .collect();
    let x_of = |i: usize, t: &DateTime<Utc>| {
        if by_index {
            i as f64
        } else {
            (*t - first).num_seconds() as f64 / 86_400.0
        }
    };
    let span = points
        .last()
        .map_or(0.0, |(t, _)| x_of(points.len() - 1, t))
        .max(1.0);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (520, 240)).into_drawing_area();
        root.fill(&p.background).map_err(|e| chart_error(&e))?;
        let mut chart = ChartBuilder::on(&root)
            .margin(12)
            .x_label_area_size(30)
            .y_label_area_size(44)
            .build_cartesian_2d(-span * 0.05..span * 1.06, 0f64..100f64)
            .map_err(|e| chart_error(&e))?;
        for grade in Grade::ALL {
            let (lo, hi) = grades.range(grade);
            let top = if grade == Grade::A {
                100.0
            } else {
                f64::from(hi) + 1.0
            };
            chart
                .draw_series(std::iter::once(Rectangle::new(
                    [(-span * 0.05, f64::from(lo)), (span * 1.06, top)],
                    grade_colour(grade)
                        .mix(if dark { 0.16 } else { 0.09 })
                        .filled(),
                )))
                .map_err(|e| chart_error(&e))?;
        }
        let time_label = |x: &f64| -> String {
            if by_index {
                let i = x.round();
                if (x - i).abs() > 1e-6 || i < 0.0 {
                    return String::new();
                }
                local
                    .get(i as usize)
                    .map(|t| t.format("%H:%M").to_string())
                    .unwrap_or_default()
            } else {
                let at = first + chrono::Duration::seconds((x * 86_400.0) as i64);
                fmt::date(at.with_timezone(&offset).date_naive(), lang)
            }
        };
        let label_style = ("sans-serif", 11).into_font().color(&p.ink);
        chart
            .configure_mesh()
            .disable_x_mesh()
            .light_line_style(p.grid.mix(0.3))
            .bold_line_style(p.grid.mix(0.7))
            .axis_style(p.grid)
            .x_labels(if by_index {
                points.len().clamp(2, 6)
            } else {
                5
            })
            .y_labels(5)
            .x_label_formatter(&time_label)
            .y_label_formatter(&|v| fmt::int(*v as i64, lang))
            .y_desc(y_desc)
            .label_style(label_style.clone())
            .axis_desc_style(label_style)
            .draw()
            .map_err(|e| chart_error(&e))?;
        for grade in Grade::ALL {
            let (lo, hi) = grades.range(grade);
            chart
                .draw_series(std::iter::once(Text::new(
                    grade.as_str().to_owned(),
                    (span * 1.02, (f64::from(lo) + f64::from(hi)) / 2.0 + 2.5),
                    ("sans-serif", 11).into_font().color(&grade_colour(grade)),
                )))
                .map_err(|e| chart_error(&e))?;
        }
        // A step line: a score holds until the next scoring.
        let mut steps: Vec<(f64, f64)> = Vec::with_capacity(points.len() * 2);
        for (i, (t, s)) in points.iter().enumerate() {
            let x = x_of(i, t);
            if i > 0 {
                steps.push((x, steps[steps.len() - 1].1));
            }
            steps.push((x, f64::from(*s)));
        }
        chart
            .draw_series(LineSeries::new(steps, LINE.stroke_width(2)))
            .map_err(|e| chart_error(&e))?;
        chart
            .draw_series(
                points
                    .iter()
                    .enumerate()
                    .map(|(i, (t, s))| Circle::new((x_of(i, t), f64::from(*s)), 3, LINE.filled())),
            )
            .map_err(|e| chart_error(&e))?;
        root.present().map_err(|e| chart_error(&e))?;
    }
    Ok(svg)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn roc_chart_is_an_svg_with_its_auc_in_the_language() {
        let points = [
            RocPoint { fpr: 0.0, tpr: 0.0 },
            RocPoint { fpr: 0.2, tpr: 0.7 },
            RocPoint { fpr: 1.0, tpr: 1.0 },
        ];
        let svg = roc_svg(&points, Some(0.812), Language::Fr, false).unwrap();
        assert!(svg.starts_with("<svg"), "{}", &svg[..40]);
        assert!(svg.contains("AUC 0,812"));
        assert!(svg.contains("Taux de vrais positifs"));
    }

    fn utc() -> FixedOffset {
        FixedOffset::east_opt(0).expect("offset")
    }

    #[test]
    fn edits_minutes_apart_are_spread_out_and_labelled_with_local_times() {
        let t0 = Utc.with_ymd_and_hms(2026, 11, 24, 9, 9, 0).unwrap();
        let points = [(t0, 48), (t0 + chrono::Duration::minutes(1), 45)];
        let madrid = FixedOffset::east_opt(3600).expect("offset");
        let svg = score_history_svg(
            &points,
            &GradeRanges::default(),
            madrid,
            Language::Es,
            false,
        )
        .unwrap();
        assert!(
            svg.contains("\n10:09\n</text>") && svg.contains("\n10:10\n</text>"),
            "{svg}"
        );
        let xs: Vec<f64> = svg
            .match_indices("<circle cx=\"")
            .filter_map(|(i, m)| {
                let rest = &svg[i + m.len()..];
                rest[..rest.find('"')?].parse().ok()
            })
            .collect();
        assert_eq!(xs.len(), 2);
        assert!(xs[1] - xs[0] > 200.0, "{xs:?}");
    }

    #[test]
    fn score_chart_draws_each_point_and_the_grade_letters() {
        let t0 = Utc.with_ymd_and_hms(2026, 10, 1, 9, 0, 0).unwrap();
        let points = [
            (t0, 40),
            (t0 + chrono::Duration::days(3), 62),
            (t0 + chrono::Duration::days(9), 81),
        ];
        let svg =
            score_history_svg(&points, &GradeRanges::default(), utc(), Language::En, true).unwrap();
        assert_eq!(svg.matches("<circle").count(), 3);
        for g in ["A", "B", "C", "D"] {
            assert!(svg.contains(&format!("\n{g}\n</text>")), "grade {g}");
        }
        let single = score_history_svg(
            &points[..1],
            &GradeRanges::default(),
            utc(),
            Language::Pl,
            false,
        )
        .unwrap();
        assert_eq!(single.matches("<circle").count(), 1);
    }
}
