//! Bands, the 4×4 fit × intent map to cluster codes (A1–D4), and the firmographic segments
//! (SPEC §6.1–6.2, FORMATS §1.2).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::{EngineError, Result};

/// A score band, for fit and intent alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Band {
    /// 75–100.
    High,
    /// 55–74.
    Medium,
    /// 30–54.
    Low,
    /// 0–29.
    VeryLow,
}

impl Band {
    /// Best first: the map's row and column order.
    pub const ALL: [Band; 4] = [Band::High, Band::Medium, Band::Low, Band::VeryLow];

    /// The band of a 0–100 score (above 100 counts as 100).
    pub fn of(score: u8) -> Band {
        match score {
            75.. => Band::High,
            55..=74 => Band::Medium,
            30..=54 => Band::Low,
            _ => Band::VeryLow,
        }
    }

    /// The band's scores, inclusive.
    pub fn range(self) -> (u8, u8) {
        match self {
            Band::High => (75, 100),
            Band::Medium => (55, 74),
            Band::Low => (30, 54),
            Band::VeryLow => (0, 29),
        }
    }

    /// Microsoft's word for it.
    pub fn label(self) -> &'static str {
        match self {
            Band::High => "High",
            Band::Medium => "Medium",
            Band::Low => "Low",
            Band::VeryLow => "Very Low",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// A cluster: the letter of a segment code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Cluster {
    /// Act now: sales-ready customers.
    A,
    /// Evaluate: marketing-ready customers.
    B,
    /// Nurture: drive awareness campaigns.
    C,
    /// Educate: educate and monitor for intent.
    D,
}

impl Cluster {
    /// A to D.
    pub const ALL: [Cluster; 4] = [Cluster::A, Cluster::B, Cluster::C, Cluster::D];

    /// Microsoft's name.
    pub fn name(self) -> &'static str {
        match self {
            Cluster::A => "Act now",
            Cluster::B => "Evaluate",
            Cluster::C => "Nurture",
            Cluster::D => "Educate",
        }
    }

    fn letter(self) -> char {
        match self {
            Cluster::A => 'A',
            Cluster::B => 'B',
            Cluster::C => 'C',
            Cluster::D => 'D',
        }
    }
}

/// A cell's code: the cluster and the rank inside it (1 is the best), e.g. `A1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Segment {
    /// The cluster.
    pub cluster: Cluster,
    /// 1–4.
    pub rank: u8,
}

impl Segment {
    /// Reads `A1`…`D4` (case ignored).
    pub fn parse(code: &str) -> Option<Segment> {
        let mut c = code.trim().chars();
        let cluster = match c.next()?.to_ascii_uppercase() {
            'A' => Cluster::A,
            'B' => Cluster::B,
            'C' => Cluster::C,
            'D' => Cluster::D,
            _ => return None,
        };
        let rank = c.next()?.to_digit(10)? as u8;
        if c.next().is_some() || !(1..=4).contains(&rank) {
            return None;
        }
        Some(Segment { cluster, rank })
    }
}

impl fmt::Display for Segment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.cluster.letter(), self.rank)
    }
}

impl Serialize for Segment {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Segment {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Segment::parse(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("`{s}` is not a code A1 to D4")))
    }
}

/// The 4×4 map from fit band (rows) × intent band (columns) to segment codes. Microsoft
/// publishes it only as a picture, so it is a setting; [`Default`] is SPEC §6.1's table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "[[Segment; 4]; 4]", into = "[[Segment; 4]; 4]")]
pub struct ClusterMap {
    cells: [[Segment; 4]; 4],
}

impl Default for ClusterMap {
    fn default() -> Self {
        let s = |code: &str| Segment::parse(code).expect("the default map's codes");
        Self {
            cells: [
                [s("A1"), s("A2"), s("B1"), s("C1")],
                [s("A3"), s("A4"), s("B3"), s("C3")],
                [s("B2"), s("B4"), s("D1"), s("D2")],
                [s("C2"), s("C4"), s("D3"), s("D4")],
            ],
        }
    }
}

impl TryFrom<[[Segment; 4]; 4]> for ClusterMap {
    type Error = EngineError;

    fn try_from(cells: [[Segment; 4]; 4]) -> Result<Self> {
        ClusterMap::new(cells)
    }
}

impl From<ClusterMap> for [[Segment; 4]; 4] {
    fn from(m: ClusterMap) -> Self {
        m.cells
    }
}

