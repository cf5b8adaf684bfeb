//! Sync against the local fake of Microsoft's services (`partner-advisor-fake-cloud`), on real
//! encrypted workspaces: a full sync into an empty workspace and into one with customers
//! (usage), an incremental sync, the offline queue pushed after reconnecting, conflicts shown and
//! resolved both ways, throttling with Retry-After, a token expiring mid-sync, malformed JSON,
//! bad credentials and missing consent, cancellation; then the secret is looked for in the logs
//! and in every table of the database.

use std::io::Write;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::Utc;
use partner_advisor_domain::{CloseReason, LeadSubstatus, SystemClock};
use partner_advisor_engine::demo::{create_demo_workspace, DemoConfig};
use partner_advisor_engine::jobs::{CancelToken, NoProgress};
use partner_advisor_engine::leads::forms::{AcceptForm, DeclineForm};
use partner_advisor_engine::leads::lifecycle::LeadAction;
use partner_advisor_engine::leads::{self};
use partner_advisor_engine::sync::{outbox, QueueState, Resolution, SyncSettings};
use partner_advisor_fake_cloud::{Config, FakeCloud, CLIENT_ID, CLIENT_SECRET, PARTNER_TENANT};
use partner_advisor_store::tables::{leads as lead_table, snapshots};
use partner_advisor_store::{CreateOptions, KeySource, Keychain, MemorySecrets, Workspace};
use partner_advisor_sync::{sync, RetryPolicy, SyncError, SyncOptions, SyncSummary};
use serde_json::json;
use zeroize::Zeroizing;

fn secrets(secret: &str) -> Arc<MemorySecrets> {
    use partner_advisor_engine::credentials::{set, CredentialKind};
    let s = Arc::new(MemorySecrets::default());
    set(s.as_ref(), CredentialKind::EntraTenantId, PARTNER_TENANT).expect("tenant");
    set(s.as_ref(), CredentialKind::EntraClientId, CLIENT_ID).expect("client");
    set(s.as_ref(), CredentialKind::EntraClientSecret, secret).expect("secret");
    s
}

/// The fake cloud with `referrals` generated referrals.
fn cloud_with(referrals: usize) -> FakeCloud {
    FakeCloud::start(Config {
        referrals,
        ..Config::default()
    })
    .expect("fake cloud")
}

fn settings(cloud: &FakeCloud) -> SyncSettings {
    let base = cloud.base_url();
    SyncSettings {
        login_url: base.clone(),
        partner_center_url: base.clone(),
        graph_url: base,
        ..SyncSettings::default()
    }
}

/// Quick retries: the tests wait for Retry-After, not for backoff.
fn options() -> SyncOptions {
    SyncOptions {
        policy: RetryPolicy {
            base_delay: Duration::from_millis(10),
            max_delay: Duration::from_millis(100),
            ..RetryPolicy::default()
        },
        ..SyncOptions::default()
    }
}

async fn empty_workspace(dir: &Path) -> Workspace {
    Workspace::create(
        dir,
        CreateOptions {
            name: "Sync test".into(),
            key: KeySource::Passphrase(Zeroizing::new("sync tests passphrase".into())),
            is_demo: false,
        },
        &Keychain::with_service("partner-advisor-sync-tests-unused"),
    )
    .await
    .expect("workspace")
}

async fn demo_workspace(dir: &Path, customers: u32) -> Workspace {
    let config = DemoConfig {
        months: 3,
        ..DemoConfig::new(customers, 7, Utc::now().date_naive() - chrono::Days::new(3))
    };
    let (ws, _) = create_demo_workspace(
        dir,
        "Sync demo",
        KeySource::Passphrase(Zeroizing::new("sync tests passphrase".into())),
        &config,
        &Keychain::with_service("partner-advisor-sync-tests-unused"),
        &NoProgress,
        &CancelToken::new(),
    )
    .await
    .expect("demo workspace");
    ws
}

