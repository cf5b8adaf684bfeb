//! The Usage tab's chart: a customer's monthly active users per workload, drawn with plotters as
//! SVG so the app and exported reports show the same picture. The font ships with the app
//! (DejaVu Sans), so nothing depends on the fonts installed on the machine.

use std::sync::Once;

use chrono::NaiveDate;
use partner_advisor_domain::Workload;
use plotters::prelude::*;
use plotters::style::{register_font, FontStyle};

use super::history::{workload_key, WORKLOADS};
use super::locale_format as fmt;
use super::texts;
use crate::settings::Language;
use crate::{EngineError, Result};

const WIDTH: u32 = 760;
const HEIGHT: u32 = 340;

/// One line per workload, Fluent's categorical palette (readable on light and dark).
const COLOURS: [RGBColor; 5] = [
    RGBColor(0x0F, 0x6C, 0xBD),
    RGBColor(0xC2, 0x39, 0xB3),
    RGBColor(0x5B, 0x5F, 0xC7),
    RGBColor(0x03, 0x87, 0x87),
    RGBColor(0xCA, 0x50, 0x10),
];

pub(crate) fn ensure_font() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let bytes: &'static [u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
        // The font is part of the build; registration fails only if the bytes are not a font.
        if register_font("sans-serif", FontStyle::Normal, bytes).is_err() {
            tracing::error!("the bundled chart font could not be registered");
        }
    });
}

fn axis_label(lang: Language) -> &'static str {
    match lang {
        Language::En => "Active users",
        Language::Es => "Usuarios activos",
        Language::Fr => "Utilisateurs actifs",
        Language::Pl => "Aktywni użytkownicy",
    }
}

/// Month series of one workload: (month, active users).
pub(crate) type Series = Vec<(NaiveDate, u32)>;

/// Renders the chart for the given series (workloads without data are left out).
pub(crate) fn render(series: &[(Workload, Series)], lang: Language, dark: bool) -> Result<String> {
    ensure_font();
    let mut months: Vec<NaiveDate> = series
        .iter()
        .flat_map(|(_, s)| s.iter().map(|(m, _)| *m))
        .collect();
    months.sort_unstable();
    months.dedup();
    let max = series
        .iter()
        .flat_map(|(_, s)| s.iter().map(|(_, v)| *v))
        .max()
        .unwrap_or(0)
        .max(1);
    let ink = if dark {
        RGBColor(0xD6, 0xD6, 0xD6)
    } else {
        RGBColor(0x42, 0x42, 0x42)
    };
    let grid = if dark {
        RGBColor(0x3D, 0x3D, 0x3D)
    } else {
        RGBColor(0xE0, 0xE0, 0xE0)
    };
    let t = texts::texts(lang);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        let err = |e: &dyn std::fmt::Display| EngineError::InvalidInput(format!("chart: {e}"));
        let n = months.len().max(1);
        let y_top = (f64::from(max) * 1.1).ceil() as u32;
        let mut chart = ChartBuilder::on(&root)
            .margin(12)
            .x_label_area_size(32)
            .y_label_area_size(56)
            .build_cartesian_2d(0usize..n.saturating_sub(1).max(1), 0u32..y_top.max(1))
            .map_err(|e| err(&e))?;
        let label_style = ("sans-serif", 12).into_font().color(&ink);
        let month_labels = months.clone();
        chart
            .configure_mesh()
            .light_line_style(grid.mix(0.5))
            .bold_line_style(grid)
            .axis_style(grid)
            .x_labels(n.min(12))
            .x_label_formatter(&|i| {
                month_labels
                    .get(*i)
                    .map(|m| match lang {
                        Language::En => m.format("%b %y").to_string(),
                        _ => m.format("%m/%y").to_string(),
                    })
                    .unwrap_or_default()
            })
            .y_label_formatter(&|v| fmt::int(i64::from(*v), lang))
            .y_desc(axis_label(lang))
            .label_style(label_style.clone())
            .axis_desc_style(label_style.clone())
            .draw()
            .map_err(|e| err(&e))?;
        for (w, points) in series {
            if points.is_empty() {
                continue;
            }
            let i = WORKLOADS.iter().position(|x| x == w).unwrap_or(0);
            let colour = COLOURS[i % COLOURS.len()];
            let xy: Vec<(usize, u32)> = points
                .iter()
                .filter_map(|(m, v)| months.iter().position(|x| x == m).map(|p| (p, *v)))
                .collect();
            chart
                .draw_series(LineSeries::new(xy.clone(), colour.stroke_width(2)))
                .map_err(|e| err(&e))?
                .label(t.workload(workload_key(*w)))
                .legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 16, y)], colour.stroke_width(2))
                });
            chart
                .draw_series(xy.into_iter().map(|p| Circle::new(p, 3, colour.filled())))
                .map_err(|e| err(&e))?;
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperLeft)
            .background_style(if dark {
                RGBColor(0x29, 0x29, 0x29).mix(0.9)
            } else {
                WHITE.mix(0.9)
            })
            .border_style(grid)
            .label_font(label_style)
            .draw()
            .map_err(|e| err(&e))?;
        root.present().map_err(|e| err(&e))?;
    }
    Ok(svg)
}
