//! The rules of lead scoring that need no data: which leads a model's filter takes, grades and
//! their editable ranges, the trend, the accuracy status shown next to a version, and the
//! automatic retraining calendar with its 95% rule (FORMATS.md §5).

use chrono::{DateTime, Duration, Months, Utc};
use partner_advisor_domain::{Lead, LeadSubstatus};
use serde::{Deserialize, Serialize};

use super::attributes::Attribute;
use crate::{EngineError, Result};

/// Fewest qualified, and fewest disqualified, leads a model trains on (Dynamics 365's rule).
pub const MIN_LEADS_PER_OUTCOME: usize = 40;
/// Most models a workspace holds, published or not.
pub const MAX_MODELS: usize = 10;
/// Days between automatic retrainings.
pub const RETRAIN_DAYS: i64 = 15;
/// A retrained version is published automatically when its accuracy is at least this share of
/// the published version's.
pub const AUTO_PUBLISH_ACCURACY_SHARE: f64 = 0.95;
/// ... or when the published version is older than this many months.
pub const AUTO_PUBLISH_AGE_MONTHS: u32 = 3;
/// Default score points within which a change of score is "steady".
pub const DEFAULT_TREND_TOLERANCE: u8 = 5;
/// Validation ROC AUC from which a version is "ready to publish".
pub const READY_AUC: f64 = 0.75;
/// Validation ROC AUC from which a version is "OK to publish" (below: "not ready").
pub const OK_AUC: f64 = 0.60;

/// What a closed lead's outcome says for training (SPEC §5): qualified = accepted or won;
/// disqualified = declined, lost or expired; `None` while the lead is still undecided.
pub fn outcome(substatus: LeadSubstatus) -> Option<bool> {
    match substatus {
        LeadSubstatus::Accepted | LeadSubstatus::Won => Some(true),
        LeadSubstatus::Declined | LeadSubstatus::Lost | LeadSubstatus::Expired => Some(false),
        LeadSubstatus::Pending | LeadSubstatus::Received => None,
    }
}

/// Whether a lead is open, i.e. waiting for the partner's answer (pending or received): the
/// leads that are scored. A decided lead keeps the score it had when it was decided.
pub fn is_open(lead: &Lead) -> bool {
    outcome(lead.substatus).is_none()
}

/// One condition of a model's filter: the lead's attribute has one of `values`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Condition {
    /// The attribute.
    pub attribute: Attribute,
    /// Accepted values, as [`super::attributes::AttributeValue::text`] gives them (case is
    /// ignored).
    pub values: Vec<String>,
}

/// The leads a model is for: every condition must hold; no condition takes every lead.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct LeadFilter {
    /// The conditions.
    pub conditions: Vec<Condition>,
}

impl LeadFilter {
    /// A filter taking every lead.
    pub fn all() -> Self {
        Self::default()
    }

    /// A filter of one condition.
    pub fn one(attribute: Attribute, values: &[&str]) -> Self {
        Self {
            conditions: vec![Condition {
                attribute,
                values: values.iter().map(|v| (*v).to_owned()).collect(),
            }],
        }
    }

    /// Whether `lead` passes every condition (a missing value passes none).
    pub fn matches(&self, lead: &Lead) -> bool {
        self.conditions.iter().all(|c| {
            c.attribute
                .value(lead)
                .text()
                .is_some_and(|v| c.values.iter().any(|x| x.trim().eq_ignore_ascii_case(v)))
        })
    }

    /// The same filter in a canonical form (conditions by attribute, values sorted, lower
    /// case), to detect two models with the same scope.
    pub fn canonical(&self) -> Vec<(Attribute, Vec<String>)> {
        let mut out: Vec<(Attribute, Vec<String>)> = self
            .conditions
            .iter()
            .map(|c| {
                let mut v: Vec<String> = c.values.iter().map(|x| x.trim().to_lowercase()).collect();
                v.sort();
                v.dedup();
                (c.attribute, v)
            })
            .collect();
        out.sort();
        out
    }