async fn run(
    ws: &Workspace,
    cloud: &FakeCloud,
    secrets: Arc<MemorySecrets>,
    opts: &SyncOptions,
) -> Result<SyncSummary, SyncError> {
    sync(
        ws,
        secrets,
        &settings(cloud),
        opts,
        &SystemClock,
        &NoProgress,
        &CancelToken::new(),
    )
    .await
}

fn referrals_only() -> SyncOptions {
    SyncOptions {
        usage: false,
        ..options()
    }
}

async fn lead_count(ws: &Workspace) -> usize {
    lead_table::all(ws.pool()).await.expect("leads").len()
}

fn accept_form() -> AcceptForm {
    AcceptForm {
        deal_name: "Contoso rollout".into(),
        estimated_value: 42_000.0,
        currency: "EUR".into(),
        team_members: vec!["Ana Nowak".into()],
        estimated_close: Utc::now().date_naive() + chrono::Days::new(60),
        notes: "Accepted on the plane".into(),
        marketing_campaign_id: None,
        crm_id: Some("CRM-1".into()),
        more_contacts: Vec::new(),
    }
}

/// A referral that is still New/Received in the fake, by position.
fn received_ids(cloud: &FakeCloud) -> Vec<String> {
    cloud
        .referrals()
        .iter()
        .filter(|r| r["substatus"] == "Received")
        .filter_map(|r| r["id"].as_str().map(str::to_owned))
        .collect()
}

#[tokio::test]
async fn a_full_sync_fills_an_empty_workspace_and_the_next_one_is_incremental() {
    let cloud = cloud_with(250);
    let dir = tempfile::tempdir().expect("tempdir");
    let ws = empty_workspace(dir.path()).await;
    let first = run(&ws, &cloud, secrets(CLIENT_SECRET), &options())
        .await
        .expect("first sync");
    assert_eq!(first.referrals_received, 250);
    assert_eq!(first.leads_added, 250);
    assert!(first.since.is_none(), "the first sync reads everything");
    assert!(
        first.referrals_skipped.is_empty(),
        "{:?}",
        first.referrals_skipped
    );
    assert_eq!(lead_count(&ws).await, 250);
    let stored = lead_table::all(ws.pool()).await.expect("leads");
    assert!(
        stored.iter().all(|l| l.etag.is_some()),
        "every synced lead keeps its ETag"
    );
    // Three pages of at most 100.
    let pages = cloud
        .requests()
        .iter()
        .filter(|r| r.method == "GET" && r.path.starts_with("/v1.0/engagements/referrals"))
        .count();
    assert_eq!(pages, 3);

    // Changed in Partner Center since: only those come back.
    cloud.clear_requests();
    let added = cloud.add_generated_referrals(3);
    let edited = received_ids(&cloud)[0].clone();
    cloud.edit_referral(&edited, |r| {
        r["details"]["notes"] = json!("Customer called back");
    });
    let second = run(&ws, &cloud, secrets(CLIENT_SECRET), &referrals_only())
        .await
        .expect("second sync");
    assert!(second.since.is_some(), "the second sync is incremental");
    assert!(
        second.referrals_received < 50,
        "only recent changes come back, got {}",
        second.referrals_received
    );
    assert_eq!(second.leads_added, 3);
    assert!(second.leads_updated >= 1);
    for id in &added {
        assert!(
            lead_table::get(&mut ws.pool().acquire().await.expect("conn"), id)
                .await
                .expect("get")
                .is_some()
        );
    }
    let filter = cloud
        .requests()
        .iter()
        .find(|r| r.path.starts_with("/v1.0/engagements/referrals"))
        .map(|r| r.path.clone())
        .expect("a list request");
    assert!(filter.contains("updatedDateTime"), "{filter}");
    ws.close().await;
}

