//! The cohort (solution play) columns, the `Has*` and renewal flags and the `FY24 Offers`
//! column of the six reports: one documented rule each, read from a customer's [`Facts`].
//!
//! Microsoft defines each play in a phrase ("Target …", "Upsell …") and computes it from data a
//! partner does not have (Microsoft's own transaction and install-base records). Here each rule
//! says which of the partner's data it reads: the partner's subscriptions, the snapshot's
//! security signals and the imported external signals (install base of on-premises and
//! competing products with their versions, licences and Software Assurance; Microsoft products
//! bought through other channels; agreements). A play whose evidence exists only in external
//! signals is "No" until such signals are imported; none is "No" for want of a rule.
//!
//! Thresholds written in the play's name are read literally (`>50` is 51 or more, `25+` is 25
//! or more). Where a name splits at 300 employees (`>300` and `<300`), exactly 300 counts as
//! large, as Microsoft's "300 or more employees" segments do.
//!
//! Products the catalogue does not carry are read through their closest catalogue match, and the
//! rule says so: Office 365 A1/A3/A5 and Microsoft 365 A1/A3 are the education customer's plan
//! level (web-only Business Basic or Exchange Online for A1; desktop suites for A3), Office 365
//! E1 and E5 have no catalogue product, Dynamics 365 Sales Enterprise and Finance/Supply Chain
//! are known only through external signals.
//!
//! To add a play: a variant in the `plays!` list with its column name as the reports write it,
//! its rule in [`Play::applies`] and a test on a fixture; the test that every report's play
//! column has exactly one play fails until then.

use chrono::Days;
use partner_advisor_domain::{ExternalSignalKind as K, LicenseProgram, Product};
use partner_advisor_formats::cloudascent::{Flag, PropensityReport, SolutionArea};

use super::facts::{Facts, Observed, AREAS, COPILOT_BASES, SECURITY_PRODUCTS};
use super::segments::Band;

