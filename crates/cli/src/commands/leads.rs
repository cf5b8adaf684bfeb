//! `partner-advisor leads export`: the filtered lead list as CSV, with the filters of the UI.

use std::path::PathBuf;

use anyhow::Context as _;
use partner_advisor_domain::{
    CallToAction, Clock, EmailValidity, LeadQuality, LeadSource, LeadSubstatus, LeadType,
    PhoneValidity, SystemClock,
};
use partner_advisor_engine::leads::{
    self, export,
    index::LeadIndex,
    view::{LeadFilters, LeadQuery, LeadSection, LeadSort},
};
use partner_advisor_engine::opportunities::delimiter_for;
use partner_advisor_store::{Keychain, Workspace};

use super::key_source;
use super::opportunities::{language, Lang};

/// Which list.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Section {
    /// Every lead.
    All,
    /// Marketplace leads (customer inquiries).
    Marketplace,
    /// Qualified leads (marketing- and sales-qualified).
    Qualified,
    /// Favourites.
    Favourites,
}

/// Sort column.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Sort {
    /// Creation time.
    Created,
    /// Customer name.
    Customer,
    /// Contact name.
    Contact,
    /// E-mail validity.
    EmailValidity,
    /// Phone validity.
    PhoneValidity,
    /// Status.
    Status,
    /// Deal value.
    Value,
    /// Time left to answer.
    TimeLeft,
    /// Predictive score.
    Score,
}

/// The filters of the Leads page; each is repeatable and values combine (any of them).
#[derive(Debug, Default, clap::Args)]
pub struct FilterArgs {
    /// Call to action: "Get it now", "Free trial", "Test drive", "Contact me".
    #[arg(long = "cta")]
    call_to_action: Vec<String>,
    /// Country (ISO code, e.g. ES).
    #[arg(long)]
    country: Vec<String>,
    /// Customer name contains this (case and accents ignored).
    #[arg(long, default_value = "")]
    customer: String,
    /// Lead source: AppSource, "Azure Marketplace", "Azure portal", "Business profile".
    #[arg(long)]
    source: Vec<String>,
    /// Lead type: Offer or Profile.
    #[arg(long = "type")]
    lead_type: Vec<String>,
    /// Lead quality: High or Low.
    #[arg(long)]
    quality: Vec<String>,
    /// Status: Pending, Received, Accepted, Won, Lost, Declined, Expired.
    #[arg(long)]
    status: Vec<String>,
    /// E-mail validity: Valid, Invalid, Spam, Unknown.
    #[arg(long)]
    email_validity: Vec<String>,
    /// Phone validity: Valid, Invalid, Unknown.
    #[arg(long)]
    phone_validity: Vec<String>,
    /// Created on or after (YYYY-MM-DD).
    #[arg(long)]
    created_from: Option<String>,
    /// Created on or before (YYYY-MM-DD).
    #[arg(long)]
    created_to: Option<String>,
}

fn parse_all<T>(
    values: &[String],
    parse: impl Fn(&str) -> partner_advisor_domain::Result<T>,
    all: &[T],
    show: impl Fn(&T) -> &'static str,
) -> anyhow::Result<Vec<T>> {
    values
        .iter()
        .map(|v| {
            parse(v).map_err(|_| {
                let names: Vec<&str> = all.iter().map(&show).collect();
                anyhow::anyhow!("'{v}' is not one of: {}", names.join(", "))
            })
        })
        .collect()
}

impl FilterArgs {
    fn filters(&self) -> anyhow::Result<LeadFilters> {
        Ok(LeadFilters {
            call_to_action: parse_all(
                &self.call_to_action,
                CallToAction::parse,
                CallToAction::ALL,
                |v| v.as_str(),
            )?,
            countries: self.country.clone(),
            customer_name: self.customer.clone(),
            sources: parse_all(&self.source, LeadSource::parse, LeadSource::ALL, |v| {
                v.as_str()
            })?,
            lead_types: parse_all(&self.lead_type, LeadType::parse, LeadType::ALL, |v| {
                v.as_str()
            })?,
            qualities: parse_all(&self.quality, LeadQuality::parse, LeadQuality::ALL, |v| {
                v.as_str()
            })?,
            statuses: parse_all(
                &self.status,
                LeadSubstatus::parse,
                LeadSubstatus::ALL,
                |v| v.as_str(),
            )?,
            email_validity: parse_all(
                &self.email_validity,
                EmailValidity::parse,
                EmailValidity::ALL,
                |v| v.as_str(),
            )?,
            phone_validity: parse_all(
                &self.phone_validity,
                PhoneValidity::parse,
                PhoneValidity::ALL,
                |v| v.as_str(),
            )?,
            created_from: self.created_from.clone(),
            created_to: self.created_to.clone(),
        })
    }
}

/// Lead commands.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Export the filtered lead list as CSV (with LeadCreationDateTime and the validity columns).
    Export {
        /// Workspace folder.
        #[arg(long)]
        workspace: PathBuf,
        /// Output file.
        #[arg(long)]
        out: PathBuf,
        /// Which list.
        #[arg(long, value_enum, default_value = "all")]
        section: Section,
        /// The filters.
        #[command(flatten)]
        filters: FilterArgs,
        /// Search customer, contact, e-mail, offer and ID.
        #[arg(long, default_value = "")]
        search: String,
        /// Sort column.
        #[arg(long, value_enum, default_value = "created")]
        sort: Sort,
        /// Ascending order (newest first otherwise, for dates).
        #[arg(long)]
        ascending: bool,
        /// Delimiter of the language: `;` for es, fr and pl.
        #[arg(long, value_enum, default_value = "en")]
        lang: Lang,
    },
}

/// Runs a lead command.
pub async fn run(command: Command) -> anyhow::Result<()> {
    match command {
        Command::Export {
            workspace,
            out,
            section,
            filters,
            search,
            sort,
            ascending,
            lang,
        } => {
            let query = LeadQuery {
                section: match section {
                    Section::All => LeadSection::All,
                    Section::Marketplace => LeadSection::Marketplace,
                    Section::Qualified => LeadSection::Qualified,
                    Section::Favourites => LeadSection::Favourites,
                },
                filters: filters.filters()?,
                search,
                sort: match sort {
                    Sort::Created => LeadSort::Created,
                    Sort::Customer => LeadSort::Customer,
                    Sort::Contact => LeadSort::Contact,
                    Sort::EmailValidity => LeadSort::EmailValidity,
                    Sort::PhoneValidity => LeadSort::PhoneValidity,
                    Sort::Status => LeadSort::Status,
                    Sort::Value => LeadSort::Value,
                    Sort::TimeLeft => LeadSort::TimeLeft,
                    Sort::Score => LeadSort::Score,
                },
                descending: !ascending,
                offset: 0,
                limit: 0,
            };
            let ws = Workspace::open(&workspace, key_source(), &Keychain::app())
                .await
                .with_context(|| format!("cannot open {}", workspace.display()))?;
            let result = async {
                // The file says what is true now: leads that expired meanwhile are expired.
                leads::maintain(&ws, &SystemClock).await?;
                let index = LeadIndex::load(&ws).await?;
                let delimiter = delimiter_for(language(lang));
                anyhow::Ok(export::export(
                    &index,
                    &query,
                    &out,
                    delimiter,
                    SystemClock.now(),
                )?)
            }
            .await;
            ws.close().await;
            let summary = result?;
            println!("Wrote {} leads to {}", summary.rows, summary.path);
            Ok(())
        }
    }
}