    /// Refuses a condition without values or two conditions on one attribute.
    pub fn validate(&self) -> Result<()> {
        for (i, c) in self.conditions.iter().enumerate() {
            if c.values.iter().all(|v| v.trim().is_empty()) {
                return Err(EngineError::InvalidInput(format!(
                    "the filter condition on {} has no value",
                    c.attribute.key()
                )));
            }
            if self.conditions[..i]
                .iter()
                .any(|d| d.attribute == c.attribute)
            {
                return Err(EngineError::InvalidInput(format!(
                    "the filter has two conditions on {}: put the values in one",
                    c.attribute.key()
                )));
            }
        }
        Ok(())
    }
}

/// A lead grade: A is the best range.
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Grade {
    /// The top range (shown green).
    A,
    /// Shown purple.
    B,
    /// Shown yellow.
    C,
    /// The bottom range (shown red).
    D,
}

impl Grade {
    /// All grades, best first.
    pub const ALL: [Grade; 4] = [Grade::A, Grade::B, Grade::C, Grade::D];

    /// The letter.
    pub fn as_str(self) -> &'static str {
        match self {
            Grade::A => "A",
            Grade::B => "B",
            Grade::C => "C",
            Grade::D => "D",
        }
    }

    /// The grade of a letter.
    pub fn parse(s: &str) -> Option<Grade> {
        Grade::ALL.into_iter().find(|g| g.as_str() == s)
    }
}

/// Which end of a grade's range an edit moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Bound {
    /// The lowest score of the grade.
    Min,
    /// The highest score of the grade.
    Max,
}

/// The four grade ranges, contiguous over 0–100: D is `0..c_min`, C `c_min..b_min`, B
/// `b_min..a_min`, A `a_min..=100`. Each range holds at least one score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct GradeRanges {
    /// Lowest score of grade A.
    pub a_min: u8,
    /// Lowest score of grade B.
    pub b_min: u8,
    /// Lowest score of grade C.
    pub c_min: u8,
}

impl Default for GradeRanges {
    /// A 75–100, B 50–74, C 25–49, D 0–24.
    fn default() -> Self {
        Self {
            a_min: 75,
            b_min: 50,
            c_min: 25,
        }
    }
}

impl GradeRanges {
    /// Ranges from the lowest scores of A, B and C, checked.
    pub fn new(a_min: u8, b_min: u8, c_min: u8) -> Result<Self> {
        let r = Self {
            a_min,
            b_min,
            c_min,
        };
        r.validate()?;
        Ok(r)
    }

    /// Refuses ranges that are not contiguous, ordered, non-empty and within 0–100.
    pub fn validate(&self) -> Result<()> {
        if !(0 < self.c_min
            && self.c_min < self.b_min
            && self.b_min < self.a_min
            && self.a_min <= 100)
        {
            return Err(EngineError::InvalidInput(format!(
                "grade ranges must go up from D to A with at least one score each: \
                 A from {}, B from {}, C from {} is impossible",
                self.a_min, self.b_min, self.c_min
            )));
        }
        Ok(())
    }

    /// The grade of a score.
    pub fn grade(&self, score: u8) -> Grade {
        if score >= self.a_min {
            Grade::A
        } else if score >= self.b_min {
            Grade::B
        } else if score >= self.c_min {
            Grade::C
        } else {
            Grade::D
        }
    }

    /// The range (lowest, highest score) of a grade.
    pub fn range(&self, grade: Grade) -> (u8, u8) {
        match grade {
            Grade::A => (self.a_min, 100),
            Grade::B => (self.b_min, self.a_min - 1),
            Grade::C => (self.c_min, self.b_min - 1),
            Grade::D => (0, self.c_min - 1),
        }
    }

