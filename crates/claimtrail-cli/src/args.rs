use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};

use claimtrail_core::ClaimStatus;

/// claimtrail: keep track of claims in the news, who made them, and how they were rated.
#[derive(Debug, Parser)]
#[command(name = "claimtrail", version, about, propagate_version = true)]
pub struct Cli {
    /// Database file [default: $CLAIMTRAIL_DB, else ~/.local/share/claimtrail/claimtrail.db]
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// Log what happens to stderr (or set CLAIMTRAIL_LOG=debug).
    #[arg(short, long, global = true)]
    pub verbose: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Import articles: .txt, .md, .html files, JSON/JSONL batches, or folders of them.
    Import {
        /// Title for the article (single-article imports).
        #[arg(long)]
        title: Option<String>,
        /// Outlet that published it.
        #[arg(long)]
        outlet: Option<String>,
        /// Publication date, YYYY-MM-DD.
        #[arg(long, value_parser = parse_date)]
        date: Option<NaiveDate>,
        /// Canonical URL of the article.
        #[arg(long)]
        url: Option<String>,
        /// Largest file accepted, in MiB.
        #[arg(long, default_value_t = 50)]
        max_mib: u64,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
        /// Files or folders to import.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Extract claims from one file without storing anything.
    Extract {
        #[arg(long)]
        json: bool,
        path: PathBuf,
    },
    /// List stored articles.
    Articles {
        #[arg(long)]
        json: bool,
    },
    /// Show one article with its text.
    Article {
        /// Article id (or a unique prefix of it).
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// List claims.
    Claims {
        /// Only claims of this article (id or unique prefix).
        #[arg(long)]
        article: Option<String>,
        /// Only claims with this status.
        #[arg(long)]
        status: Option<ClaimStatus>,
        /// Highest check-worthiness first.
        #[arg(long)]
        by_score: bool,
        #[arg(long)]
        json: bool,
    },
    /// Record a verdict on a claim.
    Review {
        /// Claim id (or a unique prefix of it).
        claim_id: String,
        /// unreviewed, in_review, verified, disputed, false, misleading or unverifiable.
        #[arg(long)]
        status: ClaimStatus,
        #[arg(long)]
        note: Option<String>,
        /// Evidence URL (repeat for several).
        #[arg(long)]
        evidence: Vec<String>,
        /// Who is reviewing [default: $CLAIMTRAIL_REVIEWER, else $USER].
        #[arg(long)]
        reviewer: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Full-text search over articles and claims.
    Search {
        query: String,
        #[arg(long, default_value_t = 20)]
        limit: usize,
        #[arg(long)]
        json: bool,
    },
    /// Show the change history of an article, claim or other record (or the latest changes).
    History {
        id: Option<String>,
        #[arg(long, default_value_t = 50)]
        limit: usize,
        #[arg(long)]
        json: bool,
    },
    /// Check-worthiness of sentences: reads `id<TAB>text` lines (a header line is allowed; `-` reads standard
    /// input) and prints `id<TAB>score` per line in input order. 0.5 or more means check-worthy.
    Score {
        /// TSV file with `id<TAB>text` lines (further columns are ignored).
        file: PathBuf,
    },
    /// Measure throughput.
    Bench {
        #[command(subcommand)]
        what: BenchCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum BenchCommand {
    /// Review-loop latency on a database of about N claims: queue page, verdict + next page, article open.
    Review {
        #[arg(long, default_value_t = 100_000)]
        claims: usize,
        #[arg(long)]
        corpus: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Claim extraction alone (no database) on the corpus articles, repeated to N articles.
    Extract {
        #[arg(long, default_value_t = 10_000)]
        articles: usize,
        #[arg(long)]
        corpus: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// The check-worthiness model alone, one thread: N sentence scores.
    Score {
        #[arg(long, default_value_t = 100_000)]
        sentences: usize,
        /// TSV file whose second column holds the sentences [default: the claims extracted from the corpus
        /// articles, or from the built-in sample].
        #[arg(long)]
        file: Option<PathBuf>,
        #[arg(long)]
        corpus: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Import + extract + store N realistic articles into a fresh temporary database.
    Ingest {
        #[arg(long, default_value_t = 10_000)]
        articles: usize,
        /// JSONL files or folders with articles to recombine [default: ../shared/corpus/news if present,
        /// else the built-in sample article].
        #[arg(long)]
        corpus: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|e| format!("expected YYYY-MM-DD: {e}"))
}