#[tokio::test]
async fn usage_reports_of_every_customer_tenant_land_in_one_new_snapshot() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ws = demo_workspace(dir.path(), 12).await;
    let tenants = partner_advisor_store::tables::customers::identities(ws.pool())
        .await
        .expect("tenants");
    let forbidden = tenants[0].tenant_id.clone();
    let cloud = FakeCloud::start(Config {
        referrals: 20,
        forbidden_tenants: vec![forbidden.clone()],
        ..Config::default()
    })
    .expect("fake cloud");
    let before = snapshots::latest(&mut ws.pool().acquire().await.expect("conn"))
        .await
        .expect("latest")
        .expect("demo snapshot");
    let summary = run(&ws, &cloud, secrets(CLIENT_SECRET), &options())
        .await
        .expect("sync");
    assert_eq!(summary.tenants_synced as usize, tenants.len() - 1);
    assert_eq!(summary.tenants_skipped.len(), 1);
    assert_eq!(summary.tenants_skipped[0].tenant_id, forbidden);
    assert!(
        summary.tenants_skipped[0].reason.contains("not consented"),
        "{}",
        summary.tenants_skipped[0].reason
    );
    assert!(summary.usage_rows > 0);
    let after = snapshots::latest(&mut ws.pool().acquire().await.expect("conn"))
        .await
        .expect("latest")
        .expect("snapshot");
    assert!(after.0 > before.0, "a new snapshot");
    assert_eq!(summary.snapshot_id, Some(after.0 as u32));
    // The usage of a synced tenant is the new snapshot's.
    let history =
        partner_advisor_store::tables::usage::history_of_customer(ws.pool(), &tenants[1].tenant_id)
            .await
            .expect("usage");
    assert!(!history.is_empty());
    ws.close().await;
}

#[tokio::test]
async fn changes_made_offline_wait_and_are_pushed_after_reconnecting() {
    let cloud = cloud_with(60);
    let dir = tempfile::tempdir().expect("tempdir");
    let ws = empty_workspace(dir.path()).await;
    run(&ws, &cloud, secrets(CLIENT_SECRET), &referrals_only())
        .await
        .expect("first sync");
    let ids = received_ids(&cloud);
    let (accepted, declined) = (ids[0].clone(), ids[1].clone());
    leads::act(
        &ws,
        &accepted,
        &LeadAction::Accept(accept_form()),
        &SystemClock,
    )
    .await
    .expect("accept");
    leads::act(
        &ws,
        &declined,
        &LeadAction::Decline(DeclineForm {
            reason: CloseReason::NotACustomer,
            notes: String::new(),
        }),
        &SystemClock,
    )
    .await
    .expect("decline");
    let queue = outbox::queue(&ws).await.expect("queue");
    assert_eq!(queue.len(), 2);
    assert!(queue.iter().all(|q| q.state == QueueState::Pending));

    // Offline: nothing listens where the services were.
    let port = cloud.port();
    let offline_settings = SyncSettings {
        login_url: "http://127.0.0.1:9".into(),
        partner_center_url: "http://127.0.0.1:9".into(),
        graph_url: "http://127.0.0.1:9".into(),
        ..SyncSettings::default()
    };
    let quick = SyncOptions {
        policy: RetryPolicy {
            attempts: 2,
            base_delay: Duration::from_millis(10),
            max_delay: Duration::from_millis(20),
            connect_timeout: Duration::from_secs(2),
            ..RetryPolicy::default()
        },
        ..referrals_only()
    };
    let err = sync(
        &ws,
        secrets(CLIENT_SECRET),
        &offline_settings,
        &quick,
        &SystemClock,
        &NoProgress,
        &CancelToken::new(),
    )
    .await
    .expect_err("offline");
    assert_eq!(err.code(), "offline", "{err}");
    assert!(err.to_string().contains("offline"), "{err}");
    assert_eq!(
        outbox::queue(&ws).await.expect("queue").len(),
        2,
        "nothing lost"
    );
    assert!(port > 0);

    // Back online.
    let summary = run(&ws, &cloud, secrets(CLIENT_SECRET), &referrals_only())
        .await
        .expect("sync after reconnecting");
    assert_eq!(summary.pushed, 2, "{summary:?}");
    assert!(outbox::queue(&ws).await.expect("queue").is_empty());
    let remote = cloud.referral(&accepted).expect("accepted referral");
    assert_eq!(remote["status"], "Active");
    assert_eq!(remote["substatus"], "Accepted");
    assert_eq!(remote["details"]["dealValue"], json!(42_000.0));
    assert_eq!(remote["details"]["currency"], "EUR");
    assert_eq!(remote["externalReferenceId"], "CRM-1");
    let remote = cloud.referral(&declined).expect("declined referral");
    assert_eq!(remote["substatus"], "Declined");
    // The lead now carries Partner Center's new ETag, and says it was sent.
    let mut conn = ws.pool().acquire().await.expect("conn");
    let lead = lead_table::get(&mut conn, &accepted)
        .await
        .expect("get")
        .expect("lead");
    assert_eq!(
        lead.etag.as_deref(),
        cloud.referral(&accepted).expect("r")["eTag"].as_str()
    );
    drop(conn);
    let history = lead_table::events_of(ws.pool(), &accepted)
        .await
        .expect("history");
    assert!(history
        .iter()
        .any(|e| e.note.as_deref() == Some(outbox::SENT_NOTE)));
    // A PUT carried If-Match.
    assert!(cloud.requests().iter().any(|r| r.method == "PUT"
        && r.headers
            .iter()
            .any(|(k, _)| k.eq_ignore_ascii_case("if-match"))));
    ws.close().await;
}

