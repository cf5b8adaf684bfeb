//! Sync against the local fake cloud at the scale: 10,000 referrals and 500 customer
//! tenants (6 usage reports each, every one through Graph's 302 to a CSV download). Prints the
//! figures; asserts nothing about time (a slow machine is not a failure).
//!
//! `cargo bench -p partner-advisor-sync --bench sync` (or with `-- REFERRALS TENANTS`).

use std::sync::Arc;
use std::time::Instant;

use chrono::Utc;
use partner_advisor_domain::SystemClock;
use partner_advisor_engine::demo::{create_demo_workspace, DemoConfig};
use partner_advisor_engine::jobs::{CancelToken, NoProgress};
use partner_advisor_engine::leads::{self, forms::AcceptForm, lifecycle::LeadAction};
use partner_advisor_engine::sync::SyncSettings;
use partner_advisor_fake_cloud::{Config, FakeCloud, CLIENT_ID, CLIENT_SECRET, PARTNER_TENANT};
use partner_advisor_store::{KeySource, Keychain, MemorySecrets};
use partner_advisor_sync::{sync, SyncOptions};
use zeroize::Zeroizing;

fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let referrals = args.first().copied().unwrap_or(10_000);
    let tenants = args.get(1).copied().unwrap_or(500);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(bench(referrals, tenants));
}

async fn bench(referrals: usize, tenants: usize) {
    use partner_advisor_engine::credentials::{set, CredentialKind};
    let secrets = Arc::new(MemorySecrets::default());
    set(
        secrets.as_ref(),
        CredentialKind::EntraTenantId,
        PARTNER_TENANT,
    )
    .expect("tenant");
    set(secrets.as_ref(), CredentialKind::EntraClientId, CLIENT_ID).expect("client");
    set(
        secrets.as_ref(),
        CredentialKind::EntraClientSecret,
        CLIENT_SECRET,
    )
    .expect("secret");

    let dir = tempfile::tempdir().expect("tempdir");
    let started = Instant::now();
    let config = DemoConfig {
        months: 3,
        ..DemoConfig::new(
            u32::try_from(tenants).expect("tenants"),
            11,
            Utc::now().date_naive() - chrono::Days::new(3),
        )
    };
    let (ws, _) = create_demo_workspace(
        dir.path(),
        "Sync bench",
        KeySource::Passphrase(Zeroizing::new("sync bench passphrase".into())),
        &config,
        &Keychain::with_service("partner-advisor-sync-bench-unused"),
        &NoProgress,
        &CancelToken::new(),
    )
    .await
    .expect("demo workspace");
    println!(
        "workspace: {tenants} customer tenants, made in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let cloud = FakeCloud::start(Config {
        referrals,
        ..Config::default()
    })
    .expect("fake cloud");
    let base = cloud.base_url();
    let settings = SyncSettings {
        login_url: base.clone(),
        partner_center_url: base.clone(),
        graph_url: base,
        ..SyncSettings::default()
    };
    let run = |options: SyncOptions| {
        let ws = &ws;
        let settings = &settings;
        let secrets = secrets.clone();
        async move {
            let t = Instant::now();
            let summary = sync(
                ws,
                secrets,
                settings,
                &options,
                &SystemClock,
                &NoProgress,
                &CancelToken::new(),
            )
            .await
            .expect("sync");
            (t.elapsed().as_secs_f64(), summary)
        }
    };

    cloud.clear_requests();
    let (full, s) = run(SyncOptions {
        usage: std::env::var_os("SYNC_BENCH_SKIP_FIRST_USAGE").is_none(),
        ..SyncOptions::default()
    })
    .await;
    let requests = cloud.requests().len();
    println!(
        "full sync: {full:.2} s — {} referrals ({} new leads), {} tenants × 6 usage reports \
         ({} usage rows), {requests} HTTP requests",
        s.referrals_received, s.leads_added, s.tenants_synced, s.usage_rows
    );

    for concurrency in [1, 4, 8, 16] {
        let (usage_only, s) = run(SyncOptions {
            referrals: false,
            push: false,
            concurrency,
            ..SyncOptions::default()
        })
        .await;
        println!(
            "usage only, {} tenants again, {concurrency} at once: {usage_only:.2} s",
            s.tenants_synced
        );
    }

    let (referrals_only, s) = run(SyncOptions {
        usage: false,
        full: true,
        ..SyncOptions::default()
    })
    .await;
    println!(
        "referrals only, every referral again: {referrals_only:.2} s — {} received, {} unchanged",
        s.referrals_received, s.leads_unchanged
    );

    let changed = cloud.add_generated_referrals(100);
    let (incremental, s) = run(SyncOptions {
        usage: false,
        ..SyncOptions::default()
    })
    .await;
    println!(
        "incremental sync after 100 new referrals: {incremental:.2} s — {} received, {} new",
        s.referrals_received, s.leads_added
    );

    for id in changed.iter().take(100) {
        let form = AcceptForm {
            deal_name: "Bench deal".into(),
            estimated_value: 1000.0,
            currency: "USD".into(),
            team_members: vec!["Bench Seller".into()],
            estimated_close: Utc::now().date_naive() + chrono::Days::new(30),
            notes: String::new(),
            marketing_campaign_id: None,
            crm_id: None,
            more_contacts: Vec::new(),
        };
        let _ = leads::act(&ws, id, &LeadAction::Accept(form), &SystemClock).await;
    }
    let (push, s) = run(SyncOptions {
        usage: false,
        referrals: false,
        ..SyncOptions::default()
    })
    .await;
    println!(
        "push of {} queued lead changes (GET + PUT with If-Match each): {push:.2} s",
        s.pushed
    );
    ws.close().await;
}
