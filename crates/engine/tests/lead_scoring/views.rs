//! What the window shows of lead scoring, through the real use cases on an encrypted demo:
//! correcting a lead's industry rescores it in the same write (score, reasons, history, the
//! lead's own history), and the Lead scoring page (models, versions, performance, ROC chart,
//! the model form).

use partner_advisor_domain::{FixedClock, LeadSubstatus};
use partner_advisor_engine::lead_scoring::view::{
    self, FilterConditionInput, ModelForm, VersionState,
};
use partner_advisor_engine::leads::{self, forms::CustomerForm};
use partner_advisor_engine::ErrorCode;

use super::*;

/// The industries of the latest published version's training leads, best rate first, with
/// enough closed leads to be a strong signal either way.
async fn industries_by_rate(ws: &Workspace, model_id: i64) -> Vec<String> {
    let v = scoring::versions(ws, model_id)
        .await
        .expect("versions")
        .into_iter()
        .find(|v| v.status == VersionStatus::Published)
        .expect("published");
    let mut values: Vec<(String, f64)> = v
        .report
        .insights
        .attributes
        .iter()
        .find(|a| a.attribute == Attribute::Industry)
        .expect("industry insights")
        .values
        .iter()
        .filter(|x| x.closed >= 8)
        .filter_map(|x| x.value.clone().map(|s| (s, x.rate)))
        .collect();
    values.sort_by(|a, b| b.1.total_cmp(&a.1));
    values.into_iter().map(|(s, _)| s).collect()
}

#[tokio::test]
async fn correcting_a_leads_industry_rescores_it_in_the_same_write() {
    let (_dir, ws) = workspace(7).await;
    let clock = FixedClock(demo_now());
    let model = trained_and_published(&ws, &clock).await;
    let industries = industries_by_rate(&ws, model.id).await;
    assert!(industries.len() >= 2, "industries: {industries:?}");
    let (best, worst) = (&industries[0], &industries[industries.len() - 1]);
    let lead = open_leads(&ws)
        .await
        .into_iter()
        .find(|l| l.substatus == LeadSubstatus::Received && &l.industry != best)
        .expect("a received lead");
    let before = view::lead_score_view(&ws, &lead.id, Language::En, false, 60)
        .await
        .expect("view")
        .expect("scored");

    let form = |industry: &str| CustomerForm {
        industry: industry.to_owned(),
        company_size: lead.company_size.clone(),
    };
    let saved = leads::edit_customer(&ws, &lead.id, &form(worst), &clock)
        .await
        .expect("edit to the worst industry");
    assert_eq!(&saved.industry, worst);
    let low = view::lead_score_view(&ws, &lead.id, Language::En, false, 60)
        .await
        .expect("view")
        .expect("scored");
    let later = FixedClock(demo_now() + Duration::minutes(5));
    leads::edit_customer(&ws, &lead.id, &form(best), &later)
        .await
        .expect("edit to the best industry");
    let high = view::lead_score_view(&ws, &lead.id, Language::En, false, 60)
        .await
        .expect("view")
        .expect("scored");
    println!(
        "lead {}: {} → {worst}: {} → {best}: {} ({})",
        lead.id, before.score, low.score, high.score, model.name
    );
    assert!(
        high.score > low.score,
        "{best} must score above {worst}: {} vs {}",
        high.score,
        low.score
    );
    assert_eq!(high.previous_score, Some(low.score));
    assert!(high.live);
    let industry_reason = high
        .factors
        .iter()
        .find(|r| r.attribute == "industry")
        .expect("industry is a factor");
    assert_eq!(industry_reason.value.as_deref(), Some(best.as_str()));
    assert!(
        industry_reason.sentence.contains(best.as_str()),
        "{}",
        industry_reason.sentence
    );
    assert!(high.positive.len() <= 5 && high.negative.len() <= 5);
    assert!(high.history.len() >= 3, "history: {:?}", high.history);
    assert_eq!(high.history.last().map(|p| p.score), Some(high.score));
    assert!(high.chart_svg.starts_with("<svg"));
    assert_eq!(
        high.chart_svg.matches("<circle").count(),
        high.history.len()
    );

    // The lead's own history says what the partner set.
    let detail = leads::detail(&ws, &lead.id, demo_now() + Duration::minutes(6))
        .await
        .expect("detail");
    let last = detail.history.last().expect("history");
    assert_eq!(last.from, Some(LeadSubstatus::Received));
    assert_eq!(last.to, LeadSubstatus::Received);
    assert!(
        last.fields
            .iter()
            .any(|(k, v)| k == "industry" && v == best),
        "{:?}",
        last.fields
    );
    assert_eq!(detail.row.score.map(|s| s.score), Some(high.score));

    // Same values: nothing written.
    let events = detail.history.len();
    leads::edit_customer(&ws, &lead.id, &form(best), &later)
        .await
        .expect("no change");
    let again = leads::detail(&ws, &lead.id, demo_now() + Duration::minutes(6))
        .await
        .expect("detail");
    assert_eq!(again.history.len(), events);

    // Bad input and archived leads are refused, and nothing changes.
    let bad = CustomerForm {
        industry: best.clone(),
        company_size: "lots".into(),
    };
    let e = leads::edit_customer(&ws, &lead.id, &bad, &later)
        .await
        .expect_err("unknown size");
    assert_eq!(e.code(), ErrorCode::InvalidInput);
    assert!(e.to_string().contains("lots"), "{e}");
    let archived = lead_table::all(ws.pool())
        .await
        .expect("leads")
        .into_iter()
        .find(|l| l.substatus == LeadSubstatus::Won)
        .expect("a won lead");
    let e = leads::edit_customer(&ws, &archived.id, &form(worst), &later)
        .await
        .expect_err("archived");
    assert_eq!(e.code(), ErrorCode::NotAllowed);
}