#[tokio::test]
async fn a_conflict_is_shown_and_resolved_either_way_never_overwritten() {
    let cloud = cloud_with(40);
    let dir = tempfile::tempdir().expect("tempdir");
    let ws = empty_workspace(dir.path()).await;
    run(&ws, &cloud, secrets(CLIENT_SECRET), &referrals_only())
        .await
        .expect("first sync");
    let ids = received_ids(&cloud);
    let (closed_there, noted_there) = (ids[0].clone(), ids[1].clone());
    for id in [&closed_there, &noted_there] {
        leads::act(&ws, id, &LeadAction::Accept(accept_form()), &SystemClock)
            .await
            .expect("accept here");
    }
    // Meanwhile in Partner Center: one declined by a colleague, one with a new note.
    cloud.edit_referral(&closed_there, |r| {
        r["status"] = json!("Closed");
        r["substatus"] = json!("Declined");
        r["statusReason"] = json!("Customer unreachable");
    });
    cloud.edit_referral(&noted_there, |r| {
        r["details"]["notes"] = json!("Colleague called the customer");
    });
    let summary = run(&ws, &cloud, secrets(CLIENT_SECRET), &referrals_only())
        .await
        .expect("sync");
    assert_eq!(summary.pushed, 0);
    let mut conflicts = summary.new_conflicts.clone();
    conflicts.sort();
    let mut expected = vec![closed_there.clone(), noted_there.clone()];
    expected.sort();
    assert_eq!(conflicts, expected);
    // Nothing was overwritten on either side.
    assert_eq!(
        cloud.referral(&closed_there).expect("r")["substatus"],
        "Declined"
    );
    let mut conn = ws.pool().acquire().await.expect("conn");
    let here = lead_table::get(&mut conn, &closed_there)
        .await
        .expect("get")
        .expect("lead");
    drop(conn);
    assert_eq!(here.substatus, LeadSubstatus::Accepted);

    let queue = outbox::queue(&ws).await.expect("queue");
    let closed = queue
        .iter()
        .find(|q| q.lead_id == closed_there)
        .expect("item");
    assert_eq!(closed.state, QueueState::Conflict);
    let remote = closed.remote.as_ref().expect("Partner Center's copy");
    assert_eq!(remote.substatus, LeadSubstatus::Declined);
    assert!(
        !closed.can_keep_mine,
        "Declined cannot become Accepted in Partner Center"
    );
    let refused = outbox::resolve(&ws, &closed_there, Resolution::KeepMine, &SystemClock)
        .await
        .expect_err("keep mine refused");
    assert!(refused.to_string().contains("Declined"), "{refused}");
    let taken = outbox::resolve(&ws, &closed_there, Resolution::TakeTheirs, &SystemClock)
        .await
        .expect("take theirs");
    assert_eq!(taken.substatus, LeadSubstatus::Declined);
    assert_eq!(taken.status_reason.as_deref(), Some("Customer unreachable"));

    let noted = outbox::queue(&ws)
        .await
        .expect("queue")
        .into_iter()
        .find(|q| q.lead_id == noted_there)
        .expect("item");
    assert!(noted.can_keep_mine);
    outbox::resolve(&ws, &noted_there, Resolution::KeepMine, &SystemClock)
        .await
        .expect("keep mine");
    let summary = run(&ws, &cloud, secrets(CLIENT_SECRET), &referrals_only())
        .await
        .expect("sync after resolving");
    assert_eq!(summary.pushed, 1, "{summary:?}");
    assert!(summary.new_conflicts.is_empty() && summary.push_conflicts.is_empty());
    assert_eq!(
        cloud.referral(&noted_there).expect("r")["substatus"],
        "Accepted"
    );
    assert!(outbox::queue(&ws).await.expect("queue").is_empty());
    ws.close().await;
}

