//! External signals: what is known about a customer from outside the partner's own subscriptions.
//!
//! CloudAscent's fit and intent lean on data the partner's subscriptions do not hold: the
//! customer's install base of on-premises and competing products (technographics), Microsoft
//! cloud products it buys through other channels, its licensing agreements, its nonprofit status,
//! and what its people research online (intent topics). A partner gets these from a data
//! provider's export or from Microsoft's own CloudAscent download; the demo generates them. Each
//! signal is one dated observation about one tenant.
//!
//! To add a kind: a variant below with its wire name and its [`SignalCategory`]; the propensity
//! rules that read it say what it means for each solution area.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

crate::wire_enum! {
    /// What an external signal is about.
    ExternalSignalKind, "external signal" {
        /// Office perpetual licences (version: 2007 … 2021; edition `Mac` for Office for Mac).
        Office => "Office (on-premises)",
        /// Exchange, SharePoint or Skype Server (version: 2007 … 2019).
        ProductivityServer => "Office servers (on-premises)",
        /// Windows Server (version, edition `Standard`/`Datacenter`, licence, annuity).
        WindowsServer => "Windows Server",
        /// SQL Server (version, licence, annuity).
        SqlServer => "SQL Server",
        /// An on-premises data warehouse (SQL Server PDW, Teradata, Netezza).
        DataWarehouse => "On-premises data warehouse",
        /// .NET web applications hosted on premises.
        DotNetApps => "On-premises .NET applications",
        /// Remote Desktop Services.
        RemoteDesktopServices => "Remote Desktop Services",
        /// Dynamics GP.
        DynamicsGp => "Dynamics GP",
        /// Dynamics NAV.
        DynamicsNav => "Dynamics NAV",
        /// Dynamics AX.
        DynamicsAx => "Dynamics AX",
        /// Dynamics CRM on premises.
        DynamicsCrm => "Dynamics CRM (on-premises)",
        /// Citrix Virtual Apps and Desktops.
        Citrix => "Citrix",
        /// VMware Horizon (virtual desktops).
        VmwareHorizon => "VMware Horizon",
        /// VMware vSphere (server virtualisation).
        Vmware => "VMware vSphere",
        /// Linux servers and open-source databases.
        LinuxOss => "Linux and open-source databases",
        /// Oracle Database.
        OracleDatabase => "Oracle Database",
        /// SAP (edition `ECC` or `S/4HANA`).
        Sap => "SAP",
        /// A high-performance computing cluster.
        Hpc => "HPC cluster",
        /// IoT and edge devices running models.
        IotEdge => "IoT and edge devices",
        /// Workstations with GPUs (design, rendering).
        GpuWorkstations => "GPU workstations",
        /// Amazon Web Services.
        Aws => "Amazon Web Services",
        /// Google Cloud.
        GoogleCloud => "Google Cloud",
        /// Google Workspace.
        GoogleWorkspace => "Google Workspace",
        /// Zoom.
        Zoom => "Zoom",
        /// Endpoint security from another vendor (edition: the vendor).
        EndpointSecurity => "Third-party endpoint security",
        /// QuickBooks.
        QuickBooks => "QuickBooks",
        /// Salesforce Sales Cloud.
        Salesforce => "Salesforce",
        /// A competing low-code platform (edition: Salesforce Lightning Platform, OutSystems,
        /// Quickbase, …).
        LowCodePlatform => "Low-code platform",
        /// Dynamics 365 Business Central bought through another channel.
        BusinessCentral => "Dynamics 365 Business Central",
        /// Dynamics 365 Sales bought through another channel.
        DynamicsSales => "Dynamics 365 Sales",
        /// Dynamics 365 Finance or Supply Chain Management.
        DynamicsFinance => "Dynamics 365 Finance and Supply Chain",
        /// Power Apps bought through another channel.
        PowerApps => "Power Apps",
        /// Azure consumption through another channel (quantity: USD per month).
        Azure => "Azure",
        /// Surface devices bought through another channel (quantity: devices; observed on the
        /// purchase date).
        SurfaceDevices => "Surface devices",
        /// An Enterprise Agreement (until: its end; quantity: yearly value in USD).
        EnterpriseAgreement => "Enterprise Agreement",
        /// An Open, Open Value or Open Value Subscription agreement (until: its end).
        OpenLicense => "Open License",
        /// Nonprofit status (edition: `Nonprofit`, `Approved - Paid`, `Approved - Free Only`,
        /// `Approved - Inactive`).
        Nonprofit => "Nonprofit",
        /// Research on modern work (Microsoft 365, Teams, Copilot); quantity: strength 0–100.
        ResearchModernWork => "Research: modern work",
        /// Research on devices and laptops.
        ResearchDevices => "Research: devices",
        /// Research on cloud infrastructure, migration, backup.
        ResearchCloud => "Research: cloud infrastructure",
        /// Research on AI and data platforms.
        ResearchAi => "Research: AI and data",
        /// Research on small-business ERP and accounting.
        ResearchErp => "Research: ERP",
        /// Research on CRM and sales tools.
        ResearchCrm => "Research: CRM",
        /// Research on finance and supply chain systems for larger companies.
        ResearchFinance => "Research: finance and supply chain",
        /// Research on low-code and automation.
        ResearchLowCode => "Research: low-code",
        /// Research on security and threat protection.
        ResearchSecurity => "Research: security",
    }
}

