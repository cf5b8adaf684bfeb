//! The fake cloud over real HTTP: tokens, referrals, Graph reports, faults, control endpoints
//! and the binary. One test binary (modules below) so the workspace links it once.

mod binary;
mod client;
mod control;
mod faults;
mod graph;
mod load;
mod referrals;
mod token;

use partner_advisor_fake_cloud::{Config, FakeCloud};

/// A fake cloud with `referrals` generated referrals.
pub fn cloud(referrals: usize) -> FakeCloud {
    FakeCloud::start(Config {
        referrals,
        ..Config::default()
    })
    .expect("the fake cloud starts")
}
