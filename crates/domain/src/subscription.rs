//! Subscriptions (licences) a customer holds.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::Product;

crate::wire_enum! {
    /// Partner Center subscription status.
    SubscriptionStatus, "subscription status" {
        /// Paid and in use.
        Active => "Active",
        /// A free trial.
        Trial => "Trial",
        /// Suspended (non-payment or by the partner).
        Suspended => "Suspended",
        /// Past its end date without renewal.
        Expired => "Expired",
        /// Cancelled and removed.
        Deleted => "Deleted",
    }
}

crate::wire_enum! {
    /// Who sold the subscription.
    PurchaseChannel, "purchase channel" {
        /// Bought through this partner (CSP).
        Partner => "Partner",
        /// Bought from Microsoft directly (web direct, EA).
        MicrosoftDirect => "Microsoft",
    }
}

/// One subscription of a customer as of a snapshot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Subscription {
    /// Partner Center subscription ID.
    pub subscription_id: String,
    /// The customer's tenant ID.
    pub tenant_id: String,
    /// The product (SKU).
    pub product: Product,
    /// Purchased quantity (seats or devices).
    pub quantity: u32,
    /// Status.
    pub status: SubscriptionStatus,
    /// Start date.
    pub start: NaiveDate,
    /// End (renewal) date.
    pub end: NaiveDate,
    /// Who sold it.
    pub channel: PurchaseChannel,
}

impl Subscription {
    /// Paid licences: active, not a trial.
    pub fn paid_seats(&self) -> u32 {
        if self.status == SubscriptionStatus::Active {
            self.quantity
        } else {
            0
        }
    }
}

/// A customer's seats: the sum of paid licences, trials excluded.
pub fn seats<'a>(subscriptions: impl IntoIterator<Item = &'a Subscription>) -> u32 {
    subscriptions
        .into_iter()
        .map(Subscription::paid_seats)
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sub(product: Product, quantity: u32, status: SubscriptionStatus) -> Subscription {
        let d = NaiveDate::from_ymd_opt(2026, 1, 1).expect("valid date");
        Subscription {
            subscription_id: "s".into(),
            tenant_id: "t".into(),
            product,
            quantity,
            status,
            start: d,
            end: d,
            channel: PurchaseChannel::Partner,
        }
    }

    #[test]
    fn seats_count_paid_licences_only() {
        let subs = [
            sub(Product::BusinessStandard, 20, SubscriptionStatus::Active),
            sub(Product::TeamsExploratory, 50, SubscriptionStatus::Trial),
            sub(
                Product::DefenderForBusiness,
                5,
                SubscriptionStatus::Suspended,
            ),
            sub(Product::EntraIdP1, 3, SubscriptionStatus::Active),
        ];
        assert_eq!(seats(&subs), 23);
    }
}