#[tokio::test]
async fn a_change_made_in_partner_center_during_the_push_is_caught_by_the_etag() {
    let cloud = cloud_with(10);
    let dir = tempfile::tempdir().expect("tempdir");
    let ws = empty_workspace(dir.path()).await;
    run(&ws, &cloud, secrets(CLIENT_SECRET), &referrals_only())
        .await
        .expect("first sync");
    let id = received_ids(&cloud)[0].clone();
    leads::act(&ws, &id, &LeadAction::Accept(accept_form()), &SystemClock)
        .await
        .expect("accept");
    // Partner Center changes after this pull but before the push: push only.
    cloud.edit_referral(&id, |r| r["details"]["notes"] = json!("changed in between"));
    let push_only = SyncOptions {
        referrals: false,
        usage: false,
        ..options()
    };
    let summary = run(&ws, &cloud, secrets(CLIENT_SECRET), &push_only)
        .await
        .expect("push");
    assert_eq!(summary.push_conflicts, vec![id.clone()]);
    assert_eq!(cloud.referral(&id).expect("r")["substatus"], "Received");
    ws.close().await;
}

#[tokio::test]
async fn throttling_is_waited_out_as_retry_after_says() {
    let cloud = cloud_with(30);
    let dir = tempfile::tempdir().expect("tempdir");
    let ws = empty_workspace(dir.path()).await;
    cloud.throttle_next(2, 1);
    let started = std::time::Instant::now();
    let summary = run(&ws, &cloud, secrets(CLIENT_SECRET), &referrals_only())
        .await
        .expect("sync through throttling");
    assert_eq!(summary.leads_added, 30);
    assert!(
        started.elapsed() >= Duration::from_secs(2),
        "two Retry-After: 1 waits, took {:?}",
        started.elapsed()
    );
    let throttled = cloud.requests().iter().filter(|r| r.status == 429).count();
    assert_eq!(throttled, 2);

    // A service that asks for more than the app waits: a clear "later", nothing applied.
    cloud.throttle_next(1, 3600);
    let before = lead_count(&ws).await;
    cloud.add_generated_referrals(2);
    let err = run(&ws, &cloud, secrets(CLIENT_SECRET), &referrals_only())
        .await
        .expect_err("throttled");
    assert_eq!(err.code(), "throttled");
    assert!(err.to_string().contains("3600"), "{err}");
    assert_eq!(lead_count(&ws).await, before);
    ws.close().await;
}

#[tokio::test]
async fn server_failures_are_retried_and_a_lasting_one_is_reported() {
    let cloud = cloud_with(5);
    let dir = tempfile::tempdir().expect("tempdir");
    let ws = empty_workspace(dir.path()).await;
    cloud.fail_next(2, 503);
    run(&ws, &cloud, secrets(CLIENT_SECRET), &referrals_only())
        .await
        .expect("retried through two 503s");
    cloud.fail_next(50, 500);
    let err = run(&ws, &cloud, secrets(CLIENT_SECRET), &referrals_only())
        .await
        .expect_err("lasting failure");
    assert_eq!(err.code(), "server", "{err}");
    assert!(err.to_string().contains("HTTP 500"), "{err}");
    ws.close().await;
}

