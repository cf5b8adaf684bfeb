//! The columns of the six CloudAscent propensity reports, in the order Microsoft writes them
//! (FORMATS.md §1.3–1.4, the 2023 data definitions), each with its role and the older spellings
//! an import accepts.
//!
//! Where Microsoft's text is silent the choices are this app's, and each is marked so here:
//! - the Security report (no published table) follows the pattern of the others:
//!   firmographics, `Security_*` plays, `FY24 Offers`, `SecurityCluster`/`SecurityFit`/
//!   `SecurityIntent`, the flags;
//! - the cohorts SPEC.md §6.2 names beyond FORMATS' lists (Azure's "first workload", D365's
//!   "migrate Dynamics on-premises to Business Central", M365's Copilot, Surface's four
//!   acquire/upsell cohorts, Security's XDR) are play columns after the documented plays;
//! - signal explanations and revenue potential (no published names) are `<Area>Signals` and
//!   `<Area>RevenuePotential`, placed together just before the last column so every documented
//!   column keeps its documented position relative to the others;
//! - every report ends with its "transacted in the last 36 months" column, spelt as the report's
//!   table spells it.

use std::fmt;

/// One of the six reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub enum PropensityReport {
    /// Agreement renewal.
    AgreementRenewal,
    /// Azure.
    Azure,
    /// Dynamics 365.
    D365,
    /// Microsoft 365.
    M365,
    /// Security.
    Security,
    /// Surface.
    Surface,
}

impl PropensityReport {
    /// The six, in the order the Download hub lists them.
    pub const ALL: [PropensityReport; 6] = [
        PropensityReport::AgreementRenewal,
        PropensityReport::Azure,
        PropensityReport::D365,
        PropensityReport::M365,
        PropensityReport::Security,
        PropensityReport::Surface,
    ];

    /// The command line's name (`report generate --report renewal|azure|d365|m365|security|surface`).
    pub fn key(self) -> &'static str {
        match self {
            PropensityReport::AgreementRenewal => "renewal",
            PropensityReport::Azure => "azure",
            PropensityReport::D365 => "d365",
            PropensityReport::M365 => "m365",
            PropensityReport::Security => "security",
            PropensityReport::Surface => "surface",
        }
    }

    /// The report of a command-line name (case ignored).
    pub fn parse(key: &str) -> Option<PropensityReport> {
        let key = key.trim().to_ascii_lowercase();
        Self::ALL.into_iter().find(|r| r.key() == key)
    }

    /// Microsoft's title.
    pub fn title(self) -> &'static str {
        match self {
            PropensityReport::AgreementRenewal => {
                "Cloud Ascent – agreement renewal propensity report"
            }
            PropensityReport::Azure => "Cloud Ascent – Azure propensity report",
            PropensityReport::D365 => "Cloud Ascent – Dynamics 365 propensity report",
            PropensityReport::M365 => "Cloud Ascent – Microsoft 365 propensity report",
            PropensityReport::Security => "Cloud Ascent – Security propensity report",
            PropensityReport::Surface => "Cloud Ascent – Surface propensity report",
        }
    }

    /// The report's columns, in order.
    pub fn columns(self) -> &'static [ReportColumn] {
        match self {
            PropensityReport::AgreementRenewal => RENEWAL,
            PropensityReport::Azure => AZURE,
            PropensityReport::D365 => D365,
            PropensityReport::M365 => M365,
            PropensityReport::Security => SECURITY,
            PropensityReport::Surface => SURFACE,
        }
    }

    /// The column names, in order: the header the app writes.
    pub fn header(self) -> Vec<&'static str> {
        self.columns().iter().map(|c| c.name).collect()
    }

    /// The solution areas the report scores (fit and intent), in column order.
    pub fn areas(self) -> Vec<SolutionArea> {
        let mut out = Vec::new();
        for c in self.columns() {
            if let ColumnRole::Cluster(a) = c.role {
                if !out.contains(&a) {
                    out.push(a);
                }
            }
        }
        out
    }
}

