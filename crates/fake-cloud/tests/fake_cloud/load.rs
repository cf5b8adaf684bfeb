use std::time::Instant;

use partner_advisor_fake_cloud::{
    Config, FakeCloud, GRAPH_SCOPE, PARTNER_CENTER_SCOPE, PARTNER_TENANT, REPORT_FUNCTIONS,
};

use crate::client::{get, token};

/// The benchmark's shape: every referral page of `referrals`, then `tenants` tenants' reports
/// (a token, 9 report calls and 9 downloads each), from 4 client threads. Returns the requests
/// made.
fn run(referrals: usize, tenants: usize) -> usize {
    let cloud = FakeCloud::start(Config {
        referrals,
        ..Config::default()
    })
    .unwrap();
    let base = cloud.base_url();
    let t = token(&base, PARTNER_TENANT, PARTNER_CENTER_SCOPE);
    let mut next = Some(format!("{base}/v1.0/engagements/referrals"));
    let mut seen = 0;
    let mut requests = 1;
    while let Some(url) = next {
        let page = get(&url, Some(&t)).json();
        requests += 1;
        seen += page["value"].as_array().unwrap().len();
        next = page["@odata.nextLink"].as_str().map(str::to_owned);
    }
    assert_eq!(seen, referrals);
    let threads = 4;
    let handles: Vec<_> = (0..threads)
        .map(|k| {
            let base = base.clone();
            std::thread::spawn(move || {
                let mut requests = 0;
                for n in (k..tenants).step_by(threads) {
                    let tenant = format!("tenant{n}.onmicrosoft.com");
                    let t = token(&base, &tenant, GRAPH_SCOPE);
                    requests += 1;
                    for function in REPORT_FUNCTIONS {
                        let call = format!("{base}/v1.0/reports/{function}(period='D30')");
                        let redirect = get(&call, Some(&t));
                        assert_eq!(redirect.status, 302);
                        let csv = get(redirect.header("Location").unwrap(), None);
                        assert_eq!(csv.status, 200);
                        requests += 2;
                    }
                }
                requests
            })
        })
        .collect();
    requests
        + handles
            .into_iter()
            .map(|h| h.join().unwrap())
            .sum::<usize>()
}

#[test]
fn ten_thousand_referrals_and_fifty_tenants_are_served_quickly() {
    let started = Instant::now();
    let requests = run(10_000, 50);
    let took = started.elapsed();
    eprintln!("{requests} requests in {took:?}");
    // Generous for a debug build on a loaded two-core machine; the release build is far faster.
    assert!(took.as_secs() < 60, "{requests} requests took {took:?}");
}

/// The full benchmark: `cargo test -p partner-advisor-fake-cloud --release -- --ignored`.
#[test]
#[ignore]
fn benchmark_ten_thousand_referrals_and_five_hundred_tenants() {
    let started = Instant::now();
    let requests = run(10_000, 500);
    eprintln!("{requests} requests in {:?}", started.elapsed());
}