    /// Moves one end of a grade's range, moving the neighbour's adjacent end with it (as
    /// Dynamics 365 does): setting A's minimum to 80 sets B's maximum to 79; setting B's
    /// maximum to 70 sets A's minimum to 71. Refuses edits that would empty a grade, leave
    /// 0–100, or move D's minimum or A's maximum (the ranges always cover 0–100), saying why.
    pub fn with_bound(&self, grade: Grade, bound: Bound, value: u8) -> Result<Self> {
        let refuse = |why: String| Err(EngineError::InvalidInput(why));
        if value > 100 {
            return refuse(format!("scores run from 0 to 100, not {value}"));
        }
        // Every edit moves one boundary: the lowest score of the upper of two neighbours.
        let (upper, new_min) =
            match (grade, bound) {
                (Grade::A, Bound::Max) | (Grade::D, Bound::Min) => {
                    let fixed = if grade == Grade::A { 100 } else { 0 };
                    if value == fixed {
                        return Ok(*self);
                    }
                    return refuse(format!(
                    "grade {}'s {} is always {fixed}: the grades cover every score from 0 to 100",
                    grade.as_str(),
                    if grade == Grade::A { "maximum" } else { "minimum" }
                ));
                }
                (g, Bound::Min) => (g, value),
                (Grade::D, Bound::Max) => (Grade::C, value.saturating_add(1)),
                (Grade::C, Bound::Max) => (Grade::B, value.saturating_add(1)),
                (Grade::B, Bound::Max) => (Grade::A, value.saturating_add(1)),
            };
        let mut next = *self;
        match upper {
            Grade::A => next.a_min = new_min,
            Grade::B => next.b_min = new_min,
            Grade::C => next.c_min = new_min,
            Grade::D => unreachable!("D is never the upper neighbour"),
        }
        if next.validate().is_err() {
            let lower = match upper {
                Grade::A => Grade::B,
                Grade::B => Grade::C,
                _ => Grade::D,
            };
            let (lo, _) = self.range(lower);
            let (_, hi) = self.range(upper);
            return refuse(format!(
                "grade {}'s {} cannot be {value}: grades {} and {} must each keep at least one \
                 score, so the boundary between them must stay between {} and {}",
                grade.as_str(),
                match bound {
                    Bound::Min => "minimum",
                    Bound::Max => "maximum",
                },
                upper.as_str(),
                lower.as_str(),
                lo.saturating_add(1),
                hi
            ));
        }
        Ok(next)
    }
}

/// How a lead's score moved since its previous score.
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
// The opportunities' usage trend is also `Trend`: the IPC names this one apart (the container
// name does not change the JSON of its values).
#[serde(rename = "ScoreTrend", rename_all = "camelCase")]
pub enum Trend {
    /// Up by more than the tolerance.
    Improving,
    /// Down by more than the tolerance.
    Declining,
    /// Within the tolerance.
    Steady,
    /// No previous score.
    NotEnoughInfo,
}

impl Trend {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Trend::Improving => "improving",
            Trend::Declining => "declining",
            Trend::Steady => "steady",
            Trend::NotEnoughInfo => "notEnoughInfo",
        }
    }

    /// The trend of a stored name.
    pub fn parse(s: &str) -> Option<Trend> {
        [
            Trend::Improving,
            Trend::Declining,
            Trend::Steady,
            Trend::NotEnoughInfo,
        ]
        .into_iter()
        .find(|t| t.as_str() == s)
    }

    /// The trend from `previous` to `current`: steady while the change is at most `tolerance`
    /// points either way.
    pub fn between(previous: Option<u8>, current: u8, tolerance: u8) -> Trend {
        match previous {
            None => Trend::NotEnoughInfo,
            Some(p) => {
                let d = i16::from(current) - i16::from(p);
                if d > i16::from(tolerance) {
                    Trend::Improving
                } else if d < -i16::from(tolerance) {
                    Trend::Declining
                } else {
                    Trend::Steady
                }
            }
        }
    }
}

/// Whether a version's validation AUC makes it worth publishing (Dynamics 365's labels; the
/// bands are this app's: Dynamics says only that they are defined on the AUC).
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum AccuracyStatus {
    /// AUC at least [`READY_AUC`].
    ReadyToPublish,
    /// AUC at least [`OK_AUC`].
    OkToPublish,
    /// AUC below [`OK_AUC`] (or unknown).
    NotReadyToPublish,
}

impl AccuracyStatus {
    /// The status of a validation ROC AUC.
    pub fn of_auc(auc: f64) -> AccuracyStatus {
        if auc >= READY_AUC {
            AccuracyStatus::ReadyToPublish
        } else if auc >= OK_AUC {
            AccuracyStatus::OkToPublish
        } else {
            AccuracyStatus::NotReadyToPublish
        }
    }

    /// The English label.
    pub fn label(self) -> &'static str {
        match self {
            AccuracyStatus::ReadyToPublish => "Ready to publish",
            AccuracyStatus::OkToPublish => "OK to publish",
            AccuracyStatus::NotReadyToPublish => "Not ready to publish",
        }
    }
}