impl fmt::Display for PropensityReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// A solution area scored with fit and intent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SolutionArea {
    /// Microsoft 365.
    M365,
    /// Surface devices.
    Surface,
    /// Azure.
    Azure,
    /// Dynamics 365 Business Central.
    D365BusinessCentral,
    /// Dynamics 365 Customer Engagement / Sales.
    D365CustomerEngagement,
    /// Dynamics 365 Finance & Operations.
    D365FinanceOperations,
    /// Power Apps.
    PowerApps,
    /// Security.
    Security,
}

impl SolutionArea {
    /// The eight areas.
    pub const ALL: [SolutionArea; 8] = [
        SolutionArea::M365,
        SolutionArea::Surface,
        SolutionArea::Azure,
        SolutionArea::D365BusinessCentral,
        SolutionArea::D365CustomerEngagement,
        SolutionArea::D365FinanceOperations,
        SolutionArea::PowerApps,
        SolutionArea::Security,
    ];

    /// The prefix of its columns (`M365Cluster`, `D365BCFit`, …).
    pub fn prefix(self) -> &'static str {
        match self {
            SolutionArea::M365 => "M365",
            SolutionArea::Surface => "Surface",
            SolutionArea::Azure => "Azure",
            SolutionArea::D365BusinessCentral => "D365BC",
            SolutionArea::D365CustomerEngagement => "D365CE",
            SolutionArea::D365FinanceOperations => "D365FO",
            SolutionArea::PowerApps => "PowerApps",
            SolutionArea::Security => "Security",
        }
    }
}

/// The partner and firmographic columns every report starts with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Firmographic {
    /// `MPNID` (`MPN ID` in the Surface report).
    MpnId,
    /// `PartnerName`.
    PartnerName,
    /// `CustomerID` (the TPID).
    CustomerId,
    /// `DUNSNumber`.
    DunsNumber,
    /// `AccountName`.
    AccountName,
    /// `Domain`.
    Domain,
    /// `OrgSize` (employees).
    OrgSize,
    /// `Industry`.
    Industry,
    /// `Vertical`.
    Vertical,
    /// `Area` (Microsoft's sales area).
    Area,
    /// `Subsidiary`.
    Subsidiary,
    /// `SalesTerritory`.
    SalesTerritory,
    /// `City`.
    City,
    /// `State`.
    State,
    /// `PostalCode`.
    PostalCode,
    /// `Country`.
    Country,
    /// `Segment`.
    Segment,
    /// `SubSegment`.
    SubSegment,
    /// `SMCTypeSummary`.
    SmcTypeSummary,
    /// `IsNonprofit`.
    IsNonprofit,
}

/// Yes/No flags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Flag {
    /// An active Azure customer.
    HasAzure,
    /// An active Dynamics 365 customer.
    HasD365,
    /// An active Microsoft 365 customer.
    HasM365,
    /// Owns Google products.
    HasGoogle,
    /// Owns AWS products.
    HasAws,
    /// Renews on an EA.
    HasEa,
    /// Renews on Open / Open Value.
    HasOpen,
    /// Owns Microsoft 365 Copilot (SPEC §6.2).
    HasCopilot,
    /// An existing Microsoft 365 customer with room to upsell.
    M365UpsellCustomer,
    /// Windows Server Datacenter with an Open renewal.
    WindowsServerDatacenterOpenRenewal,
    /// Windows Server Standard with an Open renewal.
    WindowsServerStandardOpenRenewal,
    /// Dynamics AX or CRM on-premises with an Open renewal.
    DynamicsOnPremOpenRenewal,
}

/// The agreement renewal report's own columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RenewalField {
    /// `License Program`.
    LicenseProgram,
    /// `Agreement ID`.
    AgreementId,
    /// `Agreement End Date`.
    AgreementEndDate,
    /// `Expiration Type`.
    ExpirationType,
    /// `Expiring Revenue`.
    ExpiringRevenue,
    /// `RevSumDivisionName`: the product up for renewal.
    RevSumDivisionName,
    /// Why the renewal matters, in words (the app's column).
    Signals,
}

