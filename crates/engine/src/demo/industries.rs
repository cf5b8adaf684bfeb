//! Industries and verticals of demo customers and leads, with how each one shifts the latent
//! drivers (the "industry effect" a model should be able to learn).

/// One industry as Microsoft's firmographics name it.
#[derive(Debug)]
pub(crate) struct Industry {
    /// Industry name, e.g. "Professional Services".
    pub name: &'static str,
    /// Verticals inside it.
    pub verticals: &'static [&'static str],
    /// Relative frequency among SMB customers.
    pub weight: u32,
    /// Shift of the upgrade logit.
    pub upgrade: f64,
    /// Shift of the churn logit.
    pub churn: f64,
    /// Shift of the security logit.
    pub security: f64,
    /// Shift of a lead's qualification logit.
    pub qualify: f64,
}

/// Index of the nonprofit industry (no legal suffix, charity-style names).
pub(crate) const NONPROFIT: usize = 13;
/// Index of professional services (law firms, accountants: partnership-style names).
pub(crate) const PROFESSIONAL: usize = 2;
/// Index of financial services.
pub(crate) const FINANCIAL: usize = 4;

/// Every industry; indices are used by the per-country name tables.
pub(crate) const INDUSTRIES: [Industry; 14] = [
    Industry {
        name: "Manufacturing",
        verticals: &[
            "Discrete Manufacturing",
            "Process Manufacturing",
            "Automotive",
        ],
        weight: 14,
        upgrade: 0.1,
        churn: 0.0,
        security: 0.1,
        qualify: 0.2,
    },
    Industry {
        name: "Retail & Consumer Goods",
        verticals: &["Retail", "Consumer Goods", "Wholesale"],
        weight: 13,
        upgrade: -0.1,
        churn: 0.3,
        security: -0.2,
        qualify: -0.2,
    },
    Industry {
        name: "Professional Services",
        verticals: &["Legal", "Accounting", "Consulting", "Architecture"],
        weight: 16,
        upgrade: 0.3,
        churn: -0.2,
        security: 0.4,
        qualify: 0.4,
    },
    Industry {
        name: "Healthcare",
        verticals: &[
            "Medical Practices",
            "Dental",
            "Pharmacies",
            "Veterinary",
            "Care Homes",
        ],
        weight: 9,
        upgrade: 0.1,
        churn: -0.1,
        security: 0.6,
        qualify: 0.5,
    },
    Industry {
        name: "Financial Services",
        verticals: &["Insurance", "Banking", "Wealth Management"],
        weight: 6,
        upgrade: 0.3,
        churn: -0.3,
        security: 0.9,
        qualify: 0.8,
    },
    Industry {
        name: "Construction",
        verticals: &["Building Construction", "Engineering", "Installers"],
        weight: 9,
        upgrade: -0.2,
        churn: 0.2,
        security: -0.3,
        qualify: 0.0,
    },
    Industry {
        name: "Hospitality",
        verticals: &["Hotels", "Restaurants", "Travel"],
        weight: 8,
        upgrade: -0.4,
        churn: 0.5,
        security: -0.5,
        qualify: -0.5,
    },
    Industry {
        name: "Transportation & Logistics",
        verticals: &["Logistics", "Road Freight", "Passenger Transport"],
        weight: 7,
        upgrade: 0.0,
        churn: 0.1,
        security: 0.0,
        qualify: 0.1,
    },
    Industry {
        name: "Real Estate",
        verticals: &["Real Estate Agencies", "Property Management"],
        weight: 5,
        upgrade: 0.0,
        churn: 0.2,
        security: -0.1,
        qualify: -0.1,
    },
    Industry {
        name: "Education",
        verticals: &["Private Schools", "Training"],
        weight: 4,
        upgrade: -0.2,
        churn: 0.0,
        security: 0.0,
        qualify: -0.3,
    },
    Industry {
        name: "Media & Communications",
        verticals: &["Marketing & Advertising", "Printing & Publishing"],
        weight: 5,
        upgrade: 0.2,
        churn: 0.1,
        security: -0.1,
        qualify: 0.0,
    },
    Industry {
        name: "Technology",
        verticals: &["IT Services", "Software"],
        weight: 6,
        upgrade: 0.5,
        churn: 0.0,
        security: 0.3,
        qualify: 0.3,
    },
    Industry {
        name: "Agriculture",
        verticals: &["Farming", "Food Production", "Wineries"],
        weight: 3,
        upgrade: -0.3,
        churn: 0.0,
        security: -0.4,
        qualify: -0.2,
    },
    Industry {
        name: "Nonprofit",
        verticals: &["Charities", "Associations"],
        weight: 2,
        upgrade: -0.3,
        churn: -0.1,
        security: -0.2,
        qualify: -0.6,
    },
];

/// The industry weights, in index order.
pub(crate) fn weights() -> [u32; 14] {
    let mut w = [0u32; 14];
    for (i, industry) in INDUSTRIES.iter().enumerate() {
        w[i] = industry.weight;
    }
    w
}