#[tokio::test]
async fn a_token_that_expires_mid_sync_is_renewed_and_the_sync_completes() {
    let cloud = Arc::new(
        FakeCloud::start(Config {
            referrals: 300,
            ..Config::default()
        })
        .expect("fake cloud"),
    );
    cloud.set_latency(Duration::from_millis(60));
    let dir = tempfile::tempdir().expect("tempdir");
    let ws = empty_workspace(dir.path()).await;
    let revoker = {
        let cloud = cloud.clone();
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(150));
            cloud.expire_tokens();
        })
    };
    let summary = run(&ws, &cloud, secrets(CLIENT_SECRET), &referrals_only())
        .await
        .expect("sync");
    revoker.join().expect("revoker");
    assert_eq!(summary.leads_added, 300);
    let requests = cloud.requests();
    assert!(
        requests.iter().any(|r| r.status == 401),
        "a request met the expired token"
    );
    let token_requests = requests
        .iter()
        .filter(|r| r.path.ends_with("/oauth2/v2.0/token"))
        .count();
    assert!(token_requests >= 2, "signed in again ({token_requests})");
    ws.close().await;
}

#[tokio::test]
async fn malformed_json_is_fetched_again_once_then_reported_and_nothing_is_applied() {
    let cloud = cloud_with(120);
    let dir = tempfile::tempdir().expect("tempdir");
    let ws = empty_workspace(dir.path()).await;
    cloud.malformed_next(1);
    let summary = run(&ws, &cloud, secrets(CLIENT_SECRET), &referrals_only())
        .await
        .expect("one bad page is fetched again");
    assert_eq!(summary.leads_added, 120);

    let dir2 = tempfile::tempdir().expect("tempdir");
    let ws2 = empty_workspace(dir2.path()).await;
    cloud.malformed_next(2);
    let err = run(&ws2, &cloud, secrets(CLIENT_SECRET), &referrals_only())
        .await
        .expect_err("malformed twice");
    assert_eq!(err.code(), "malformed");
    assert!(err.to_string().contains("line"), "{err}");
    assert_eq!(lead_count(&ws2).await, 0, "nothing half-applied");
    ws.close().await;
    ws2.close().await;
}

#[tokio::test]
async fn wrong_or_missing_credentials_say_what_to_fix() {
    let cloud = FakeCloud::start(Config::default()).expect("fake cloud");
    let dir = tempfile::tempdir().expect("tempdir");
    let ws = empty_workspace(dir.path()).await;
    let err = run(
        &ws,
        &cloud,
        secrets("wrong-secret-value~123"),
        &referrals_only(),
    )
    .await
    .expect_err("wrong secret");
    assert_eq!(err.code(), "badCredentials");
    assert!(err.to_string().contains("AADSTS7000215"), "{err}");
    assert!(!err.to_string().contains("wrong-secret-value"), "{err}");

    let none = Arc::new(MemorySecrets::default());
    let err = run(&ws, &cloud, none, &referrals_only())
        .await
        .expect_err("no credentials");
    assert_eq!(err.code(), "missingCredentials");
    assert!(err.to_string().contains("client secret"), "{err}");
    ws.close().await;
}