impl ClusterMap {
    /// A map from its rows (fit High → Very low; in each, intent High → Very low). Refused
    /// unless each of the sixteen codes A1–D4 appears exactly once, and the best cell (High fit,
    /// High intent) is A1.
    pub fn new(cells: [[Segment; 4]; 4]) -> Result<Self> {
        let mut seen = std::collections::HashSet::new();
        for s in cells.iter().flatten() {
            if !seen.insert(*s) {
                return Err(EngineError::InvalidInput(format!(
                    "the cluster map has {s} twice: each code A1–D4 appears once"
                )));
            }
        }
        if cells[0][0].to_string() != "A1" {
            return Err(EngineError::InvalidInput(format!(
                "High fit and High intent is A1, the highest propensity (the map has {})",
                cells[0][0]
            )));
        }
        Ok(Self { cells })
    }

    /// The segment of a fit and an intent score.
    pub fn segment(&self, fit: u8, intent: u8) -> Segment {
        self.cells[Band::of(fit).index()][Band::of(intent).index()]
    }

    /// The segment of a fit band and an intent band.
    pub fn cell(&self, fit: Band, intent: Band) -> Segment {
        self.cells[fit.index()][intent.index()]
    }
}

/// `SMCTypeSummary` (SPEC §6.2): the size class of a small-and-medium customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum SmcType {
    /// Corporate scale: high revenue, growth or potential, 500+ employees, or Azure spend.
    UpperMedium,
    /// 25 employees or more.
    Medium,
    /// 1–24 employees.
    VerySmall,
}

impl SmcType {
    /// The report's word.
    pub fn label(self) -> &'static str {
        match self {
            SmcType::UpperMedium => "Upper Medium",
            SmcType::Medium => "Medium",
            SmcType::VerySmall => "Very Small",
        }
    }
}

/// What the segment rules read of a customer.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct SizeFacts {
    /// Employees.
    pub employees: u32,
    /// Microsoft revenue over the last twelve months, USD.
    pub annual_revenue_usd: f64,
    /// Growth of that revenue against the twelve months before (0.2 = 20%).
    pub revenue_growth: f64,
    /// Untapped revenue across areas, USD.
    pub potential_usd: f64,
    /// Azure consumption, USD per month.
    pub acr_usd_month: f64,
}

/// Corporate scale thresholds of FORMATS §1.2 (`SMCTypeSummary`, 2023).
const HIGH_REVENUE_USD: f64 = 100_000.0;
const HIGH_GROWTH: f64 = 0.20;
const HIGH_POTENTIAL_USD: f64 = 100_000.0;
const LARGE_ORG: u32 = 500;
const HIGH_ACR_USD_MONTH: f64 = 1_000.0;
/// Medium businesses start at 25 employees (FORMATS §1.2).
const MEDIUM_FROM: u32 = 25;
/// "Top Unmanaged User Based": 300 employees or more.
const TOP_USER_BASED_FROM: u32 = 300;
/// "Top Unmanaged Compute Based": Azure potential above $10k.
const TOP_COMPUTE_BASED_POTENTIAL_USD: f64 = 10_000.0;

/// The `SMCTypeSummary` of a customer: Upper Medium when it meets at least one corporate-scale
/// criterion (revenue $100k+, growth 20%+, potential $100k+, 500+ employees, Azure over $1,000
/// a month); otherwise Medium from 25 employees, Very Small below.
pub fn smc_type(f: &SizeFacts) -> SmcType {
    let corporate = f.annual_revenue_usd >= HIGH_REVENUE_USD
        || (f.revenue_growth >= HIGH_GROWTH && f.annual_revenue_usd > 0.0)
        || f.potential_usd >= HIGH_POTENTIAL_USD
        || f.employees >= LARGE_ORG
        || f.acr_usd_month > HIGH_ACR_USD_MONTH;
    if corporate {
        SmcType::UpperMedium
    } else if f.employees >= MEDIUM_FROM {
        SmcType::Medium
    } else {
        SmcType::VerySmall
    }
}

