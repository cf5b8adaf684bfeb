//! `partner-advisor leads`: export the filtered list as CSV with the filters of the UI; accept,
//! decline, win or lose a lead under Partner Center's lifecycle; train a lead scoring model.

use std::path::PathBuf;

use anyhow::Context as _;
use chrono::NaiveDate;
use partner_advisor_domain::{
    CallToAction, Clock, CloseReason, EmailValidity, LeadQuality, LeadSource, LeadSubstatus,
    LeadType, PhoneValidity, SystemClock,
};
use partner_advisor_engine::lead_scoring;
use partner_advisor_engine::leads::{
    self, export,
    forms::{AcceptForm, DeclineForm, LostForm, WonForm},
    index::LeadIndex,
    lifecycle::LeadAction,
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

/// The lead a lifecycle command changes.
#[derive(Debug, clap::Args)]
pub struct LeadArgs {
    /// Workspace folder.
    #[arg(long)]
    workspace: PathBuf,
    /// The lead's ID (as in the export's ID column).
    #[arg(long)]
    lead: String,
    /// Notes kept with the change.
    #[arg(long, default_value = "")]
    notes: String,
}

/// Lead commands.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Accept a received lead with the deal's details.
    Accept {
        #[command(flatten)]
        lead: LeadArgs,
        /// Deal name.
        #[arg(long)]
        deal_name: String,
        /// Estimated deal value.
        #[arg(long)]
        value: f64,
        /// ISO 4217 currency of the value.
        #[arg(long, default_value = "USD")]
        currency: String,
        /// A team member working the deal (repeat for several; at least one).
        #[arg(long = "team", required = true)]
        team: Vec<String>,
        /// Estimated purchase date (YYYY-MM-DD).
        #[arg(long)]
        close: NaiveDate,
    },
    /// Decline a received lead.
    Decline {
        #[command(flatten)]
        lead: LeadArgs,
        /// Partner Center's reason, e.g. "Customer didn't respond".
        #[arg(long)]
        reason: String,
    },
    /// Close an accepted lead as won.
    Win {
        #[command(flatten)]
        lead: LeadArgs,
        /// The final value when it differs from the estimate.
        #[arg(long)]
        final_value: Option<f64>,
    },
    /// Close an accepted lead as lost.
    Lose {
        #[command(flatten)]
        lead: LeadArgs,
        /// Partner Center's reason, e.g. "Customer chose another vendor".
        #[arg(long)]
        reason: String,
    },
    /// Train a new version of a lead scoring model on the workspace's leads (kept as a draft
    /// unless --publish).
    Train {
        /// Workspace folder.
        #[arg(long)]
        workspace: PathBuf,
        /// The model's ID; the first model in scoring order when omitted.
        #[arg(long)]
        model: Option<i64>,
        /// Publish the new version and rescore the open leads.
        #[arg(long)]
        publish: bool,
    },
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

fn reason(text: &str) -> anyhow::Result<CloseReason> {
    CloseReason::parse(text).map_err(|e| {
        let known: Vec<String> = CloseReason::ALL
            .iter()
            .map(|r| format!("\"{}\"", r.as_str()))
            .collect();
        anyhow::anyhow!("{e}; Partner Center's reasons are {}", known.join(", "))
    })
}

async fn open(workspace: &std::path::Path) -> anyhow::Result<Workspace> {
    Workspace::open(workspace, key_source(), &Keychain::app())
        .await
        .with_context(|| format!("cannot open {}", workspace.display()))
}

/// Applies one lifecycle action and prints where the lead now stands.
async fn act(args: LeadArgs, action: LeadAction) -> anyhow::Result<()> {
    let ws = open(&args.workspace).await?;
    let result = leads::act(&ws, &args.lead, &action, &SystemClock).await;
    ws.close().await;
    let lead = result.with_context(|| format!("lead {}", args.lead))?;
    println!("Lead {} is now {}", lead.id, lead.substatus);
    Ok(())
}

async fn train(workspace: PathBuf, model: Option<i64>, publish: bool) -> anyhow::Result<()> {
    let ws = open(&workspace).await?;
    let result = async {
        let id = match model {
            Some(id) => id,
            None => lead_scoring::models(&ws)
                .await?
                .first()
                .map(|m| m.id)
                .context("the workspace has no lead scoring model yet")?,
        };
        let version = lead_scoring::train(&ws, id, &SystemClock).await?;
        if publish {
            lead_scoring::publish(&ws, id, version.version, &SystemClock).await?;
        }
        anyhow::Ok(version)
    }
    .await;
    ws.close().await;
    let version = result?;
    println!(
        "Trained version {} of model {} (validation ROC AUC {:.3}){}",
        version.version,
        version.model_id,
        version.report.metrics.roc_auc,
        if publish {
            ", published"
        } else {
            ", kept as a draft"
        }
    );
    Ok(())
}

/// Runs a lead command.
pub async fn run(command: Command) -> anyhow::Result<()> {
    match command {
        Command::Accept {
            lead,
            deal_name,
            value,
            currency,
            team,
            close,
        } => {
            let form = AcceptForm {
                deal_name,
                estimated_value: value,
                currency,
                team_members: team,
                estimated_close: close,
                notes: lead.notes.clone(),
                marketing_campaign_id: None,
                crm_id: None,
                more_contacts: Vec::new(),
            };
            act(lead, LeadAction::Accept(form)).await
        }
        Command::Decline { lead, reason: r } => {
            let form = DeclineForm {
                reason: reason(&r)?,
                notes: lead.notes.clone(),
            };
            act(lead, LeadAction::Decline(form)).await
        }
        Command::Win { lead, final_value } => {
            let form = WonForm {
                final_value,
                notes: lead.notes.clone(),
            };
            act(lead, LeadAction::Win(form)).await
        }
        Command::Lose { lead, reason: r } => {
            let form = LostForm {
                reason: reason(&r)?,
                notes: lead.notes.clone(),
            };
            act(lead, LeadAction::Lose(form)).await
        }
        Command::Train {
            workspace,
            model,
            publish,
        } => train(workspace, model, publish).await,
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