/// The Azure report's workload columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WorkloadField {
    /// `NumberofExistingWorkloads`.
    ExistingCount,
    /// `Existing Workloads`.
    Existing,
    /// `NumberofRecommendedWorkloads`.
    RecommendedCount,
    /// `RecommendedWorkloads`.
    Recommended,
}

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ColumnRole {
    /// A partner or firmographic column.
    Firmographic(Firmographic),
    /// A cohort (solution play): Yes/No.
    Play,
    /// `FY24 Offers`: eligible for a promotion.
    Offers,
    /// A cluster code (A1–D4).
    Cluster(SolutionArea),
    /// A fit score, 0–100.
    Fit(SolutionArea),
    /// An intent score, 0–100.
    Intent(SolutionArea),
    /// The top signals behind the area's scores, in words (the app's column).
    Signals(SolutionArea),
    /// Untapped revenue in USD (the app's column).
    RevenuePotential(SolutionArea),
    /// A Yes/No flag.
    Flag(Flag),
    /// An agreement renewal column.
    Renewal(RenewalField),
    /// An Azure workload column.
    Workloads(WorkloadField),
    /// Purchased in the trailing 36 months: Yes/No (always the last column).
    Transacted,
}

/// One column of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportColumn {
    /// The name the app writes.
    pub name: &'static str,
    /// What it holds.
    pub role: ColumnRole,
    /// Other spellings an import accepts (older names, other reports' spellings).
    pub aliases: &'static [&'static str],
}

const fn col(name: &'static str, role: ColumnRole) -> ReportColumn {
    ReportColumn {
        name,
        role,
        aliases: &[],
    }
}

const fn alias(
    name: &'static str,
    role: ColumnRole,
    aliases: &'static [&'static str],
) -> ReportColumn {
    ReportColumn {
        name,
        role,
        aliases,
    }
}

use ColumnRole as R;
use Firmographic as F;
use SolutionArea as A;

macro_rules! firmographics {
    ($mpn:expr) => {
        [
            alias(
                $mpn,
                R::Firmographic(F::MpnId),
                &["MPNID", "MPN ID", "PartnerID"],
            ),
            col("PartnerName", R::Firmographic(F::PartnerName)),
            alias(
                "CustomerID",
                R::Firmographic(F::CustomerId),
                &["TPID", "CustomerTpid"],
            ),
            alias("DUNSNumber", R::Firmographic(F::DunsNumber), &["DUNS"]),
            alias(
                "AccountName",
                R::Firmographic(F::AccountName),
                &["CustomerName"],
            ),
            col("Domain", R::Firmographic(F::Domain)),
            col("OrgSize", R::Firmographic(F::OrgSize)),
            col("Industry", R::Firmographic(F::Industry)),
            col("Vertical", R::Firmographic(F::Vertical)),
            col("Area", R::Firmographic(F::Area)),
            col("Subsidiary", R::Firmographic(F::Subsidiary)),
            col("SalesTerritory", R::Firmographic(F::SalesTerritory)),
            col("City", R::Firmographic(F::City)),
            col("State", R::Firmographic(F::State)),
            col("PostalCode", R::Firmographic(F::PostalCode)),
            col("Country", R::Firmographic(F::Country)),
            col("Segment", R::Firmographic(F::Segment)),
            col("SubSegment", R::Firmographic(F::SubSegment)),
            col("SMCTypeSummary", R::Firmographic(F::SmcTypeSummary)),
            alias(
                "IsNonprofit",
                R::Firmographic(F::IsNonprofit),
                &["IsNonProfit"],
            ),
        ]
    };
}

/// The number of firmographic columns every report starts with.
pub const FIRMOGRAPHIC_COLUMNS: usize = 20;