#[tokio::test]
async fn the_scoring_page_shows_models_versions_performance_and_the_roc_curve() {
    let (_dir, ws) = workspace(7).await;
    let clock = FixedClock(demo_now());
    let empty = view::overview(&ws, Language::En, &clock)
        .await
        .expect("overview");
    assert!(empty.models.is_empty());
    assert!(empty.qualified >= 40 && empty.disqualified >= 40);
    assert_eq!((empty.max_models, empty.min_per_outcome), (10, 40));
    let industry = empty
        .attributes
        .iter()
        .find(|a| a.key == "industry")
        .expect("industry");
    assert!(!industry.values.is_empty());

    let model = trained_and_published(&ws, &clock).await;
    let page = view::overview(&ws, Language::Fr, &clock)
        .await
        .expect("overview");
    let m = &page.models[0];
    assert_eq!(i64::from(m.id), model.id);
    assert_eq!(m.published_version, Some(1));
    assert_eq!(m.versions[0].state, VersionState::Published);
    assert!(m.retrain_due_at.is_some());
    assert_eq!(m.scored_leads, page.scored_leads);
    assert!(page.scored_leads > 0 && page.scored_leads <= page.open_leads);
    assert_eq!(
        (m.qualified, m.disqualified),
        (page.qualified, page.disqualified)
    );
    let company_size = page
        .attributes
        .iter()
        .find(|a| a.key == "company_size")
        .expect("size");
    assert!(
        company_size
            .values
            .iter()
            .any(|v| v.label.contains("salariés")),
        "{:?}",
        company_size.values
    );

    let v = view::version_view(&ws, model.id, 1, Language::Fr, true)
        .await
        .expect("version");
    assert!(v.roc_svg.starts_with("<svg") && v.roc_svg.contains("AUC 0,"));
    assert!(v.roc_auc.is_some_and(|a| a > 0.6));
    assert_eq!(
        v.true_positives + v.false_positives + v.true_negatives + v.false_negatives,
        v.validation_rows
    );
    assert_eq!(v.attributes.len(), Attribute::ALL.len());
    assert!(v.attributes.iter().all(|a| !a.reason.is_empty()));
    assert!(v.attributes.iter().any(|a| a.selected));
    assert_eq!(v.grades.len(), 4);
    assert_eq!(
        v.grades.iter().map(|g| g.leads).sum::<u32>(),
        v.validation_rows
    );

    // The model form: a second model for France's leads; a bad attribute is refused.
    let form = ModelForm {
        name: "  France  ".into(),
        filter: vec![FilterConditionInput {
            attribute: "country".into(),
            values: vec!["FR".into(), " ".into()],
        }],
        attributes: None,
        auto_retrain: false,
        trend_tolerance: 3,
    };
    let france = scoring::create_model(&ws, form.new_model().expect("form"), &clock)
        .await
        .expect("create");
    assert_eq!(france.name, "France");
    assert_eq!(france.filter.conditions[0].values, vec!["FR".to_owned()]);
    let shown = view::model_view(&ws, france.id, Language::En, &clock)
        .await
        .expect("summary");
    assert_eq!(shown.position, 2);
    assert_eq!(shown.filter[0].attribute_name, "Country/region");
    assert!(shown.versions.is_empty() && shown.retrain_due_at.is_none());
    let bad = ModelForm {
        attributes: Some(vec!["shoe_size".into()]),
        ..form
    };
    let e = bad.new_model().expect_err("unknown attribute");
    assert_eq!(e.code(), ErrorCode::InvalidInput);
    assert!(e.to_string().contains("shoe_size"), "{e}");
}

