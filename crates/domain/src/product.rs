//! The catalogue of Microsoft products the models talk about.

crate::wire_enum! {
    /// Product families the opportunity models group SKUs into.
    ProductFamily, "product family" {
        /// Microsoft 365 Business SKUs and standalone apps.
        Business => "Business",
        /// Office 365 / Microsoft 365 Enterprise SKUs.
        Enterprise => "Enterprise",
        /// Security add-ons (Defender, Entra ID P1/P2).
        Security => "Security",
        /// Collaboration standalones (Teams).
        Collaboration => "Collaboration",
        /// Devices (Surface).
        Devices => "Devices",
        /// Dynamics 365 and Power Platform.
        BusinessApps => "Business Applications",
    }
}

crate::wire_enum! {
    /// A product (SKU) as Partner Center names it.
    Product, "product" {
        /// Exchange Online (Plan 1), standalone.
        ExchangeOnlinePlan1 => "Exchange Online (Plan 1)",
        /// Microsoft 365 Apps for business, standalone.
        AppsForBusiness => "Microsoft 365 Apps for business",
        /// Microsoft 365 Business Basic.
        BusinessBasic => "Microsoft 365 Business Basic",
        /// Microsoft 365 Business Standard.
        BusinessStandard => "Microsoft 365 Business Standard",
        /// Microsoft 365 Business Premium.
        BusinessPremium => "Microsoft 365 Business Premium",
        /// Office 365 E3.
        Office365E3 => "Office 365 E3",
        /// Microsoft 365 E3.
        Microsoft365E3 => "Microsoft 365 E3",
        /// Microsoft 365 E5.
        Microsoft365E5 => "Microsoft 365 E5",
        /// Enterprise Mobility + Security E5.
        EmsE5 => "Enterprise Mobility + Security E5",
        /// Microsoft Defender for Office 365 (Plan 2).
        DefenderForOfficeP2 => "Microsoft Defender for Office 365 (Plan 2)",
        /// Microsoft Defender for Business.
        DefenderForBusiness => "Microsoft Defender for Business",
        /// Microsoft Entra ID P1.
        EntraIdP1 => "Microsoft Entra ID P1",
        /// Microsoft Teams Essentials.
        TeamsEssentials => "Microsoft Teams Essentials",
        /// Microsoft Teams Exploratory (a trial).
        TeamsExploratory => "Microsoft Teams Exploratory",
        /// Microsoft 365 Copilot.
        Copilot => "Microsoft 365 Copilot",
        /// Dynamics 365 Business Central Essentials.
        BusinessCentralEssentials => "Dynamics 365 Business Central Essentials",
        /// Dynamics 365 Sales Professional.
        SalesProfessional => "Dynamics 365 Sales Professional",
        /// Power Apps Premium.
        PowerAppsPremium => "Power Apps Premium",
        /// Surface devices, counted per device.
        SurfaceDevice => "Surface device",
    }
}

impl Product {
    /// The family this product belongs to.
    pub fn family(self) -> ProductFamily {
        use Product::*;
        match self {
            ExchangeOnlinePlan1 | AppsForBusiness | BusinessBasic | BusinessStandard
            | BusinessPremium => ProductFamily::Business,
            Office365E3 | Microsoft365E3 | Microsoft365E5 | EmsE5 => ProductFamily::Enterprise,
            DefenderForOfficeP2 | DefenderForBusiness | EntraIdP1 => ProductFamily::Security,
            TeamsEssentials | TeamsExploratory | Copilot => ProductFamily::Collaboration,
            SurfaceDevice => ProductFamily::Devices,
            BusinessCentralEssentials | SalesProfessional | PowerAppsPremium => {
                ProductFamily::BusinessApps
            }
        }
    }

    /// Public list price per seat and month in USD (annual commitment), used for revenue estimates.
    pub fn list_price_usd_month(self) -> f64 {
        use Product::*;
        match self {
            ExchangeOnlinePlan1 => 4.0,
            AppsForBusiness => 8.25,
            BusinessBasic => 6.0,
            BusinessStandard => 12.5,
            BusinessPremium => 22.0,
            Office365E3 => 23.0,
            Microsoft365E3 => 36.0,
            Microsoft365E5 => 57.0,
            EmsE5 => 16.4,
            DefenderForOfficeP2 => 5.0,
            DefenderForBusiness => 3.0,
            EntraIdP1 => 6.0,
            TeamsEssentials => 4.0,
            TeamsExploratory => 0.0,
            Copilot => 30.0,
            BusinessCentralEssentials => 80.0,
            SalesProfessional => 65.0,
            PowerAppsPremium => 20.0,
            SurfaceDevice => 45.0,
        }
    }

    /// Whether the product includes Exchange, the Microsoft 365 apps, Teams, SharePoint and OneDrive.
    pub fn is_productivity_suite(self) -> bool {
        use Product::*;
        matches!(
            self,
            BusinessBasic
                | BusinessStandard
                | BusinessPremium
                | Office365E3
                | Microsoft365E3
                | Microsoft365E5
        )
    }
}