const FIRMOGRAPHICS: [ReportColumn; FIRMOGRAPHIC_COLUMNS] = firmographics!("MPNID");
const FIRMOGRAPHICS_SURFACE: [ReportColumn; FIRMOGRAPHIC_COLUMNS] = firmographics!("MPN ID");

/// The Microsoft 365 plays (also in the Surface report), then the Copilot cohort of SPEC §6.2.
const MW_PLAYS: [ReportColumn; 21] = [
    col("MW_On Prem Acq_Office 2016_2019", R::Play),
    col("MW_On Prem Acq Office_Prod Server 2007_2010", R::Play),
    col(
        "MW_On Prem Acq Office 2021 Office_Prod Server 2019",
        R::Play,
    ),
    col(
        "MW_On Prem Acq Office_Prod Server 2013_Office 2019 for Mac",
        R::Play,
    ),
    col(
        "MW_Transition Customer - Compete (Endpoint Security) with M365",
        R::Play,
    ),
    col(
        "MW_Transition Customer - Compete (Endpoint Security) without M365",
        R::Play,
    ),
    col("MW_Transition Customer - Compete (Zoom) with M365", R::Play),
    col(
        "MW_Transition Customer - Compete (Zoom) without M365",
        R::Play,
    ),
    col("MW_Transition Customer - Compete Google Workspace", R::Play),
    col(
        "MW_Upsell Existing Cloud Customer - EMS Suites_Standalones",
        R::Play,
    ),
    col(
        "MW_Upsell Existing Cloud Customer - ME3_OE5 to ME5",
        R::Play,
    ),
    col(
        "MW_Upsell Existing Cloud Customer - MW Standalones_EXO_SPO_etc",
        R::Play,
    ),
    col(
        "MW_Upsell Existing Cloud Customer - No MBP_ME3_ME5",
        R::Play,
    ),
    col("MW_Upsell Existing Cloud Customer - O365 A1", R::Play),
    col(
        "MW_Upsell Existing Cloud Customer - O365 A3_A5_M365 A1_A3",
        R::Play,
    ),
    col(
        "MW_Upsell Existing Cloud Customer - Underpenetrated MBP_ME3_ME5",
        R::Play,
    ),
    col(
        "MW_Upsell Existing Cloud Customer - Teams Essentials",
        R::Play,
    ),
    col("MW_Business Premium_E SKU Attach >50", R::Play),
    col("MW_EDU for Surface", R::Play),
    col(
        "MW_Surface Devices >25 Purchased in the Last 3 Years",
        R::Play,
    ),
    col("MW_Copilot_Attach Copilot to Microsoft 365", R::Play),
];

const FY_OFFERS: ReportColumn = alias("FY24 Offers", R::Offers, &["FY25 Offers", "FY26 Offers"]);

const HAS_AZURE: ReportColumn = alias("Has Azure", R::Flag(Flag::HasAzure), &["HasAzure"]);
const HAS_D365: ReportColumn = alias("Has D365", R::Flag(Flag::HasD365), &["HasD365"]);
const HAS_D365_NOSPACE: ReportColumn = alias("HasD365", R::Flag(Flag::HasD365), &["Has D365"]);
const HAS_M365: ReportColumn = alias("Has M365", R::Flag(Flag::HasM365), &["HasM365"]);
const HAS_M365_NOSPACE: ReportColumn = alias("HasM365", R::Flag(Flag::HasM365), &["Has M365"]);
const HAS_GOOGLE: ReportColumn = col("HasGoogle", R::Flag(Flag::HasGoogle));
const HAS_AWS: ReportColumn = col("HasAWS", R::Flag(Flag::HasAws));
const HAS_EA: ReportColumn = alias("HasEA", R::Flag(Flag::HasEa), &["Has EA"]);
const HAS_OPEN: ReportColumn = alias("HasOpen", R::Flag(Flag::HasOpen), &["Has Open"]);
const M365_UPSELL: ReportColumn = alias(
    "M365UpsellCustomer",
    R::Flag(Flag::M365UpsellCustomer),
    &["Microsoft365UpsellCustomer"],
);
const TRANSACTED_SPELLINGS: &[&str] = &[
    "Transactedinthelast36months",
    "TransactedInTheLast36months",
    "Transacted in the last 36 months",
];