/// The window's lead list after an edit: the edited lead read again alone gives the same list as
/// every lead read again (what the app did on each edit, seconds at 100,000 leads).
#[tokio::test]
async fn an_edited_lead_reloaded_alone_gives_the_list_a_full_reload_gives() {
    use partner_advisor_engine::leads::index::LeadIndex;
    use partner_advisor_engine::leads::view::{LeadQuery, LeadSection, LeadSort};

    let (_dir, ws) = workspace(7).await;
    let clock = FixedClock(demo_now());
    let model = trained_and_published(&ws, &clock).await;
    let industries = industries_by_rate(&ws, model.id).await;
    let lead = open_leads(&ws)
        .await
        .into_iter()
        .find(|l| l.substatus == LeadSubstatus::Received && l.industry != industries[0])
        .expect("a received lead");
    let mut index = LeadIndex::load(&ws).await.expect("index");
    let before = index.row(&lead.id, demo_now()).expect("row");
    let form = CustomerForm {
        industry: industries[0].clone(),
        company_size: lead.company_size.clone(),
    };
    leads::edit_customer(&ws, &lead.id, &form, &clock)
        .await
        .expect("edit");
    leads::set_favourite(&ws, &lead.id, !lead.favourite)
        .await
        .expect("heart");
    index.reload_lead(&ws, &lead.id).await.expect("reload");
    let after = index.row(&lead.id, demo_now()).expect("row");
    assert_ne!(before, after, "the edit shows");
    let fresh = LeadIndex::load(&ws).await.expect("a full reload");
    assert_eq!(after, fresh.row(&lead.id, demo_now()).expect("row"));
    for query in [
        LeadQuery::section(LeadSection::All),
        LeadQuery {
            sort: LeadSort::Score,
            ..LeadQuery::section(LeadSection::All)
        },
        LeadQuery {
            search: lead.customer_name.clone(),
            ..LeadQuery::section(LeadSection::Favourites)
        },
    ] {
        assert_eq!(
            index.query(&query, demo_now()).expect("query"),
            fresh.query(&query, demo_now()).expect("query"),
            "{query:?}"
        );
    }
    assert!(index.reload_lead(&ws, "no-such-lead").await.is_err());
}