/// The `SubSegment` (FORMATS §1.2, the 2020 definitions): Top Unmanaged User Based (300+
/// employees), Top Unmanaged Compute Based (Azure potential above $10k), Medium Business
/// (25–299), Small Business (under 25). The user-based rule is checked first.
pub fn sub_segment(employees: u32, azure_potential_usd: f64) -> &'static str {
    if employees >= TOP_USER_BASED_FROM {
        "Top Unmanaged User Based"
    } else if azure_potential_usd > TOP_COMPUTE_BASED_POTENTIAL_USD {
        "Top Unmanaged Compute Based"
    } else if employees >= MEDIUM_FROM {
        "Medium Business"
    } else {
        "Small Business"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_cut_at_75_55_and_30() {
        let cases = [
            (100, Band::High),
            (75, Band::High),
            (74, Band::Medium),
            (55, Band::Medium),
            (54, Band::Low),
            (30, Band::Low),
            (29, Band::VeryLow),
            (0, Band::VeryLow),
            (255, Band::High),
        ];
        for (score, band) in cases {
            assert_eq!(Band::of(score), band, "{score}");
        }
        for b in Band::ALL {
            let (lo, hi) = b.range();
            assert_eq!((Band::of(lo), Band::of(hi)), (b, b));
        }
    }

    #[test]
    fn the_default_map_is_specs_table() {
        let m = ClusterMap::default();
        let table = [
            ["A1", "A2", "B1", "C1"],
            ["A3", "A4", "B3", "C3"],
            ["B2", "B4", "D1", "D2"],
            ["C2", "C4", "D3", "D4"],
        ];
        for (fi, fit) in Band::ALL.into_iter().enumerate() {
            for (ii, intent) in Band::ALL.into_iter().enumerate() {
                assert_eq!(m.cell(fit, intent).to_string(), table[fi][ii]);
                let (f, _) = fit.range();
                let (_, i) = intent.range();
                assert_eq!(m.segment(f, i).to_string(), table[fi][ii]);
            }
        }
        assert_eq!(m.segment(90, 80).cluster.name(), "Act now");
        assert_eq!(m.segment(10, 10).cluster.name(), "Educate");
    }

    #[test]
    fn a_map_must_use_each_code_once_with_a1_at_the_top() {
        let mut cells: [[Segment; 4]; 4] = ClusterMap::default().into();
        cells[3][3] = cells[3][2];
        let e = ClusterMap::new(cells).expect_err("D3 twice");
        assert!(e.to_string().contains("D3 twice"), "{e}");
        let mut cells: [[Segment; 4]; 4] = ClusterMap::default().into();
        cells[0].swap(0, 1);
        assert!(ClusterMap::new(cells).is_err());
        let json = serde_json::to_string(&ClusterMap::default()).expect("json");
        assert!(json.starts_with(r#"[["A1","A2","B1","C1"]"#), "{json}");
        let back: ClusterMap = serde_json::from_str(&json).expect("back");
        assert_eq!(back, ClusterMap::default());
        let bad = json.replace("D4", "D3");
        assert!(serde_json::from_str::<ClusterMap>(&bad).is_err());
        assert!(Segment::parse("E1").is_none() && Segment::parse("A5").is_none());
        assert_eq!(
            Segment::parse(" b3 ").map(|s| s.to_string()).as_deref(),
            Some("B3")
        );
    }

    #[test]
    fn smc_type_and_sub_segment_follow_the_documented_thresholds() {
        let small = SizeFacts {
            employees: 12,
            ..SizeFacts::default()
        };
        assert_eq!(smc_type(&small), SmcType::VerySmall);
        assert_eq!(
            smc_type(&SizeFacts {
                employees: 25,
                ..small
            }),
            SmcType::Medium
        );
        for upper in [
            SizeFacts {
                employees: 500,
                ..small
            },
            SizeFacts {
                annual_revenue_usd: 100_000.0,
                ..small
            },
            SizeFacts {
                annual_revenue_usd: 5_000.0,
                revenue_growth: 0.25,
                ..small
            },
            SizeFacts {
                potential_usd: 150_000.0,
                ..small
            },
            SizeFacts {
                acr_usd_month: 1_200.0,
                ..small
            },
        ] {
            assert_eq!(smc_type(&upper), SmcType::UpperMedium, "{upper:?}");
        }
        // Growth from nothing is not growth.
        assert_eq!(
            smc_type(&SizeFacts {
                revenue_growth: 5.0,
                ..small
            }),
            SmcType::VerySmall
        );
        assert_eq!(sub_segment(300, 0.0), "Top Unmanaged User Based");
        assert_eq!(sub_segment(40, 12_000.0), "Top Unmanaged Compute Based");
        assert_eq!(sub_segment(40, 10_000.0), "Medium Business");
        assert_eq!(sub_segment(24, 0.0), "Small Business");
    }
}