/// Defines a report's columns as the concatenation of its parts.
macro_rules! report_columns {
    ($name:ident, [$($part:expr),* $(,)?]) => {
        static $name: &[ReportColumn] = {
            const PARTS: &[&[ReportColumn]] = &[$($part),*];
            const COLUMNS: [ReportColumn; total(PARTS)] = concat(PARTS);
            &COLUMNS
        };
    };
}

macro_rules! triple {
    ($area:expr, $cluster:literal, $fit:literal, $intent:literal) => {
        [
            col($cluster, R::Cluster($area)),
            col($fit, R::Fit($area)),
            col($intent, R::Intent($area)),
        ]
    };
}

macro_rules! extras {
    ($area:expr, $signals:literal, $revenue:literal) => {
        [
            col($signals, R::Signals($area)),
            col($revenue, R::RevenuePotential($area)),
        ]
    };
}

const fn total(parts: &[&[ReportColumn]]) -> usize {
    let mut n = 0;
    let mut p = 0;
    while p < parts.len() {
        n += parts[p].len();
        p += 1;
    }
    n
}

const fn concat<const N: usize>(parts: &[&[ReportColumn]]) -> [ReportColumn; N] {
    let mut out = [col("", R::Play); N];
    let mut n = 0;
    let mut p = 0;
    while p < parts.len() {
        let mut i = 0;
        while i < parts[p].len() {
            out[n] = parts[p][i];
            n += 1;
            i += 1;
        }
        p += 1;
    }
    assert!(n == N, "column count");
    out
}

report_columns!(
    M365,
    [
        &FIRMOGRAPHICS,
        &MW_PLAYS,
        &[FY_OFFERS],
        &triple!(A::M365, "M365Cluster", "M365Fit", "M365Intent"),
        &[
            col("SurfaceCluster", R::Cluster(A::Surface)),
            col("SurfaceFit", R::Fit(A::Surface)),
            alias("Surface Intent", R::Intent(A::Surface), &["SurfaceIntent"]),
        ],
        &[
            M365_UPSELL,
            HAS_AZURE,
            HAS_D365,
            HAS_M365,
            HAS_GOOGLE,
            HAS_AWS,
            HAS_EA,
            HAS_OPEN,
            alias("Has CoPilot", R::Flag(Flag::HasCopilot), &["HasCopilot"]),
        ],
        &extras!(A::M365, "M365Signals", "M365RevenuePotential"),
        &extras!(A::Surface, "SurfaceSignals", "SurfaceRevenuePotential"),
        &[alias(
            "Transactedinthelast36months",
            R::Transacted,
            TRANSACTED_SPELLINGS,
        )],
    ]
);

report_columns!(
    SURFACE,
    [
        &FIRMOGRAPHICS_SURFACE,
        &MW_PLAYS,
        &[
            col("Surface_Acquire_No Surface with M365_1-49 Seats", R::Play),
            col("Surface_Acquire_No Surface with M365_50+ Seats", R::Play),
            col(
                "Surface_Upsell_Surface Purchased in the Last 3 Years_1-24 Devices",
                R::Play
            ),
            col(
                "Surface_Upsell_Surface Purchased in the Last 3 Years_25+ Devices",
                R::Play
            ),
        ],
        &[FY_OFFERS],
        &triple!(A::M365, "M365Cluster", "M365Fit", "M365Intent"),
        &[
            col("SurfaceCluster", R::Cluster(A::Surface)),
            col("SurfaceFit", R::Fit(A::Surface)),
            alias("SurfaceIntent", R::Intent(A::Surface), &["Surface Intent"]),
        ],
        &[
            M365_UPSELL,
            HAS_AZURE,
            HAS_D365,
            HAS_M365,
            HAS_GOOGLE,
            HAS_AWS,
            HAS_EA,
            HAS_OPEN,
        ],
        &extras!(A::Surface, "SurfaceSignals", "SurfaceRevenuePotential"),
        &[alias(
            "Transacted in the last 36 months",
            R::Transacted,
            TRANSACTED_SPELLINGS,
        )],
    ]
);