/// When a model with a published version is due for automatic retraining: [`RETRAIN_DAYS`]
/// after its latest version (published or kept as a draft) was trained.
pub fn retrain_due_at(latest_trained_at: DateTime<Utc>) -> DateTime<Utc> {
    latest_trained_at + Duration::days(RETRAIN_DAYS)
}

/// Why an automatically retrained version is, or is not, published.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "rule")]
pub enum AutoPublish {
    /// Its accuracy is at least 95% of the published version's.
    Accurate {
        /// New accuracy / published accuracy.
        ratio: f64,
    },
    /// The published version is more than three months old.
    PublishedTooOld,
    /// Neither: it stays a draft.
    KeepDraft {
        /// New accuracy / published accuracy.
        ratio: f64,
    },
}

impl AutoPublish {
    /// Whether the new version is published.
    pub fn publishes(self) -> bool {
        !matches!(self, AutoPublish::KeepDraft { .. })
    }
}

/// The auto-publish rule: publish the retrained version when its accuracy (validation accuracy
/// at the F1-optimal threshold, as Dynamics 365's performance tab shows it) is at least
/// [`AUTO_PUBLISH_ACCURACY_SHARE`] of the published version's, or when the published version
/// was trained more than [`AUTO_PUBLISH_AGE_MONTHS`] months before `now`.
pub fn auto_publish(
    new_accuracy: f64,
    published_accuracy: f64,
    published_trained_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> AutoPublish {
    let ratio = if published_accuracy > 0.0 {
        new_accuracy / published_accuracy
    } else {
        f64::INFINITY
    };
    if ratio >= AUTO_PUBLISH_ACCURACY_SHARE {
        return AutoPublish::Accurate { ratio };
    }
    let too_old = published_trained_at
        .checked_add_months(Months::new(AUTO_PUBLISH_AGE_MONTHS))
        .is_some_and(|t| t < now);
    if too_old {
        AutoPublish::PublishedTooOld
    } else {
        AutoPublish::KeepDraft { ratio }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_ranges_grade_the_edges() {
        let r = GradeRanges::default();
        assert_eq!(r.grade(100), Grade::A);
        assert_eq!(r.grade(75), Grade::A);
        assert_eq!(r.grade(74), Grade::B);
        assert_eq!(r.grade(50), Grade::B);
        assert_eq!(r.grade(49), Grade::C);
        assert_eq!(r.grade(25), Grade::C);
        assert_eq!(r.grade(24), Grade::D);
        assert_eq!(r.grade(0), Grade::D);
        assert_eq!(r.range(Grade::B), (50, 74));
        assert_eq!(r.range(Grade::D), (0, 24));
    }

    #[test]
    fn moving_a_bound_moves_the_neighbour() {
        let r = GradeRanges::default();
        let a80 = r.with_bound(Grade::A, Bound::Min, 80).expect("edit");
        assert_eq!(a80.range(Grade::A), (80, 100));
        assert_eq!(a80.range(Grade::B), (50, 79));
        let b_max = r.with_bound(Grade::B, Bound::Max, 70).expect("edit");
        assert_eq!(b_max.range(Grade::A), (71, 100));
        let d_max = r.with_bound(Grade::D, Bound::Max, 9).expect("edit");
        assert_eq!(d_max.range(Grade::C), (10, 49));
        assert!(r.with_bound(Grade::A, Bound::Min, 50).is_err());
        assert!(r.with_bound(Grade::A, Bound::Min, 101).is_err());
        assert!(r.with_bound(Grade::D, Bound::Min, 3).is_err());
        assert!(r.with_bound(Grade::A, Bound::Max, 99).is_err());
        assert!(r.with_bound(Grade::C, Bound::Min, 0).is_err());
        assert!(r.with_bound(Grade::B, Bound::Max, 100).is_err());
    }

    #[test]
    fn trend_respects_the_tolerance() {
        assert_eq!(Trend::between(None, 50, 5), Trend::NotEnoughInfo);
        assert_eq!(Trend::between(Some(50), 55, 5), Trend::Steady);
        assert_eq!(Trend::between(Some(50), 56, 5), Trend::Improving);
        assert_eq!(Trend::between(Some(65), 45, 5), Trend::Declining);
        assert_eq!(Trend::between(Some(50), 45, 5), Trend::Steady);
    }
}