#[tokio::test]
async fn a_cancelled_sync_applies_nothing() {
    let cloud = cloud_with(400);
    cloud.set_latency(Duration::from_millis(100));
    let dir = tempfile::tempdir().expect("tempdir");
    let ws = empty_workspace(dir.path()).await;
    let cancel = CancelToken::new();
    let canceller = {
        let cancel = cancel.clone();
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(250)).await;
            cancel.cancel();
        })
    };
    let err = sync(
        &ws,
        secrets(CLIENT_SECRET),
        &settings(&cloud),
        &referrals_only(),
        &SystemClock,
        &NoProgress,
        &cancel,
    )
    .await
    .expect_err("cancelled");
    canceller.await.expect("canceller");
    assert!(matches!(err, SyncError::Cancelled));
    assert_eq!(lead_count(&ws).await, 0);
    let runs = partner_advisor_store::tables::sync::runs(ws.pool(), 5)
        .await
        .expect("runs");
    assert_eq!(runs[0].status, "cancelled");
    ws.close().await;
}

/// Captures every log line the sync writes.
#[derive(Clone, Default)]
struct LogBuffer(Arc<Mutex<Vec<u8>>>);

impl Write for LogBuffer {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("lock").extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Every text value of every table.
async fn all_text(ws: &Workspace) -> String {
    use sqlx::{Column, Row};
    let tables: Vec<String> =
        sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table'")
            .fetch_all(ws.pool())
            .await
            .expect("tables");
    let mut out = String::new();
    for t in tables {
        let rows = sqlx::query(&format!("SELECT * FROM \"{t}\""))
            .fetch_all(ws.pool())
            .await
            .expect("rows");
        for row in rows {
            for c in row.columns() {
                if let Ok(Some(v)) = row.try_get::<Option<String>, _>(c.ordinal()) {
                    out.push_str(&v);
                    out.push('\n');
                }
            }
        }
    }
    out
}

#[test]
fn the_secret_never_reaches_the_logs_or_the_database() {
    let logs = LogBuffer::default();
    let writer = logs.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let secret = CLIENT_SECRET;
    let dir = tempfile::tempdir().expect("tempdir");
    let text = tracing::subscriber::with_default(subscriber, || {
        runtime.block_on(async {
            let cloud = FakeCloud::start(Config {
                referrals: 50,
                ..Config::default()
            })
            .expect("fake cloud");
            let ws = demo_workspace(dir.path(), 4).await;
            // Everything the other tests do, in one place: a sync, throttling, an expired
            // token, a failure, a push, a conflict, a wrong secret.
            cloud.throttle_next(1, 1);
            run(&ws, &cloud, secrets(secret), &options())
                .await
                .expect("sync");
            let id = received_ids(&cloud)[0].clone();
            leads::act(&ws, &id, &LeadAction::Accept(accept_form()), &SystemClock)
                .await
                .expect("accept");
            cloud.expire_tokens();
            cloud.fail_next(1, 503);
            run(&ws, &cloud, secrets(secret), &referrals_only())
                .await
                .expect("push");
            let other = received_ids(&cloud)[0].clone();
            leads::act(
                &ws,
                &other,
                &LeadAction::Accept(accept_form()),
                &SystemClock,
            )
            .await
            .expect("accept");
            cloud.edit_referral(&other, |r| r["details"]["notes"] = json!("x"));
            run(&ws, &cloud, secrets(secret), &referrals_only())
                .await
                .expect("conflict");
            let _ = run(
                &ws,
                &cloud,
                secrets("another~wrong-secret"),
                &referrals_only(),
            )
            .await;
            let text = all_text(&ws).await;
            ws.close().await;
            text
        })
    });
    let logged = String::from_utf8_lossy(&logs.0.lock().expect("lock")).into_owned();
    assert!(!logged.is_empty(), "the sync logged something");
    assert!(!logged.contains(secret), "the secret is in the logs");
    assert!(!logged.contains("another~wrong-secret"));
    assert!(
        !logged.to_lowercase().contains("bearer "),
        "a token is in the logs"
    );
    assert!(
        text.contains("Sent to Partner Center"),
        "the database was read"
    );
    assert!(!text.contains(secret), "the secret is in the database");
    let raw = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(|e| e.ok())
        .filter_map(|e| std::fs::read(e.path()).ok())
        .any(|bytes| bytes.windows(secret.len()).any(|w| w == secret.as_bytes()));
    assert!(!raw, "the secret is in a workspace file");
}