report_columns!(
    D365,
    [
        &FIRMOGRAPHICS,
        &[
            col(
                "D365_BC Customers with no D365 SalesPro or Sales Enterprise",
                R::Play
            ),
            col(
                "D365_CRM On Prem Customers with No D365 SalesPro Or Sales Enterprise",
                R::Play
            ),
            col(
                "D365_M365 Customers with >300 Employees with No D365 SalesPro Or Sales Enterprise",
                R::Play,
            ),
            col(
                "D365_M365 Customers with <300 Employees with No D365 SalesPro or Sales Enterprise",
                R::Play,
            ),
            col("D365_Azure Customers with No Power Platform", R::Play),
            col(
                "D365_BC or D365 SalesPro Or Sales Enterprise Customers with No Power Platform",
                R::Play,
            ),
            col(
                "D365_M365 BP_E1_E3_E5 Customer with No Power Platform",
                R::Play
            ),
            col("D365_AX Customer, No BC/Finance", R::Play),
            col(
                "D365_D365 SalesPro or Sales Enterprise Customers with No BC",
                R::Play
            ),
            col("D365_GP Customer, No BC/Finance", R::Play),
            col("D365_M365 Customer with No BC with <300 Employees", R::Play),
            col(
                "D365_M365 Customer with No BC No Finance No Supply Chain",
                R::Play
            ),
            col("D365_NAV Customers, No BC_Finance", R::Play),
            col("D365_Quickbooks Customers with No BC", R::Play),
            col(
                "D365_Scale_Business_Operations_Migrate_Dynamics_OnPrem_to_Business_Central",
                R::Play,
            ),
            col(
                "D365_Power Apps_Customers on Competing Low-Code Platforms",
                R::Play
            ),
        ],
        &[FY_OFFERS],
        &triple!(
            A::D365BusinessCentral,
            "D365BCCluster",
            "D365BCFit",
            "D365BCIntent"
        ),
        &triple!(
            A::D365FinanceOperations,
            "D365FOCluster",
            "D365FOFit",
            "D365FOIntent"
        ),
        &[
            alias(
                "D365CECluster",
                R::Cluster(A::D365CustomerEngagement),
                &["D365SPCluster"]
            ),
            alias(
                "D365CEFit",
                R::Fit(A::D365CustomerEngagement),
                &["D365SPFit"]
            ),
            alias(
                "D365CEIntent",
                R::Intent(A::D365CustomerEngagement),
                &["D365SPIntent"]
            ),
        ],
        &triple!(
            A::PowerApps,
            "PowerAppsCluster",
            "PowerAppsFit",
            "PowerAppsIntent"
        ),
        &[
            col(
                "DynamicsOnPremAXorCRM_HasOpenRenewal",
                R::Flag(Flag::DynamicsOnPremOpenRenewal),
            ),
            M365_UPSELL,
            HAS_AZURE,
            HAS_D365_NOSPACE,
            HAS_M365_NOSPACE,
            HAS_GOOGLE,
            HAS_AWS,
            HAS_EA,
            HAS_OPEN,
        ],
        &extras!(
            A::D365BusinessCentral,
            "D365BCSignals",
            "D365BCRevenuePotential"
        ),
        &extras!(
            A::D365FinanceOperations,
            "D365FOSignals",
            "D365FORevenuePotential"
        ),
        &extras!(
            A::D365CustomerEngagement,
            "D365CESignals",
            "D365CERevenuePotential"
        ),
        &extras!(
            A::PowerApps,
            "PowerAppsSignals",
            "PowerAppsRevenuePotential"
        ),
        &[alias(
            "Transactedinthelast36months",
            R::Transacted,
            TRANSACTED_SPELLINGS,
        )],
    ]
);