/// The families of external signals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SignalCategory {
    /// An on-premises Microsoft product in use.
    OnPremises,
    /// A product of another vendor in use.
    Competitor,
    /// A Microsoft cloud product bought through another channel.
    OtherChannel,
    /// A licensing agreement.
    Agreement,
    /// A status of the organisation.
    Status,
    /// A research topic (intent).
    Research,
}

impl ExternalSignalKind {
    /// The family of the signal.
    pub fn category(self) -> SignalCategory {
        use ExternalSignalKind::*;
        match self {
            Office
            | ProductivityServer
            | WindowsServer
            | SqlServer
            | DataWarehouse
            | DotNetApps
            | RemoteDesktopServices
            | DynamicsGp
            | DynamicsNav
            | DynamicsAx
            | DynamicsCrm => SignalCategory::OnPremises,
            Citrix | VmwareHorizon | Vmware | LinuxOss | OracleDatabase | Sap | Hpc | IotEdge
            | GpuWorkstations | Aws | GoogleCloud | GoogleWorkspace | Zoom | EndpointSecurity
            | QuickBooks | Salesforce | LowCodePlatform => SignalCategory::Competitor,
            BusinessCentral | DynamicsSales | DynamicsFinance | PowerApps | Azure
            | SurfaceDevices => SignalCategory::OtherChannel,
            EnterpriseAgreement | OpenLicense => SignalCategory::Agreement,
            Nonprofit => SignalCategory::Status,
            ResearchModernWork | ResearchDevices | ResearchCloud | ResearchAi | ResearchErp
            | ResearchCrm | ResearchFinance | ResearchLowCode | ResearchSecurity => {
                SignalCategory::Research
            }
        }
    }

    /// The number of kinds (for tables indexed by `kind as usize`).
    pub const COUNT: usize = Self::ALL.len();
}

crate::wire_enum! {
    /// How a licence or agreement is bought.
    LicenseProgram, "licence program" {
        /// Enterprise Agreement.
        EnterpriseAgreement => "EA",
        /// Open License.
        Open => "Open",
        /// Open Value (and Open Value Subscription).
        OpenValue => "Open Value",
        /// Cloud Solution Provider.
        Csp => "CSP",
        /// Pre-installed by the hardware maker.
        Oem => "OEM",
        /// Bought in a shop.
        Retail => "Retail",
    }
}

impl LicenseProgram {
    /// Open License or Open Value: what `HasOpen` and the `*_HasOpenRenewal` flags read.
    pub fn is_open(self) -> bool {
        matches!(self, LicenseProgram::Open | LicenseProgram::OpenValue)
    }
}

/// One observation about one tenant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExternalSignal {
    /// The customer's tenant ID.
    pub tenant_id: String,
    /// What it is about.
    pub kind: ExternalSignalKind,
    /// The product's version (`2012 R2`, `2019`), when it matters.
    pub version: Option<String>,
    /// Edition, vendor or status (`Datacenter`, `Mac`, `OutSystems`, `Approved - Paid`).
    pub edition: Option<String>,
    /// How it is licensed.
    pub license: Option<LicenseProgram>,
    /// Whether Software Assurance (annuity) covers it.
    pub annuity: Option<bool>,
    /// Seats, servers, devices, USD per month or research strength (0–100), by kind.
    pub quantity: Option<f64>,
    /// When it was observed (for bought devices: when they were bought).
    pub observed_on: NaiveDate,
    /// When the licence, its annuity or the agreement ends.
    pub until: Option<NaiveDate>,
    /// Where it comes from (`Demo`, or the imported file's name).
    pub source: String,
}

impl ExternalSignal {
    /// The year of the version (`2012 R2` → 2012), when it has one.
    pub fn version_year(&self) -> Option<u16> {
        version_year(self.version.as_deref()?)
    }
}

/// The first four-digit number of a version text (`2012 R2` → 2012, `Office 2019 for Mac` →
/// 2019).
pub fn version_year(version: &str) -> Option<u16> {
    let bytes = version.as_bytes();
    let mut i = 0;
    while i + 4 <= bytes.len() {
        let window = &bytes[i..i + 4];
        let digits = window.iter().all(u8::is_ascii_digit);
        let bounded_left = i == 0 || !bytes[i - 1].is_ascii_digit();
        let bounded_right = i + 4 == bytes.len() || !bytes[i + 4].is_ascii_digit();
        if digits && bounded_left && bounded_right {
            return version[i..i + 4].parse().ok();
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_names_round_trip_and_every_kind_has_a_category() {
        for kind in ExternalSignalKind::ALL {
            assert_eq!(ExternalSignalKind::parse(kind.as_str()), Ok(*kind));
            let _ = kind.category();
        }
        assert_eq!(
            ExternalSignalKind::parse("windows_server"),
            Ok(ExternalSignalKind::WindowsServer)
        );
        assert_eq!(
            LicenseProgram::parse("open value"),
            Ok(LicenseProgram::OpenValue)
        );
        assert!(LicenseProgram::OpenValue.is_open() && !LicenseProgram::Csp.is_open());
    }

    #[test]
    fn version_years_are_read_from_the_text() {
        assert_eq!(version_year("2012 R2"), Some(2012));
        assert_eq!(version_year("Office 2019 for Mac"), Some(2019));
        assert_eq!(version_year("ECC 6.0"), None);
        assert_eq!(version_year("12345"), None);
    }
}