macro_rules! plays {
    ($($(#[$meta:meta])* $variant:ident => $column:literal),+ $(,)?) => {
        /// A cohort (solution play) column.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Play {
            $($(#[$meta])* $variant),+
        }

        impl Play {
            /// Every play, in the order of the reports' columns.
            pub const ALL: &'static [Play] = &[$(Play::$variant),+];

            /// The column's name as the reports write it.
            pub fn column(self) -> &'static str {
                match self { $(Play::$variant => $column),+ }
            }
        }
    };
}

plays! {
    /// Office 2016 or 2019 (Windows) in use, and no cloud licence with the desktop apps.
    OfficeOnPrem2016Or2019 => "MW_On Prem Acq_Office 2016_2019",
    /// Office 2007/2010 or an Office server (Exchange, SharePoint) 2007/2010 in use, not replaced
    /// by a cloud licence.
    OfficeOnPrem2007Or2010 => "MW_On Prem Acq Office_Prod Server 2007_2010",
    /// Office 2021 or an Office server 2019 in use, not replaced by a cloud licence.
    OfficeOnPrem2021OrServer2019 => "MW_On Prem Acq Office 2021 Office_Prod Server 2019",
    /// Office 2013, an Office server 2013 or Office 2019 for Mac in use, not replaced by a
    /// cloud licence.
    OfficeOnPrem2013OrMac2019 => "MW_On Prem Acq Office_Prod Server 2013_Office 2019 for Mac",
    /// Third-party endpoint security in use, and a Microsoft 365 licence.
    CompeteEndpointWithM365 => "MW_Transition Customer - Compete (Endpoint Security) with M365",
    /// Third-party endpoint security in use, and no Microsoft 365 licence.
    CompeteEndpointWithoutM365 =>
        "MW_Transition Customer - Compete (Endpoint Security) without M365",
    /// Zoom in use, and a Microsoft 365 licence.
    CompeteZoomWithM365 => "MW_Transition Customer - Compete (Zoom) with M365",
    /// Zoom in use, and no Microsoft 365 licence.
    CompeteZoomWithoutM365 => "MW_Transition Customer - Compete (Zoom) without M365",
    /// Google Workspace in use.
    CompeteGoogleWorkspace => "MW_Transition Customer - Compete Google Workspace",
    /// A Microsoft 365 customer without Enterprise Mobility + Security (no EMS E5 or Entra ID P1,
    /// and not on Business Premium or Microsoft 365 E3/E5, which include it).
    UpsellEms => "MW_Upsell Existing Cloud Customer - EMS Suites_Standalones",
    /// Microsoft 365 E3 without E5 (Office 365 E5 is not in the catalogue).
    UpsellE3ToE5 => "MW_Upsell Existing Cloud Customer - ME3_OE5 to ME5",
    /// A Microsoft 365 customer on standalones only (Exchange Online, Apps for business, Teams
    /// Essentials): no suite.
    UpsellStandalones => "MW_Upsell Existing Cloud Customer - MW Standalones_EXO_SPO_etc",
    /// A Microsoft 365 customer on none of Business Premium, Microsoft 365 E3 or E5.
    UpsellNoPremium => "MW_Upsell Existing Cloud Customer - No MBP_ME3_ME5",
    /// An education customer on a web-only plan (Business Basic or Exchange Online: the A1
    /// level; A SKUs are not in the catalogue).
    UpsellA1 => "MW_Upsell Existing Cloud Customer - O365 A1",
    /// An education customer on a desktop suite below Microsoft 365 E5 (Business Standard or
    /// Premium, Office 365 E3, Microsoft 365 E3: the A3 level).
    UpsellA3 => "MW_Upsell Existing Cloud Customer - O365 A3_A5_M365 A1_A3",
    /// Business Premium or Microsoft 365 E3/E5 on fewer seats than 60% of the employees (10
    /// employees or more).
    Underpenetrated => "MW_Upsell Existing Cloud Customer - Underpenetrated MBP_ME3_ME5",
    /// Teams Essentials, or Teams Exploratory on trial.
    UpsellTeamsEssentials => "MW_Upsell Existing Cloud Customer - Teams Essentials",
    /// Business Premium on more than 50 seats.
    BusinessPremiumOver50 => "MW_Business Premium_E SKU Attach >50",
    /// An education customer of 25 employees or more with no Surface bought in three years.
    EduForSurface => "MW_EDU for Surface",
    /// More than 25 Surface devices bought in the last three years.
    SurfaceOver25 => "MW_Surface Devices >25 Purchased in the Last 3 Years",
    /// A suite Copilot attaches to (Business Standard or Premium, Office 365 E3, Microsoft 365
    /// E3/E5) and no Copilot.
    CopilotAttach => "MW_Copilot_Attach Copilot to Microsoft 365",
    /// A Microsoft 365 customer on 1–49 productivity seats with no Surface bought in three
    /// years.
    SurfaceAcquireUnder50 => "Surface_Acquire_No Surface with M365_1-49 Seats",
    /// A Microsoft 365 customer on 50 or more productivity seats with no Surface bought in three
    /// years.
    SurfaceAcquire50Plus => "Surface_Acquire_No Surface with M365_50+ Seats",
    /// 1–24 Surface devices bought in the last three years.
    SurfaceUpsellUnder25 => "Surface_Upsell_Surface Purchased in the Last 3 Years_1-24 Devices",
    /// 25 or more Surface devices bought in the last three years.
    SurfaceUpsell25Plus => "Surface_Upsell_Surface Purchased in the Last 3 Years_25+ Devices",
    /// Owns Business Central and not Dynamics 365 Sales.
    BcWithoutSales => "D365_BC Customers with no D365 SalesPro or Sales Enterprise",
    /// Dynamics CRM on premises, and not Dynamics 365 Sales.
    CrmOnPremWithoutSales => "D365_CRM On Prem Customers with No D365 SalesPro Or Sales Enterprise",
    /// A Microsoft 365 customer of 300 employees or more without Dynamics 365 Sales.
    M365LargeWithoutSales =>
        "D365_M365 Customers with >300 Employees with No D365 SalesPro Or Sales Enterprise",
    /// A Microsoft 365 customer of fewer than 300 employees without Dynamics 365 Sales.
    M365SmallWithoutSales =>
        "D365_M365 Customers with <300 Employees with No D365 SalesPro or Sales Enterprise",
    /// An Azure customer without Power Apps.
    AzureWithoutPowerPlatform => "D365_Azure Customers with No Power Platform",
    /// Owns Business Central or Dynamics 365 Sales, and not Power Apps.
    BcOrSalesWithoutPowerPlatform =>
        "D365_BC or D365 SalesPro Or Sales Enterprise Customers with No Power Platform",
    /// Business Premium, Office 365 E3 or Microsoft 365 E3/E5 (E1 is not in the catalogue),
    /// without Power Apps.
    M365SuiteWithoutPowerPlatform => "D365_M365 BP_E1_E3_E5 Customer with No Power Platform",
    /// Dynamics AX on premises, and neither Business Central nor Finance.
    AxWithoutBcOrFinance => "D365_AX Customer, No BC/Finance",
    /// Owns Dynamics 365 Sales and not Business Central.
    SalesWithoutBc => "D365_D365 SalesPro or Sales Enterprise Customers with No BC",
    /// Dynamics GP on premises, and neither Business Central nor Finance.
    GpWithoutBcOrFinance => "D365_GP Customer, No BC/Finance",
    /// A Microsoft 365 customer of fewer than 300 employees without Business Central.
    M365SmallWithoutBc => "D365_M365 Customer with No BC with <300 Employees",
    /// A Microsoft 365 customer with neither Business Central nor Finance/Supply Chain.
    M365WithoutBcOrFinance => "D365_M365 Customer with No BC No Finance No Supply Chain",
    /// Dynamics NAV on premises, and neither Business Central nor Finance.
    NavWithoutBcOrFinance => "D365_NAV Customers, No BC_Finance",
    /// QuickBooks in use, and not Business Central.
    QuickBooksWithoutBc => "D365_Quickbooks Customers with No BC",
    /// Dynamics GP or NAV on premises (Business Central's predecessors), and not Business
    /// Central.
    MigrateDynamicsOnPremToBc =>
        "D365_Scale_Business_Operations_Migrate_Dynamics_OnPrem_to_Business_Central",
    /// A competing low-code platform in use, and not Power Apps.
    PowerAppsCompetingLowCode => "D365_Power Apps_Customers on Competing Low-Code Platforms",
    /// An on-premises database (SQL Server 2014 or later, or open-source databases) and no
    /// Azure yet.
    MigrateAppsManagedDatabases => "Azure_Migrate and Modernize Apps with Azure Managed Databases",
    /// An Azure customer with an on-premises database (SQL Server or open-source) to build on.
    InnovateAiManagedDatabases =>
        "Azure_Innovate with AI_Build Intelligent Cloud Native Apps on Azure Managed Databases",
    /// IoT or edge devices in use.
    EdgeInferencing =>
        "Azure_Extend Edge Inferencing with Cloud-Based Model Training using Azure AI Infrastructure",
    /// GPU workstations in use.
    AvdGpuRendering => "Azure_Extend to AVD Workloads Requiring GPU Rendering",
    /// An HPC cluster in use.
    Hpc => "Azure_Modernize HPC Workloads with Azure HPC + AI",
    /// Azure spend of 100 USD a month or more (production workloads to protect).
    BackupAsrEveryWorkload => "Azure_Azure Backup and ASR to Every Production Workload",
    /// On-premises servers (Windows Server, SQL Server or VMware) and Microsoft 365 data.
    BackupOnPremAndSaas => "Azure_Backup On Prem Data and SaaS Data",
    /// VMware vSphere in use.
    MigrateVmware => "Azure_Migrate and Modernize VMware to Azure",
    /// Virtual desktops in use (Citrix, VMware Horizon or Remote Desktop Services).
    VdiToAvd => "Azure_Modernize VDI to AVD",
    /// Citrix in use.
    VdiCitrix => "Azure_Modernize VDI to AVD: Citrix IB",
    /// A licence with Azure Virtual Desktop rights (Business Premium, Microsoft 365 E3/E5), 50
    /// employees or more, no virtual desktops in use and no Azure yet.
    VdiCrossSellM365 => "Azure_Modernize VDI to AVD: Cross-sell MW to Azure AVD",
    /// Remote Desktop Services in use.
    VdiRds => "Azure_Modernize VDI to AVD: RDS IB",
    /// VMware Horizon in use.
    VdiVmware => "Azure_Modernize VDI to AVD: VMWare IB",
    /// An Azure customer without Defender for Endpoint in its security signals.
    SecureDefender => "Azure_Secure Migration_MDC_Network Security_and Monitor: Defender",
    /// Azure spend of 1,000 USD a month or more (an estate that needs network security).
    SecureNetwork => "Azure_Secure Migration_MDC_Network Security_and Monitor: Network Security",
    /// Azure spend through the partner up 20% or more in three months (new workloads to review).
    SecureWellArchitected =>
        "Azure_Secure Migration_MDC_Network Security_and Monitor: Well Architected Security Go Back",
    /// Windows Server or SQL Server with Software Assurance in force.
    ServerActiveAnnuity => "Azure_Windows Server OR SQL Server: Active Annuity",
    /// Windows Server or SQL Server in force without Software Assurance.
    ServerActiveNonAnnuity => "Azure_Windows Server OR SQL Server: Active Non-Annuity",
    /// Windows Server or SQL Server older than 2012 (out of support).
    ServerEosPrior2012 => "Azure_Windows Server OR SQL Server: EOS Prior 2012",
    /// Windows Server or SQL Server 2012 (out of support).
    ServerEos2012 => "Azure_Windows Server OR SQL Server: EOS 2012",
    /// Windows Server or SQL Server whose Software Assurance ended.
    ServerInactiveAnnuity => "Azure_Windows Server OR SQL Server: Inactive Annuity",
    /// Windows Server or SQL Server whose licence term ended, without Software Assurance.
    ServerInactiveNonAnnuity => "Azure_Windows Server OR SQL Server: Inactive Non-Annuity",
    /// Linux servers or open-source databases in use.
    MigrateLinux => "Azure_Migrate Linux Estate - Migrate and Modernize Linux_OSS DB to Azure",
    /// Oracle Database in use.
    MigrateOracle => "Azure_Migrate Oracle DBs to Oracle on Azure",
    /// SAP in use.
    ExtendSap => "Azure_Extend and Innovate SAP with Microsoft Cloud Services",
    /// SAP ECC in use (not yet S/4HANA).
    RiseWithSap => "Azure_Migrate and Modernize to S_4HANA via RISE with SAP",
    /// An on-premises data warehouse in use.
    SqlDwToAzure => "Azure_SQL DW to Azure",
    /// .NET applications hosted on premises.
    DotNetToAppService =>
        "Azure_Modernize Enterprise Applications - Move On Prem .NET apps to Azure App Services",
    /// An on-premises data warehouse, or an Azure customer with SQL Server.
    CloudScaleAnalytics =>
        "Azure_Power Business Decision with Cloud Scale Analytics - Win New Analytics Scenarios",
    /// No Azure, and a Microsoft 365 customer (SPEC §6.2: its first Azure workload).
    FirstWorkload => "Azure_Migrate and Secure Win SQL Server Linux First workload MW to Azure",
    /// A Microsoft 365 customer without E5 whose Security fit is Medium or High (likely to move
    /// to E5, SPEC §6.2).
    ThreatProtectionXdr => "Security_Threat_Protection_Advanced_XDR",
    /// Microsoft 365 E3 or Office 365 E3 without E5, and without both EMS E5 and Defender for
    /// Office 365 P2.
    UpsellE3ToE5Security => "Security_Upsell_Microsoft 365 E3 to E5 Security",
    /// No Microsoft 365 licence, no Defender for Business, 300 employees or fewer.
    DefenderForBusinessWithoutM365 => "Security_Acquire_Defender for Business without Microsoft 365",
}

/// A set of plays.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct PlaySet(u128);

impl PlaySet {
    /// Whether the set holds `p`.
    pub fn contains(self, p: Play) -> bool {
        self.0 & (1u128 << (p as u32)) != 0
    }

    fn insert(&mut self, p: Play) {
        self.0 |= 1u128 << (p as u32);
    }

    /// The plays in the set, in column order.
    pub fn iter(self) -> impl Iterator<Item = Play> {
        Play::ALL.iter().copied().filter(move |p| self.contains(*p))
    }
}

/// Products whose licence includes Enterprise Mobility + Security.
const WITH_EMS: [Product; 5] = [
    Product::EmsE5,
    Product::EntraIdP1,
    Product::BusinessPremium,
    Product::Microsoft365E3,
    Product::Microsoft365E5,
];

/// The premium suites.
const PREMIUM: [Product; 3] = [
    Product::BusinessPremium,
    Product::Microsoft365E3,
    Product::Microsoft365E5,
];

/// Licences that replace Exchange or SharePoint Server.
const WITH_ONLINE_SERVERS: [Product; 7] = [
    Product::ExchangeOnlinePlan1,
    Product::BusinessBasic,
    Product::BusinessStandard,
    Product::BusinessPremium,
    Product::Office365E3,
    Product::Microsoft365E3,
    Product::Microsoft365E5,
];

/// Employees from which a company counts as large in plays split at 300.
const LARGE_FROM: u32 = 300;

impl Play {
    /// Whether the customer is in the cohort. `fit` holds its fit scores per area (the Security
    /// XDR play reads the Security fit).
    pub fn applies(self, f: &Facts, fit: &[u8; AREAS]) -> bool {
        use Play::*;
        let owns = |a: SolutionArea| f.owns(a);
        let bc = owns(SolutionArea::D365BusinessCentral);
        let sales = owns(SolutionArea::D365CustomerEngagement);
        let finance = owns(SolutionArea::D365FinanceOperations);
        let power_apps = owns(SolutionArea::PowerApps);
        let azure = owns(SolutionArea::Azure);
        let m365 = f.has_m365();
        let surfaces = f.surface_devices_3y();
        let education = f.industry.eq_ignore_ascii_case("Education");
        let on_prem = |kind: K, pred: &dyn Fn(&Observed) -> bool| f.installed_where(kind, pred);
        let office = |pred: &dyn Fn(&Observed) -> bool| {
            !f.has_cloud_desktop_apps() && on_prem(K::Office, pred)
        };
        let server = |pred: &dyn Fn(&Observed) -> bool| {
            !f.has_any(&WITH_ONLINE_SERVERS) && on_prem(K::ProductivityServer, pred)
        };
        let year_in =
            |years: &'static [u16]| move |o: &Observed| o.year.is_some_and(|y| years.contains(&y));
        let mac = |o: &Observed| o.edition == super::facts::Edition::Mac;
        let servers = |pred: &dyn Fn(&Observed) -> bool| {
            on_prem(K::WindowsServer, pred) || on_prem(K::SqlServer, pred)
        };
        let in_force = |o: &Observed| o.until.is_none_or(|u| u >= f.as_of);
        let annuity = |o: &Observed| o.annuity == Some(true);
        let vdi = f.installed(K::Citrix)
            || f.installed(K::VmwareHorizon)
            || f.installed(K::RemoteDesktopServices);
        let productivity = f.productivity_seats();
        match self {
            OfficeOnPrem2016Or2019 => office(&|o| year_in(&[2016, 2019])(o) && !mac(o)),
            OfficeOnPrem2007Or2010 => {
                office(&year_in(&[2007, 2010])) || server(&year_in(&[2007, 2010]))
            }
            OfficeOnPrem2021OrServer2019 => office(&year_in(&[2021])) || server(&year_in(&[2019])),
            OfficeOnPrem2013OrMac2019 => {
                office(&|o| year_in(&[2013])(o) || (year_in(&[2019])(o) && mac(o)))
                    || server(&year_in(&[2013]))
            }
            CompeteEndpointWithM365 => f.installed(K::EndpointSecurity) && m365,
            CompeteEndpointWithoutM365 => f.installed(K::EndpointSecurity) && !m365,
            CompeteZoomWithM365 => f.installed(K::Zoom) && m365,
            CompeteZoomWithoutM365 => f.installed(K::Zoom) && !m365,
            CompeteGoogleWorkspace => f.installed(K::GoogleWorkspace),
            UpsellEms => m365 && !f.has_any(&WITH_EMS),
            UpsellE3ToE5 => f.has(Product::Microsoft365E3) && !f.has(Product::Microsoft365E5),
            UpsellStandalones => {
                m365 && !Product::ALL
                    .iter()
                    .any(|p| p.is_productivity_suite() && f.has(*p))
            }
            UpsellNoPremium => m365 && !f.has_any(&PREMIUM),
            UpsellA1 => {
                education
                    && f.core().is_some_and(|(p, _)| {
                        matches!(p, Product::BusinessBasic | Product::ExchangeOnlinePlan1)
                    })
            }
            UpsellA3 => {
                education
                    && f.core().is_some_and(|(p, _)| {
                        matches!(
                            p,
                            Product::BusinessStandard
                                | Product::BusinessPremium
                                | Product::Office365E3
                                | Product::Microsoft365E3
                        )
                    })
            }
            Underpenetrated => {
                let seats: u32 = PREMIUM.iter().map(|p| f.seats_of(*p)).sum();
                f.employees >= 10 && seats > 0 && f64::from(seats) < 0.6 * f64::from(f.employees)
            }
            UpsellTeamsEssentials => {
                f.has(Product::TeamsEssentials) || f.holding(Product::TeamsExploratory).trial > 0
            }
            BusinessPremiumOver50 => f.seats_of(Product::BusinessPremium) > 50,
            EduForSurface => education && f.employees >= 25 && surfaces == 0,
            SurfaceOver25 => surfaces > 25,
            CopilotAttach => f.has_any(&COPILOT_BASES) && !f.has(Product::Copilot),
            SurfaceAcquireUnder50 => m365 && surfaces == 0 && (1..50).contains(&productivity),
            SurfaceAcquire50Plus => m365 && surfaces == 0 && productivity >= 50,
            SurfaceUpsellUnder25 => (1..25).contains(&surfaces),
            SurfaceUpsell25Plus => surfaces >= 25,
            BcWithoutSales => bc && !sales,
            CrmOnPremWithoutSales => f.installed(K::DynamicsCrm) && !sales,
            M365LargeWithoutSales => m365 && f.employees >= LARGE_FROM && !sales,
            M365SmallWithoutSales => m365 && f.employees < LARGE_FROM && !sales,
            AzureWithoutPowerPlatform => azure && !power_apps,
            BcOrSalesWithoutPowerPlatform => (bc || sales) && !power_apps,
            M365SuiteWithoutPowerPlatform => {
                f.has_any(&[
                    Product::BusinessPremium,
                    Product::Office365E3,
                    Product::Microsoft365E3,
                    Product::Microsoft365E5,
                ]) && !power_apps
            }
            AxWithoutBcOrFinance => f.installed(K::DynamicsAx) && !bc && !finance,
            SalesWithoutBc => sales && !bc,
            GpWithoutBcOrFinance => f.installed(K::DynamicsGp) && !bc && !finance,
            M365SmallWithoutBc => m365 && !bc && f.employees < LARGE_FROM,
            M365WithoutBcOrFinance => m365 && !bc && !finance,
            NavWithoutBcOrFinance => f.installed(K::DynamicsNav) && !bc && !finance,
            QuickBooksWithoutBc => f.installed(K::QuickBooks) && !bc,
            MigrateDynamicsOnPremToBc => {
                (f.installed(K::DynamicsGp) || f.installed(K::DynamicsNav)) && !bc
            }
            PowerAppsCompetingLowCode => f.installed(K::LowCodePlatform) && !power_apps,
            MigrateAppsManagedDatabases => !azure && has_database(f),
            InnovateAiManagedDatabases => azure && has_database(f),
            EdgeInferencing => f.installed(K::IotEdge),
            AvdGpuRendering => f.installed(K::GpuWorkstations),
            Hpc => f.installed(K::Hpc),
            BackupAsrEveryWorkload => f.azure_spend() >= 100.0,
            BackupOnPremAndSaas => {
                m365 && (f.installed(K::WindowsServer)
                    || f.installed(K::SqlServer)
                    || f.installed(K::Vmware))
            }
            MigrateVmware => f.installed(K::Vmware),
            VdiToAvd => vdi,
            VdiCitrix => f.installed(K::Citrix),
            VdiCrossSellM365 => f.has_any(&PREMIUM) && f.employees >= 50 && !vdi && !azure,
            VdiRds => f.installed(K::RemoteDesktopServices),
            VdiVmware => f.installed(K::VmwareHorizon),
            SecureDefender => azure && !f.posture.is_some_and(|p| p.defender_endpoint),
            SecureNetwork => f.azure_spend() >= 1_000.0,
            SecureWellArchitected => {
                f.acr_usd_month > 0.0
                    && f.acr_3m
                        .is_some_and(|before| before > 0.0 && f.acr_usd_month >= 1.2 * before)
            }
            ServerActiveAnnuity => servers(&|o| annuity(o) && in_force(o)),
            ServerActiveNonAnnuity => servers(&|o| !annuity(o) && in_force(o)),
            ServerEosPrior2012 => servers(&|o| o.year.is_some_and(|y| y < 2012)),
            ServerEos2012 => servers(&|o| o.year == Some(2012)),
            ServerInactiveAnnuity => servers(&|o| annuity(o) && !in_force(o)),
            ServerInactiveNonAnnuity => servers(&|o| !annuity(o) && !in_force(o)),
            MigrateLinux => f.installed(K::LinuxOss),
            MigrateOracle => f.installed(K::OracleDatabase),
            ExtendSap => f.installed(K::Sap),
            RiseWithSap => on_prem(K::Sap, &|o| o.edition == super::facts::Edition::SapEcc),
            SqlDwToAzure => f.installed(K::DataWarehouse),
            DotNetToAppService => f.installed(K::DotNetApps),
            CloudScaleAnalytics => {
                f.installed(K::DataWarehouse) || (azure && f.installed(K::SqlServer))
            }
            FirstWorkload => !azure && m365,
            ThreatProtectionXdr => {
                m365 && !f.has(Product::Microsoft365E5)
                    && Band::of(fit[SolutionArea::Security as usize]) <= Band::Medium
            }
            UpsellE3ToE5Security => {
                f.has_any(&[Product::Microsoft365E3, Product::Office365E3])
                    && !f.has(Product::Microsoft365E5)
                    && !(f.has(Product::EmsE5) && f.has(Product::DefenderForOfficeP2))
            }
            DefenderForBusinessWithoutM365 => {
                !m365 && !f.has(Product::DefenderForBusiness) && f.employees <= LARGE_FROM
            }
        }
    }
}

/// SQL Server 2014 or later, or open-source databases, on premises.
fn has_database(f: &Facts) -> bool {
    f.installed_where(K::SqlServer, |o| o.year.is_none_or(|y| y >= 2014))
        || f.installed(K::LinuxOss)
}

/// Every play that applies to the customer.
pub fn plays(f: &Facts, fit: &[u8; AREAS]) -> PlaySet {
    let mut set = PlaySet::default();
    for p in Play::ALL {
        if p.applies(f, fit) {
            set.insert(*p);
        }
    }
    set
}

/// The plays that make a Microsoft 365 customer an upsell customer (`M365UpsellCustomer`).
const M365_UPSELL_PLAYS: [Play; 9] = [
    Play::UpsellEms,
    Play::UpsellE3ToE5,
    Play::UpsellStandalones,
    Play::UpsellNoPremium,
    Play::UpsellA1,
    Play::UpsellA3,
    Play::Underpenetrated,
    Play::UpsellTeamsEssentials,
    Play::CopilotAttach,
];

/// Days ahead in which an Open licence's end counts as a renewal (`*_HasOpenRenewal`).
const OPEN_RENEWAL_DAYS: u64 = 365;

/// The value of a flag column.
///
/// - `Has Azure`: Azure spend through the partner or another channel; `Has D365`: Business
///   Central, Dynamics 365 Sales or Finance through any channel; `Has M365`: an active Microsoft
///   365 licence (Exchange Online, Apps for business, Business Basic to Premium, Office 365 E3,
///   Microsoft 365 E3/E5, Teams Essentials); `Has CoPilot`: an active Copilot licence.
/// - `HasGoogle`: Google Workspace or Google Cloud in use; `HasAWS`: AWS in use (external
///   signals).
/// - `HasEA` / `HasOpen`: an Enterprise Agreement / an Open agreement in force; `HasOpen` also
///   when an on-premises product's licence is Open or Open Value and in force.
/// - `M365UpsellCustomer`: a Microsoft 365 customer in one of the `MW_Upsell Existing Cloud
///   Customer` plays or the Copilot attach play.
/// - `WindowsServerDataCenter_HasOpenRenewal` / `WindowsServerStandard_HasOpenRenewal`: Windows
///   Server of that edition on an Open or Open Value licence ending within 12 months;
///   `DynamicsOnPremAXorCRM_HasOpenRenewal`: Dynamics AX or CRM on premises on such a licence.
pub fn flag(flag: Flag, f: &Facts, plays: PlaySet) -> bool {
    let open_renewal = |kind: K, pred: &dyn Fn(&Observed) -> bool| {
        let horizon = f.as_of + Days::new(OPEN_RENEWAL_DAYS);
        f.installed_where(kind, |o| {
            o.license.is_some_and(LicenseProgram::is_open)
                && o.until.is_some_and(|u| u >= f.as_of && u <= horizon)
                && pred(o)
        })
    };
    use super::facts::Edition;
    match flag {
        Flag::HasAzure => f.owns(SolutionArea::Azure),
        Flag::HasD365 => {
            f.owns(SolutionArea::D365BusinessCentral)
                || f.owns(SolutionArea::D365CustomerEngagement)
                || f.owns(SolutionArea::D365FinanceOperations)
        }
        Flag::HasM365 => f.has_m365(),
        Flag::HasGoogle => f.installed(K::GoogleWorkspace) || f.installed(K::GoogleCloud),
        Flag::HasAws => f.installed(K::Aws),
        Flag::HasEa => f.agreement(K::EnterpriseAgreement).is_some(),
        Flag::HasOpen => {
            f.agreement(K::OpenLicense).is_some()
                || f.observed.iter().any(|o| {
                    o.license.is_some_and(LicenseProgram::is_open)
                        && o.until.is_none_or(|u| u >= f.as_of)
                })
        }
        Flag::HasCopilot => f.has(Product::Copilot),
        Flag::M365UpsellCustomer => {
            f.has_m365() && M365_UPSELL_PLAYS.iter().any(|p| plays.contains(*p))
        }
        Flag::WindowsServerDatacenterOpenRenewal => {
            open_renewal(K::WindowsServer, &|o| o.edition == Edition::Datacenter)
        }
        Flag::WindowsServerStandardOpenRenewal => {
            open_renewal(K::WindowsServer, &|o| o.edition == Edition::Standard)
        }
        Flag::DynamicsOnPremOpenRenewal => {
            open_renewal(K::DynamicsAx, &|_| true) || open_renewal(K::DynamicsCrm, &|_| true)
        }
    }
}

/// Every flag column, for tables indexed by `Flag as usize`.
pub const FLAGS: [Flag; 12] = [
    Flag::HasAzure,
    Flag::HasD365,
    Flag::HasM365,
    Flag::HasGoogle,
    Flag::HasAws,
    Flag::HasEa,
    Flag::HasOpen,
    Flag::HasCopilot,
    Flag::M365UpsellCustomer,
    Flag::WindowsServerDatacenterOpenRenewal,
    Flag::WindowsServerStandardOpenRenewal,
    Flag::DynamicsOnPremOpenRenewal,
];

/// A set of flags that hold.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct FlagSet(u16);

impl FlagSet {
    /// Whether `f` holds.
    pub fn contains(self, f: Flag) -> bool {
        self.0 & (1 << (f as u16)) != 0
    }
}

/// Every flag's value.
pub fn flags(f: &Facts, plays: PlaySet) -> FlagSet {
    let mut set = 0u16;
    for fl in FLAGS {
        if flag(fl, f, plays) {
            set |= 1 << (fl as u16);
        }
    }
    FlagSet(set)
}

/// The `FY24 Offers` column of each report: whether the customer is eligible for one of the
/// fiscal year's promotions in the report's areas. Microsoft publishes the promotions, not a
/// list of eligible customers, so each report reads the shipped promotions' conditions:
///
/// - M365: Business Premium for customers on a lower suite or standalones with 300 seats or
///   fewer; Copilot for customers in the Copilot attach play;
/// - Surface: customers in a Surface acquire play, or whose Surface devices reach the end of
///   their term within six months;
/// - Azure: Windows Server or SQL Server out of support (2012 or older), or a first Azure
///   workload;
/// - D365: Business Central for GP, NAV or QuickBooks customers without it; Sales for Business
///   Central customers without it;
/// - Security: Defender for Business for customers of 300 employees or fewer with no security
///   product; E5 Security for the E3 to E5 upsell;
/// - Agreement renewal: an Enterprise or Open agreement ending within six months, or the main
///   Microsoft 365 licence renewing within 90 days.
pub fn offers(report: PropensityReport, f: &Facts, plays: PlaySet) -> bool {
    let has = |p: Play| plays.contains(p);
    match report {
        PropensityReport::M365 => {
            let below_premium = f.core().is_some_and(|(p, seats)| {
                seats <= 300
                    && matches!(
                        p,
                        Product::ExchangeOnlinePlan1
                            | Product::AppsForBusiness
                            | Product::BusinessBasic
                            | Product::BusinessStandard
                    )
            });
            below_premium || has(Play::CopilotAttach)
        }
        PropensityReport::Surface => {
            let horizon = f.as_of + Days::new(183);
            has(Play::SurfaceAcquireUnder50)
                || has(Play::SurfaceAcquire50Plus)
                || f.holding(Product::SurfaceDevice)
                    .renews
                    .is_some_and(|r| r <= horizon)
        }
        PropensityReport::Azure => {
            has(Play::ServerEosPrior2012) || has(Play::ServerEos2012) || has(Play::FirstWorkload)
        }
        PropensityReport::D365 => {
            has(Play::MigrateDynamicsOnPremToBc)
                || has(Play::QuickBooksWithoutBc)
                || has(Play::BcWithoutSales)
        }
        PropensityReport::Security => {
            let none = !f.has_any(&SECURITY_PRODUCTS) && !f.has(Product::BusinessPremium);
            (none && f.employees <= LARGE_FROM) || has(Play::UpsellE3ToE5Security)
        }
        PropensityReport::AgreementRenewal => {
            let six_months = f.as_of + Days::new(183);
            let agreement_ends = [K::EnterpriseAgreement, K::OpenLicense].iter().any(|k| {
                f.agreement(*k)
                    .and_then(|a| a.until)
                    .is_some_and(|u| u <= six_months)
            });
            let core_renews = f.core().is_some_and(|(p, _)| {
                f.holding(p)
                    .renews
                    .is_some_and(|r| r <= f.as_of + Days::new(90))
            });
            agreement_ends || core_renews
        }
    }
}

/// Azure workload families, for the Azure report's workload columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AzureWorkload {
    /// Virtual machines and migration of servers.
    Infrastructure,
    /// Managed databases.
    Databases,
    /// App Service.
    AppServices,
    /// Azure Virtual Desktop.
    VirtualDesktop,
    /// Backup and Site Recovery.
    BackupRecovery,
    /// Defender for Cloud and network security.
    Security,
    /// Analytics (data warehouse, Fabric).
    Analytics,
    /// AI and machine learning.
    Ai,
    /// HPC.
    Hpc,
    /// SAP on Azure.
    Sap,
}

impl AzureWorkload {
    /// Every family, in the order the columns list them.
    pub const ALL: [AzureWorkload; 10] = [
        AzureWorkload::Infrastructure,
        AzureWorkload::Databases,
        AzureWorkload::AppServices,
        AzureWorkload::VirtualDesktop,
        AzureWorkload::BackupRecovery,
        AzureWorkload::Security,
        AzureWorkload::Analytics,
        AzureWorkload::Ai,
        AzureWorkload::Hpc,
        AzureWorkload::Sap,
    ];

    /// Its name in the report (English; the workload columns are Microsoft's).
    pub fn name(self) -> &'static str {
        match self {
            AzureWorkload::Infrastructure => "Infrastructure",
            AzureWorkload::Databases => "Databases",
            AzureWorkload::AppServices => "App Services",
            AzureWorkload::VirtualDesktop => "Azure Virtual Desktop",
            AzureWorkload::BackupRecovery => "Backup and Recovery",
            AzureWorkload::Security => "Security",
            AzureWorkload::Analytics => "Analytics",
            AzureWorkload::Ai => "AI",
            AzureWorkload::Hpc => "HPC",
            AzureWorkload::Sap => "SAP",
        }
    }

    /// The family an Azure play recommends, if it is an Azure play.
    pub fn of_play(p: Play) -> Option<AzureWorkload> {
        use Play::*;
        Some(match p {
            MigrateVmware
            | FirstWorkload
            | MigrateLinux
            | ServerActiveAnnuity
            | ServerActiveNonAnnuity
            | ServerEosPrior2012
            | ServerEos2012
            | ServerInactiveAnnuity
            | ServerInactiveNonAnnuity => AzureWorkload::Infrastructure,
            MigrateAppsManagedDatabases | MigrateOracle => AzureWorkload::Databases,
            DotNetToAppService => AzureWorkload::AppServices,
            VdiToAvd | VdiCitrix | VdiCrossSellM365 | VdiRds | VdiVmware | AvdGpuRendering => {
                AzureWorkload::VirtualDesktop
            }
            BackupAsrEveryWorkload | BackupOnPremAndSaas => AzureWorkload::BackupRecovery,
            SecureDefender | SecureNetwork | SecureWellArchitected => AzureWorkload::Security,
            SqlDwToAzure | CloudScaleAnalytics => AzureWorkload::Analytics,
            InnovateAiManagedDatabases | EdgeInferencing => AzureWorkload::Ai,
            Hpc => AzureWorkload::Hpc,
            ExtendSap | RiseWithSap => AzureWorkload::Sap,
            _ => return None,
        })
    }
}