report_columns!(AZURE, [
    &FIRMOGRAPHICS,
    &[
        col("Azure_Migrate and Modernize Apps with Azure Managed Databases", R::Play),
        col(
            "Azure_Innovate with AI_Build Intelligent Cloud Native Apps on Azure Managed Databases",
            R::Play,
        ),
        col(
            "Azure_Extend Edge Inferencing with Cloud-Based Model Training using Azure AI Infrastructure",
            R::Play,
        ),
        col("Azure_Extend to AVD Workloads Requiring GPU Rendering", R::Play),
        col("Azure_Modernize HPC Workloads with Azure HPC + AI", R::Play),
        col("Azure_Azure Backup and ASR to Every Production Workload", R::Play),
        col("Azure_Backup On Prem Data and SaaS Data", R::Play),
        col("Azure_Migrate and Modernize VMware to Azure", R::Play),
        col("Azure_Modernize VDI to AVD", R::Play),
        col("Azure_Modernize VDI to AVD: Citrix IB", R::Play),
        col("Azure_Modernize VDI to AVD: Cross-sell MW to Azure AVD", R::Play),
        col("Azure_Modernize VDI to AVD: RDS IB", R::Play),
        col("Azure_Modernize VDI to AVD: VMWare IB", R::Play),
        col("Azure_Secure Migration_MDC_Network Security_and Monitor: Defender", R::Play),
        col(
            "Azure_Secure Migration_MDC_Network Security_and Monitor: Network Security",
            R::Play,
        ),
        col(
            "Azure_Secure Migration_MDC_Network Security_and Monitor: Well Architected Security Go Back",
            R::Play,
        ),
        col("Azure_Windows Server OR SQL Server: Active Annuity", R::Play),
        col("Azure_Windows Server OR SQL Server: Active Non-Annuity", R::Play),
        col("Azure_Windows Server OR SQL Server: EOS Prior 2012", R::Play),
        col("Azure_Windows Server OR SQL Server: EOS 2012", R::Play),
        col("Azure_Windows Server OR SQL Server: Inactive Annuity", R::Play),
        col("Azure_Windows Server OR SQL Server: Inactive Non-Annuity", R::Play),
        col(
            "Azure_Migrate Linux Estate - Migrate and Modernize Linux_OSS DB to Azure",
            R::Play,
        ),
        col("Azure_Migrate Oracle DBs to Oracle on Azure", R::Play),
        col("Azure_Extend and Innovate SAP with Microsoft Cloud Services", R::Play),
        col("Azure_Migrate and Modernize to S_4HANA via RISE with SAP", R::Play),
        col("Azure_SQL DW to Azure", R::Play),
        col(
            "Azure_Modernize Enterprise Applications - Move On Prem .NET apps to Azure App Services",
            R::Play,
        ),
        col(
            "Azure_Power Business Decision with Cloud Scale Analytics - Win New Analytics Scenarios",
            R::Play,
        ),
        col(
            "Azure_Migrate and Secure Win SQL Server Linux First workload MW to Azure",
            R::Play,
        ),
    ],
    &[FY_OFFERS],
    &[
        col("AzureFit", R::Fit(A::Azure)),
        col("AzureIntent", R::Intent(A::Azure)),
        col("AzureCluster", R::Cluster(A::Azure)),
        col(
            "WindowsServerDataCenter_HasOpenRenewal",
            R::Flag(Flag::WindowsServerDatacenterOpenRenewal),
        ),
        col(
            "WindowsServerStandard_HasOpenRenewal",
            R::Flag(Flag::WindowsServerStandardOpenRenewal),
        ),
        HAS_AZURE,
        HAS_D365,
        HAS_M365,
        HAS_GOOGLE,
        HAS_AWS,
        HAS_EA,
        HAS_OPEN,
        col(
            "NumberofExistingWorkloads",
            R::Workloads(WorkloadField::ExistingCount),
        ),
        col("Existing Workloads", R::Workloads(WorkloadField::Existing)),
        col(
            "NumberofRecommendedWorkloads",
            R::Workloads(WorkloadField::RecommendedCount),
        ),
        col("RecommendedWorkloads", R::Workloads(WorkloadField::Recommended)),
    ],
    &extras!(A::Azure, "AzureSignals", "AzureRevenuePotential"),
    &[alias(
        "Transactedinthelast36months",
        R::Transacted,
        TRANSACTED_SPELLINGS,
    )],
]);

report_columns!(
    RENEWAL,
    [
        &FIRMOGRAPHICS,
        &[
            FY_OFFERS,
            HAS_GOOGLE,
            HAS_AWS,
            col("AzureCluster", R::Cluster(A::Azure)),
            col("D365FOCluster", R::Cluster(A::D365FinanceOperations)),
            alias(
                "D365CECluster",
                R::Cluster(A::D365CustomerEngagement),
                &["D365SPCluster"],
            ),
            col("D365BCCluster", R::Cluster(A::D365BusinessCentral)),
            col("PowerAppsCluster", R::Cluster(A::PowerApps)),
            col("M365Cluster", R::Cluster(A::M365)),
            alias(
                "License Program",
                R::Renewal(RenewalField::LicenseProgram),
                &["LicenseProgram"],
            ),
            alias(
                "Agreement ID",
                R::Renewal(RenewalField::AgreementId),
                &["AgreementID"],
            ),
            alias(
                "Agreement End Date",
                R::Renewal(RenewalField::AgreementEndDate),
                &["AgreementEndDate"],
            ),
            alias(
                "Expiration Type",
                R::Renewal(RenewalField::ExpirationType),
                &["ExpirationType"],
            ),
            alias(
                "Expiring Revenue",
                R::Renewal(RenewalField::ExpiringRevenue),
                &["ExpiringRevenue"],
            ),
            alias("Has EA", R::Flag(Flag::HasEa), &["HasEA"]),
            alias("Has Open", R::Flag(Flag::HasOpen), &["HasOpen"]),
            alias(
                "Microsoft365UpsellCustomer",
                R::Flag(Flag::M365UpsellCustomer),
                &["M365UpsellCustomer"],
            ),
            col(
                "RevSumDivisionName",
                R::Renewal(RenewalField::RevSumDivisionName),
            ),
        ],
        &[col("RenewalSignals", R::Renewal(RenewalField::Signals))],
        &[alias(
            "TransactedInTheLast36months",
            R::Transacted,
            TRANSACTED_SPELLINGS,
        )],
    ]
);

report_columns!(
    SECURITY,
    [
        &FIRMOGRAPHICS,
        &[
            col("Security_Threat_Protection_Advanced_XDR", R::Play),
            col("Security_Upsell_Microsoft 365 E3 to E5 Security", R::Play),
            col(
                "Security_Acquire_Defender for Business without Microsoft 365",
                R::Play
            ),
            FY_OFFERS,
        ],
        &triple!(
            A::Security,
            "SecurityCluster",
            "SecurityFit",
            "SecurityIntent"
        ),
        &[
            M365_UPSELL,
            HAS_AZURE,
            HAS_D365,
            HAS_M365,
            HAS_GOOGLE,
            HAS_AWS,
            HAS_EA,
            HAS_OPEN,
        ],
        &extras!(A::Security, "SecuritySignals", "SecurityRevenuePotential"),
        &[alias(
            "Transactedinthelast36months",
            R::Transacted,
            TRANSACTED_SPELLINGS,
        )],
    ]
);