/// A set of Azure workload families.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct WorkloadSet(u16);

impl WorkloadSet {
    /// Whether the set holds `w`.
    pub fn contains(self, w: AzureWorkload) -> bool {
        self.0 & (1 << (w as u16)) != 0
    }

    /// The families in the set, in column order.
    pub fn iter(self) -> impl Iterator<Item = AzureWorkload> {
        AzureWorkload::ALL
            .into_iter()
            .filter(move |w| self.contains(*w))
    }

    /// How many.
    pub fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    /// Whether it is empty.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
}

/// The Azure report's existing and recommended workloads.
///
/// The partner's data shows Azure spend, not its services: a customer with Azure spend (through
/// the partner or another channel) runs Infrastructure, and that is all that is known to exist
/// until an import names the services. Recommended: the families of the Azure plays the
/// customer is in, less the existing ones.
pub fn azure_workloads(f: &Facts, plays: PlaySet) -> (WorkloadSet, WorkloadSet) {
    let mut existing = 0u16;
    if f.owns(SolutionArea::Azure) {
        existing |= 1 << (AzureWorkload::Infrastructure as u16);
    }
    let mut recommended = 0u16;
    for p in plays.iter() {
        if let Some(w) = AzureWorkload::of_play(p) {
            recommended |= 1 << (w as u16);
        }
    }
    (WorkloadSet(existing), WorkloadSet(recommended & !existing))
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use partner_advisor_domain::ExternalSignalKind;
    use partner_advisor_formats::cloudascent::{column_key, ColumnRole};

    use super::super::facts::fixture::*;
    use super::super::facts::{months_before, Edition};
    use super::*;

    const NO_FIT: [u8; AREAS] = [0; AREAS];

    fn yes(p: Play, f: &Facts) {
        assert!(p.applies(f, &NO_FIT), "{p:?} should apply to {f:#?}");
    }

    fn no(p: Play, f: &Facts) {
        assert!(!p.applies(f, &NO_FIT), "{p:?} should not apply to {f:#?}");
    }

    fn o(kind: ExternalSignalKind) -> Observed {
        observed(kind)
    }

    fn versioned(kind: ExternalSignalKind, year: u16, edition: Edition) -> Observed {
        Observed {
            year: Some(year),
            edition,
            ..observed(kind)
        }
    }

    fn licensed(
        kind: ExternalSignalKind,
        year: u16,
        edition: Edition,
        license: LicenseProgram,
        annuity: bool,
        until_days: i64,
    ) -> Observed {
        Observed {
            license: Some(license),
            annuity: Some(annuity),
            until: Some(as_of() + chrono::Duration::days(until_days)),
            ..versioned(kind, year, edition)
        }
    }

    #[test]
    fn every_report_play_column_has_exactly_one_rule() {
        let mut columns = HashSet::new();
        for report in PropensityReport::ALL {
            for c in report.columns() {
                if c.role == ColumnRole::Play {
                    columns.insert(column_key(c.name));
                }
            }
        }
        let plays: Vec<String> = Play::ALL.iter().map(|p| column_key(p.column())).collect();
        let unique: HashSet<&String> = plays.iter().collect();
        assert_eq!(unique.len(), plays.len(), "a column with two rules");
        for c in &columns {
            assert!(plays.contains(c), "no rule for {c}");
        }
        for p in &plays {
            assert!(columns.contains(p), "{p} is in no report");
        }
        assert!(Play::ALL.len() <= 128);
    }

    #[test]
    fn on_premises_office_plays_read_versions_and_cloud_apps() {
        let office = |year, edition| signal(customer(20), versioned(K::Office, year, edition));
        yes(Play::OfficeOnPrem2016Or2019, &office(2016, Edition::Other));
        yes(Play::OfficeOnPrem2016Or2019, &office(2019, Edition::Other));
        no(Play::OfficeOnPrem2016Or2019, &office(2019, Edition::Mac));
        yes(Play::OfficeOnPrem2013OrMac2019, &office(2019, Edition::Mac));
        yes(
            Play::OfficeOnPrem2013OrMac2019,
            &office(2013, Edition::Other),
        );
        yes(Play::OfficeOnPrem2007Or2010, &office(2010, Edition::Other));
        yes(
            Play::OfficeOnPrem2021OrServer2019,
            &office(2021, Edition::Other),
        );
        no(
            Play::OfficeOnPrem2021OrServer2019,
            &office(2016, Edition::Other),
        );
        // Cloud desktop apps replace perpetual Office, but not Exchange Server.
        let with_apps = with(office(2016, Edition::Other), Product::AppsForBusiness, 20);
        no(Play::OfficeOnPrem2016Or2019, &with_apps);
        let servers = |year| {
            signal(
                customer(20),
                versioned(K::ProductivityServer, year, Edition::Other),
            )
        };
        yes(Play::OfficeOnPrem2007Or2010, &servers(2007));
        yes(Play::OfficeOnPrem2021OrServer2019, &servers(2019));
        yes(Play::OfficeOnPrem2013OrMac2019, &servers(2013));
        yes(
            Play::OfficeOnPrem2007Or2010,
            &with(servers(2010), Product::AppsForBusiness, 5),
        );
        no(
            Play::OfficeOnPrem2007Or2010,
            &with(servers(2010), Product::BusinessBasic, 5),
        );
    }

    #[test]
    fn compete_plays_split_on_microsoft_365() {
        for (kind, with_m365, without) in [
            (
                K::EndpointSecurity,
                Play::CompeteEndpointWithM365,
                Play::CompeteEndpointWithoutM365,
            ),
            (
                K::Zoom,
                Play::CompeteZoomWithM365,
                Play::CompeteZoomWithoutM365,
            ),
        ] {
            let bare = signal(customer(30), o(kind));
            yes(without, &bare);
            no(with_m365, &bare);
            let m365 = with(bare, Product::BusinessBasic, 30);
            yes(with_m365, &m365);
            no(without, &m365);
            no(with_m365, &with(customer(30), Product::BusinessBasic, 30));
        }
        yes(
            Play::CompeteGoogleWorkspace,
            &signal(customer(5), o(K::GoogleWorkspace)),
        );
        no(Play::CompeteGoogleWorkspace, &customer(5));
    }

    #[test]
    fn upsell_plays_read_the_suite() {
        let standard = with(customer(40), Product::BusinessStandard, 40);
        yes(Play::UpsellEms, &standard);
        yes(Play::UpsellNoPremium, &standard);
        no(Play::UpsellStandalones, &standard);
        no(Play::UpsellE3ToE5, &standard);
        yes(Play::CopilotAttach, &standard);
        no(
            Play::CopilotAttach,
            &with(standard.clone(), Product::Copilot, 4),
        );
        no(
            Play::UpsellEms,
            &with(standard.clone(), Product::EntraIdP1, 40),
        );
        let exchange = with(customer(12), Product::ExchangeOnlinePlan1, 12);
        yes(Play::UpsellStandalones, &exchange);
        no(Play::CopilotAttach, &exchange);
        let teams = with(customer(8), Product::TeamsEssentials, 8);
        yes(Play::UpsellStandalones, &teams);
        yes(Play::UpsellTeamsEssentials, &teams);
        let mut trial = customer(8);
        trial.add_subscription(
            Product::TeamsExploratory,
            8,
            partner_advisor_domain::SubscriptionStatus::Trial,
            months_before(as_of(), 1),
            as_of(),
        );
        yes(Play::UpsellTeamsEssentials, &trial);
        no(Play::UpsellTeamsEssentials, &standard);
        let e3 = with(customer(400), Product::Microsoft365E3, 400);
        yes(Play::UpsellE3ToE5, &e3);
        no(Play::UpsellEms, &e3);
        no(Play::UpsellNoPremium, &e3);
        no(Play::UpsellE3ToE5, &with(e3, Product::Microsoft365E5, 10));
        // Underpenetrated: premium seats below 60% of 10+ employees.
        yes(
            Play::Underpenetrated,
            &with(customer(100), Product::BusinessPremium, 59),
        );
        no(
            Play::Underpenetrated,
            &with(customer(100), Product::BusinessPremium, 60),
        );
        no(
            Play::Underpenetrated,
            &with(customer(9), Product::BusinessPremium, 1),
        );
        no(
            Play::Underpenetrated,
            &with(customer(100), Product::BusinessStandard, 10),
        );
        // Business Premium on more than 50 seats.
        yes(
            Play::BusinessPremiumOver50,
            &with(customer(60), Product::BusinessPremium, 51),
        );
        no(
            Play::BusinessPremiumOver50,
            &with(customer(60), Product::BusinessPremium, 50),
        );
    }

    #[test]
    fn education_plays_read_the_plan_level() {
        let school = |p| {
            let mut f = with(customer(80), p, 80);
            f.industry = "Education".into();
            f
        };
        yes(Play::UpsellA1, &school(Product::BusinessBasic));
        no(Play::UpsellA3, &school(Product::BusinessBasic));
        yes(Play::UpsellA3, &school(Product::BusinessStandard));
        no(Play::UpsellA3, &school(Product::Microsoft365E5));
        no(
            Play::UpsellA1,
            &with(customer(80), Product::BusinessBasic, 80),
        );
        yes(Play::EduForSurface, &school(Product::BusinessBasic));
        let mut small = school(Product::BusinessBasic);
        small.employees = 24;
        no(Play::EduForSurface, &small);
        let mut devices = observed(K::SurfaceDevices);
        devices.quantity = 3.0;
        no(
            Play::EduForSurface,
            &signal(school(Product::BusinessBasic), devices),
        );
    }

    #[test]
    fn surface_plays_count_devices_of_three_years_and_seats() {
        let devices = |n: f64| {
            let mut d = observed(K::SurfaceDevices);
            d.quantity = n;
            signal(with(customer(200), Product::BusinessStandard, 60), d)
        };
        yes(Play::SurfaceUpsellUnder25, &devices(24.0));
        no(Play::SurfaceUpsell25Plus, &devices(24.0));
        yes(Play::SurfaceUpsell25Plus, &devices(25.0));
        no(Play::SurfaceOver25, &devices(25.0));
        yes(Play::SurfaceOver25, &devices(26.0));
        no(Play::SurfaceAcquire50Plus, &devices(1.0));
        let none = with(customer(200), Product::BusinessStandard, 60);
        yes(Play::SurfaceAcquire50Plus, &none);
        no(Play::SurfaceAcquireUnder50, &none);
        yes(
            Play::SurfaceAcquireUnder50,
            &with(customer(60), Product::BusinessStandard, 49),
        );
        no(Play::SurfaceAcquireUnder50, &customer(60));
        // Devices bought more than three years ago do not count.
        let mut old = observed(K::SurfaceDevices);
        old.quantity = 30.0;
        old.observed_on = months_before(as_of(), 37);
        yes(Play::SurfaceAcquire50Plus, &signal(none, old));
    }

    #[test]
    fn dynamics_plays_read_ownership_and_install_base() {
        let m365 = |employees| with(customer(employees), Product::BusinessStandard, employees);
        let bc = |f| with(f, Product::BusinessCentralEssentials, 5);
        let sales = |f| with(f, Product::SalesProfessional, 5);
        let apps = |f| with(f, Product::PowerAppsPremium, 5);
        yes(Play::BcWithoutSales, &bc(m365(40)));
        no(Play::BcWithoutSales, &sales(bc(m365(40))));
        yes(Play::SalesWithoutBc, &sales(m365(40)));
        no(Play::SalesWithoutBc, &bc(sales(m365(40))));
        yes(
            Play::BcWithoutSales,
            &signal(m365(40), o(K::BusinessCentral)),
        );
        yes(
            Play::CrmOnPremWithoutSales,
            &signal(m365(40), o(K::DynamicsCrm)),
        );
        no(
            Play::CrmOnPremWithoutSales,
            &signal(signal(m365(40), o(K::DynamicsCrm)), o(K::DynamicsSales)),
        );
        yes(Play::M365LargeWithoutSales, &m365(300));
        no(Play::M365SmallWithoutSales, &m365(300));
        yes(Play::M365SmallWithoutSales, &m365(299));
        no(Play::M365LargeWithoutSales, &sales(m365(400)));
        no(Play::M365SmallWithoutSales, &customer(20));
        let mut azure = m365(40);
        azure.acr_usd_month = 50.0;
        yes(Play::AzureWithoutPowerPlatform, &azure);
        no(Play::AzureWithoutPowerPlatform, &apps(azure));
        yes(Play::BcOrSalesWithoutPowerPlatform, &sales(m365(40)));
        no(Play::BcOrSalesWithoutPowerPlatform, &apps(sales(m365(40))));
        no(Play::M365SuiteWithoutPowerPlatform, &m365(40));
        yes(
            Play::M365SuiteWithoutPowerPlatform,
            &with(customer(40), Product::BusinessPremium, 40),
        );
        for (kind, play) in [
            (K::DynamicsAx, Play::AxWithoutBcOrFinance),
            (K::DynamicsGp, Play::GpWithoutBcOrFinance),
            (K::DynamicsNav, Play::NavWithoutBcOrFinance),
        ] {
            yes(play, &signal(customer(80), o(kind)));
            no(play, &bc(signal(customer(80), o(kind))));
            no(
                play,
                &signal(signal(customer(80), o(kind)), o(K::DynamicsFinance)),
            );
        }
        yes(
            Play::MigrateDynamicsOnPremToBc,
            &signal(customer(80), o(K::DynamicsGp)),
        );
        yes(
            Play::MigrateDynamicsOnPremToBc,
            &signal(customer(80), o(K::DynamicsNav)),
        );
        no(
            Play::MigrateDynamicsOnPremToBc,
            &signal(customer(80), o(K::DynamicsAx)),
        );
        no(
            Play::MigrateDynamicsOnPremToBc,
            &bc(signal(customer(80), o(K::DynamicsNav))),
        );
        yes(Play::M365SmallWithoutBc, &m365(299));
        no(Play::M365SmallWithoutBc, &m365(300));
        yes(Play::M365WithoutBcOrFinance, &m365(300));
        no(
            Play::M365WithoutBcOrFinance,
            &signal(m365(300), o(K::DynamicsFinance)),
        );
        yes(
            Play::QuickBooksWithoutBc,
            &signal(customer(8), o(K::QuickBooks)),
        );
        no(
            Play::QuickBooksWithoutBc,
            &bc(signal(customer(8), o(K::QuickBooks))),
        );
        yes(
            Play::PowerAppsCompetingLowCode,
            &signal(customer(60), o(K::LowCodePlatform)),
        );
        no(
            Play::PowerAppsCompetingLowCode,
            &apps(signal(customer(60), o(K::LowCodePlatform))),
        );
    }

    #[test]
    fn server_plays_read_version_annuity_and_term() {
        let ws = |year, annuity, days| {
            signal(
                customer(50),
                licensed(
                    K::WindowsServer,
                    year,
                    Edition::Standard,
                    LicenseProgram::OpenValue,
                    annuity,
                    days,
                ),
            )
        };
        yes(Play::ServerActiveAnnuity, &ws(2019, true, 30));
        no(Play::ServerInactiveAnnuity, &ws(2019, true, 30));
        yes(Play::ServerInactiveAnnuity, &ws(2019, true, -30));
        yes(Play::ServerActiveNonAnnuity, &ws(2019, false, 30));
        yes(Play::ServerInactiveNonAnnuity, &ws(2019, false, -1));
        yes(Play::ServerEos2012, &ws(2012, true, 30));
        no(Play::ServerEosPrior2012, &ws(2012, true, 30));
        yes(Play::ServerEosPrior2012, &ws(2008, true, 30));
        no(Play::ServerEos2012, &ws(2016, true, 30));
        let sql = signal(customer(50), versioned(K::SqlServer, 2008, Edition::Other));
        yes(Play::ServerEosPrior2012, &sql);
        // No term known: in force.
        yes(Play::ServerActiveNonAnnuity, &sql);
        no(Play::ServerActiveAnnuity, &customer(50));
    }

    #[test]
    fn azure_plays_read_the_estate_and_spend() {
        let m365 = with(customer(80), Product::BusinessPremium, 80);
        yes(Play::FirstWorkload, &m365);
        no(Play::FirstWorkload, &customer(80));
        let mut azure = m365.clone();
        azure.acr_usd_month = 1_000.0;
        no(Play::FirstWorkload, &azure);
        yes(Play::BackupAsrEveryWorkload, &azure);
        yes(Play::SecureNetwork, &azure);
        yes(Play::SecureDefender, &azure);
        let mut protected = azure.clone();
        protected.posture = Some(super::super::facts::Posture {
            defender_endpoint: true,
            ..Default::default()
        });
        no(Play::SecureDefender, &protected);
        let mut small = azure.clone();
        small.acr_usd_month = 99.0;
        no(Play::BackupAsrEveryWorkload, &small);
        no(Play::SecureNetwork, &small);
        no(Play::SecureWellArchitected, &azure);
        let mut grew = azure.clone();
        grew.acr_3m = Some(800.0);
        yes(Play::SecureWellArchitected, &grew);
        grew.acr_3m = Some(850.0);
        no(Play::SecureWellArchitected, &grew);
        let sql = |f: Facts, year| signal(f, versioned(K::SqlServer, year, Edition::Standard));
        yes(Play::MigrateAppsManagedDatabases, &sql(m365.clone(), 2016));
        no(Play::MigrateAppsManagedDatabases, &sql(m365.clone(), 2012));
        no(Play::InnovateAiManagedDatabases, &sql(m365.clone(), 2016));
        yes(Play::InnovateAiManagedDatabases, &sql(azure.clone(), 2019));
        yes(Play::CloudScaleAnalytics, &sql(azure.clone(), 2019));
        no(Play::CloudScaleAnalytics, &sql(m365.clone(), 2019));
        yes(
            Play::CloudScaleAnalytics,
            &signal(m365.clone(), o(K::DataWarehouse)),
        );
        yes(
            Play::SqlDwToAzure,
            &signal(m365.clone(), o(K::DataWarehouse)),
        );
        yes(
            Play::BackupOnPremAndSaas,
            &signal(m365.clone(), o(K::Vmware)),
        );
        no(
            Play::BackupOnPremAndSaas,
            &signal(customer(80), o(K::Vmware)),
        );
        for (kind, plays) in [
            (K::Vmware, &[Play::MigrateVmware][..]),
            (K::Citrix, &[Play::VdiToAvd, Play::VdiCitrix][..]),
            (K::VmwareHorizon, &[Play::VdiToAvd, Play::VdiVmware][..]),
            (
                K::RemoteDesktopServices,
                &[Play::VdiToAvd, Play::VdiRds][..],
            ),
            (
                K::LinuxOss,
                &[Play::MigrateLinux, Play::MigrateAppsManagedDatabases][..],
            ),
            (K::OracleDatabase, &[Play::MigrateOracle][..]),
            (K::Sap, &[Play::ExtendSap][..]),
            (K::DotNetApps, &[Play::DotNetToAppService][..]),
            (K::IotEdge, &[Play::EdgeInferencing][..]),
            (K::GpuWorkstations, &[Play::AvdGpuRendering][..]),
            (K::Hpc, &[Play::Hpc][..]),
        ] {
            for p in plays {
                yes(*p, &signal(customer(80), o(kind)));
                no(*p, &customer(80));
            }
        }
        no(Play::RiseWithSap, &signal(customer(80), o(K::Sap)));
        yes(
            Play::RiseWithSap,
            &signal(customer(80), versioned(K::Sap, 2015, Edition::SapEcc)),
        );
        no(
            Play::RiseWithSap,
            &signal(customer(80), versioned(K::Sap, 2020, Edition::SapS4Hana)),
        );
        yes(Play::VdiCrossSellM365, &m365);
        no(Play::VdiCrossSellM365, &azure);
        no(Play::VdiCrossSellM365, &signal(m365.clone(), o(K::Citrix)));
        no(
            Play::VdiCrossSellM365,
            &with(customer(49), Product::BusinessPremium, 49),
        );
    }

    #[test]
    fn security_plays() {
        let e3 = with(customer(400), Product::Microsoft365E3, 400);
        let mut fit = NO_FIT;
        assert!(!Play::ThreatProtectionXdr.applies(&e3, &fit));
        fit[SolutionArea::Security as usize] = 55;
        assert!(Play::ThreatProtectionXdr.applies(&e3, &fit));
        let e5 = with(e3.clone(), Product::Microsoft365E5, 400);
        assert!(!Play::ThreatProtectionXdr.applies(&e5, &fit));
        assert!(!Play::ThreatProtectionXdr.applies(&customer(40), &fit));
        yes(Play::UpsellE3ToE5Security, &e3);
        yes(
            Play::UpsellE3ToE5Security,
            &with(e3.clone(), Product::EmsE5, 400),
        );
        no(
            Play::UpsellE3ToE5Security,
            &with(
                with(e3.clone(), Product::EmsE5, 400),
                Product::DefenderForOfficeP2,
                400,
            ),
        );
        no(
            Play::UpsellE3ToE5Security,
            &with(customer(40), Product::BusinessPremium, 40),
        );
        yes(Play::DefenderForBusinessWithoutM365, &customer(300));
        no(Play::DefenderForBusinessWithoutM365, &customer(301));
        no(
            Play::DefenderForBusinessWithoutM365,
            &with(customer(30), Product::DefenderForBusiness, 30),
        );
        no(
            Play::DefenderForBusinessWithoutM365,
            &with(customer(30), Product::BusinessBasic, 30),
        );
    }

    #[test]
    fn flags() {
        let f = with(customer(40), Product::BusinessStandard, 40);
        let set = plays(&f, &NO_FIT);
        let has = |fl, f: &Facts| flag(fl, f, plays(f, &NO_FIT));
        assert!(has(Flag::HasM365, &f) && has(Flag::M365UpsellCustomer, &f));
        assert!(!has(Flag::HasAzure, &f) && !has(Flag::HasD365, &f) && !has(Flag::HasCopilot, &f));
        assert!(super::flags(&f, set).contains(Flag::HasM365));
        assert!(!super::flags(&f, set).contains(Flag::HasAzure));
        let premium_full = with(
            with(customer(40), Product::Microsoft365E5, 40),
            Product::Copilot,
            40,
        );
        assert!(has(Flag::HasCopilot, &premium_full));
        assert!(!has(Flag::M365UpsellCustomer, &premium_full));
        assert!(!has(Flag::M365UpsellCustomer, &customer(40)));
        assert!(has(
            Flag::HasD365,
            &signal(customer(40), o(K::DynamicsSales))
        ));
        assert!(has(
            Flag::HasGoogle,
            &signal(customer(40), o(K::GoogleCloud))
        ));
        assert!(has(Flag::HasAws, &signal(customer(40), o(K::Aws))));
        let mut ea = o(K::EnterpriseAgreement);
        ea.until = Some(as_of() + chrono::Days::new(10));
        assert!(has(Flag::HasEa, &signal(customer(900), ea)));
        ea.until = Some(months_before(as_of(), 1));
        assert!(!has(Flag::HasEa, &signal(customer(900), ea)));
        assert!(has(Flag::HasOpen, &signal(customer(40), o(K::OpenLicense))));
        let dc = |edition, days| {
            signal(
                customer(40),
                licensed(
                    K::WindowsServer,
                    2019,
                    edition,
                    LicenseProgram::Open,
                    true,
                    days,
                ),
            )
        };
        assert!(has(Flag::HasOpen, &dc(Edition::Datacenter, 100)));
        assert!(has(
            Flag::WindowsServerDatacenterOpenRenewal,
            &dc(Edition::Datacenter, 100)
        ));
        assert!(!has(
            Flag::WindowsServerStandardOpenRenewal,
            &dc(Edition::Datacenter, 100)
        ));
        assert!(has(
            Flag::WindowsServerStandardOpenRenewal,
            &dc(Edition::Standard, 365)
        ));
        assert!(!has(
            Flag::WindowsServerStandardOpenRenewal,
            &dc(Edition::Standard, 366)
        ));
        assert!(!has(
            Flag::WindowsServerStandardOpenRenewal,
            &dc(Edition::Standard, -1)
        ));
        let ax = signal(
            customer(40),
            licensed(
                K::DynamicsAx,
                2012,
                Edition::Other,
                LicenseProgram::OpenValue,
                false,
                60,
            ),
        );
        assert!(has(Flag::DynamicsOnPremOpenRenewal, &ax));
        let csp = signal(
            customer(40),
            licensed(
                K::DynamicsCrm,
                2016,
                Edition::Other,
                LicenseProgram::Csp,
                false,
                60,
            ),
        );
        assert!(!has(Flag::DynamicsOnPremOpenRenewal, &csp));
        assert!(!has(Flag::HasOpen, &csp));
    }

    #[test]
    fn azure_workloads_recommend_the_plays_families_not_yet_used() {
        let f = signal(with(customer(80), Product::BusinessBasic, 80), o(K::Citrix));
        let (existing, recommended) = azure_workloads(&f, plays(&f, &NO_FIT));
        assert!(existing.is_empty());
        assert!(recommended.contains(AzureWorkload::VirtualDesktop));
        assert!(
            recommended.contains(AzureWorkload::Infrastructure),
            "first workload"
        );
        let mut azure = f.clone();
        azure.acr_usd_month = 200.0;
        let (existing, recommended) = azure_workloads(&azure, plays(&azure, &NO_FIT));
        assert_eq!(
            existing.iter().collect::<Vec<_>>(),
            vec![AzureWorkload::Infrastructure]
        );
        assert!(!recommended.contains(AzureWorkload::Infrastructure));
        assert!(recommended.contains(AzureWorkload::BackupRecovery));
        for p in Play::ALL {
            assert_eq!(
                AzureWorkload::of_play(*p).is_some(),
                p.column().starts_with("Azure_"),
                "{p:?}"
            );
        }
    }

    #[test]
    fn offers_per_report() {
        let offer = |r, f: &Facts| offers(r, f, plays(f, &NO_FIT));
        let basic = with(customer(40), Product::BusinessBasic, 40);
        assert!(offer(PropensityReport::M365, &basic));
        assert!(!offer(
            PropensityReport::M365,
            &with(
                with(customer(40), Product::Microsoft365E5, 40),
                Product::Copilot,
                4
            )
        ));
        assert!(offer(
            PropensityReport::M365,
            &with(customer(40), Product::Microsoft365E3, 40)
        ));
        assert!(offer(PropensityReport::Surface, &basic));
        assert!(offer(PropensityReport::Azure, &basic));
        assert!(!offer(PropensityReport::Azure, &customer(40)));
        assert!(!offer(PropensityReport::D365, &basic));
        assert!(offer(
            PropensityReport::D365,
            &signal(basic.clone(), o(K::QuickBooks))
        ));
        assert!(offer(PropensityReport::Security, &basic));
        assert!(!offer(
            PropensityReport::Security,
            &with(basic.clone(), Product::DefenderForBusiness, 40)
        ));
        // The fixture's subscriptions renew in 180 days: not within 90.
        assert!(!offer(PropensityReport::AgreementRenewal, &basic));
        let mut open = o(K::OpenLicense);
        open.until = Some(as_of() + chrono::Days::new(100));
        assert!(offer(
            PropensityReport::AgreementRenewal,
            &signal(basic, open)
        ));
    }
}
