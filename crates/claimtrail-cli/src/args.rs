use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};

use claimtrail_core::eval::attribution::SplitFilter;
use claimtrail_core::export::ExportFormat;
use claimtrail_core::{ClaimStatus, LinkKind};

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
        /// Only store the articles: their claims wait in the link queue for `claimtrail links run` (or the app).
        #[arg(long)]
        no_link: bool,
        /// Keep the fast import-time check-worthiness scores: the claims wait in the score queue for
        /// `claimtrail scores run` (or the app), which writes the encoder's.
        #[arg(long)]
        no_score: bool,
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
    /// List topics with their claim and verdict counts.
    Topics {
        #[arg(long)]
        json: bool,
    },
    /// Create topics, put claims in or take them out by hand, get topic suggestions.
    Topic {
        #[command(subcommand)]
        what: TopicCommand,
    },
    /// The claims of a topic in time order, with claimant, status and storyline.
    Timeline {
        /// Topic name (case-insensitive) or id.
        #[arg(long)]
        topic: String,
        /// First day shown, YYYY-MM-DD.
        #[arg(long, value_parser = parse_date)]
        from: Option<NaiveDate>,
        /// Last day shown, YYYY-MM-DD.
        #[arg(long, value_parser = parse_date)]
        to: Option<NaiveDate>,
        /// Only claims with this status (repeat for several).
        #[arg(long)]
        status: Vec<ClaimStatus>,
        /// Only claims whose claimant contains this (case-insensitive).
        #[arg(long)]
        claimant: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// A claim's suggested and confirmed links, its storyline and the verdicts carried over to it; or the link
    /// queue (`links run`, `links pending`).
    #[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
    Links {
        /// Claim id (or a unique prefix of it).
        #[arg(required = true)]
        claim_id: Option<String>,
        #[arg(long)]
        json: bool,
        #[command(subcommand)]
        queue: Option<LinksQueueCommand>,
    },
    /// The score queue: claims waiting for the check-worthiness encoder (`scores run`, `scores pending`).
    Scores {
        #[command(subcommand)]
        queue: ScoresQueueCommand,
    },
    /// Confirm or reject a suggested link; show or change the link settings.
    Link {
        #[command(subcommand)]
        action: LinkCommand,
    },
    /// List published fact-checks with their rating and the verdict it stands for, or import them (ClaimReview
    /// JSON-LD, claim-matching TSV).
    Factchecks {
        #[command(subcommand)]
        action: Option<FactchecksCommand>,
        /// Show at most N fact-checks (first imported first).
        #[arg(long)]
        limit: Option<usize>,
        #[arg(long)]
        json: bool,
    },
    /// Export claims to OUT: schema.org ClaimReview JSON-LD (claims with a verdict), CSV or JSON.
    Export {
        /// claimreview, csv or json.
        #[arg(long)]
        format: ExportFormat,
        /// Only claims of this topic (name, case-insensitive, or id).
        #[arg(long)]
        topic: Option<String>,
        /// Only claims dated on or after this day, YYYY-MM-DD (the article's date, else its import day).
        #[arg(long, value_parser = parse_date)]
        since: Option<NaiveDate>,
        /// Only claims dated on or before this day, YYYY-MM-DD.
        #[arg(long, value_parser = parse_date)]
        until: Option<NaiveDate>,
        /// Only claims with a verdict (always so for ClaimReview).
        #[arg(long)]
        reviewed: bool,
        /// Overwrite OUT if it exists.
        #[arg(long)]
        force: bool,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
        /// The file to write.
        out: PathBuf,
    },
    /// Show or change the ClaimReview rating scale and publisher (used by `export --format claimreview` and to
    /// read imported ratings as verdicts).
    RatingScale {
        /// Replace the whole scale and publisher with FILE (JSON, the shape `rating-scale --json` prints).
        #[arg(long, value_name = "FILE", conflicts_with = "reset")]
        set: Option<PathBuf>,
        /// The organisation publishing the reviews (`""` clears it).
        #[arg(long, value_name = "NAME")]
        publisher: Option<String>,
        /// The organisation's home page (`""` clears it).
        #[arg(long, value_name = "URL")]
        publisher_url: Option<String>,
        /// Where reviews are published: a review's URL is this followed by the claim id (`""` clears it).
        #[arg(long, value_name = "URL")]
        review_url: Option<String>,
        /// Go back to the default scale and no publisher.
        #[arg(long, conflicts_with_all = ["publisher", "publisher_url", "review_url"])]
        reset: bool,
        #[arg(long)]
        json: bool,
    },
    /// Claims that repeat a claim or fact-check rated false, misleading or disputed (newest first).
    Alerts {
        #[command(subcommand)]
        action: Option<AlertsCommand>,
        /// Include dismissed alerts.
        #[arg(long)]
        all: bool,
        #[arg(long)]
        json: bool,
    },
    /// People who made or are named in claims, one record per person across articles; merge the names of one
    /// person into one record, or split a name off again.
    People {
        #[command(subcommand)]
        action: Option<PeopleCommand>,
        /// Only people with a name containing this (case-insensitive).
        #[arg(long)]
        query: Option<String>,
        #[arg(long, default_value_t = 50)]
        limit: usize,
        #[arg(long)]
        json: bool,
    },
    /// Rank fact-checks (claim-matching TSV) for each query with the import-time linking code.
    Match {
        /// Fact-checks in the claim-matching TSV format (*-vclaims.tsv).
        #[arg(long, value_name = "FILE")]
        vclaims: PathBuf,
        /// Queries TSV (query_id, text, and optional date, speaker).
        #[arg(long, value_name = "FILE")]
        queries: PathBuf,
        #[arg(long, default_value_t = 5)]
        top: usize,
        /// Relevance judgements (query_id, vclaim_id): print MAP@5, P@1 and MRR instead of the rankings.
        #[arg(long, value_name = "FILE")]
        qrels: Option<PathBuf>,
        /// Ranking weights as JSON (for tuning on training splits).
        #[arg(long, hide = true)]
        weights: Option<String>,
        /// Full-text candidates and wording only: no sentence embeddings (faster; for comparison).
        #[arg(long)]
        lexical: bool,
        #[arg(long)]
        json: bool,
    },
    /// Measure extraction quality against hand annotations.
    Eval {
        #[command(subcommand)]
        what: EvalCommand,
    },
    /// Copy the database to OUT (safe while the app is writing), or set the backup schedule.
    Backup {
        /// File to write the backup to.
        #[arg(required_unless_present = "every")]
        out: Option<PathBuf>,
        /// Overwrite OUT if it exists.
        #[arg(long)]
        force: bool,
        /// Take automatic backups every HOURS hours into `backups/` next to the database (`off` to stop).
        #[arg(long, value_name = "HOURS|off")]
        every: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Replace the database with a backup (the current one is saved to `backups/` first).
    Restore {
        /// A backup made by `claimtrail backup` (or any claimtrail database file).
        input: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Check-worthiness of sentences by the encoder whose scores claimtrail shows: reads `id<TAB>text` lines (a
    /// header line is allowed; `-` reads standard input) and prints `id<TAB>score` per line in input order. 0.5
    /// or more means check-worthy.
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
pub enum TopicCommand {
    /// Create a topic; stored claims that match its keywords or entities join it at once.
    Add {
        name: String,
        #[arg(long, default_value = "")]
        description: String,
        /// A word or phrase (repeat for several); matched stemmed and case-insensitively.
        #[arg(long)]
        keyword: Vec<String>,
        /// An entity name (repeat for several).
        #[arg(long)]
        entity: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    /// Change a topic's name, description, keywords or entities (re-scans claims when terms change).
    Edit {
        /// Topic name or id.
        topic: String,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        description: Option<String>,
        /// Replaces the keywords (repeat for several).
        #[arg(long)]
        keyword: Option<Vec<String>>,
        /// Replaces the entities (repeat for several).
        #[arg(long)]
        entity: Option<Vec<String>>,
        #[arg(long)]
        json: bool,
    },
    /// Delete a topic (its claims stay).
    Delete {
        topic: String,
        #[arg(long)]
        json: bool,
    },
    /// Put a claim in a topic by hand.
    Assign {
        topic: String,
        /// Claim id (or a unique prefix of it).
        claim_id: String,
        #[arg(long)]
        json: bool,
    },
    /// Take a claim out of a topic by hand; it will not be added back automatically.
    Unassign {
        topic: String,
        /// Claim id (or a unique prefix of it).
        claim_id: String,
        #[arg(long)]
        json: bool,
    },
    /// Suggest new topics from claims that share entities or are linked.
    Suggest {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum LinksQueueCommand {
    /// Suggest links for every claim waiting in the link queue (imported with `--no-link`, or left by an
    /// interrupted run), with a progress bar on a terminal.
    Run {
        #[arg(long)]
        json: bool,
    },
    /// How many claims wait in the link queue.
    Pending {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum ScoresQueueCommand {
    /// Score every claim waiting in the score queue with the encoder (imported with `--no-score`, left by an
    /// interrupted run, or stored by an older claimtrail), with a progress bar on a terminal.
    Run {
        #[arg(long)]
        json: bool,
    },
    /// How many claims wait in the score queue.
    Pending {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum LinkCommand {
    /// Confirm a link (claim-to-claim or claim-to-fact-check).
    Confirm {
        /// Link id (or a unique prefix of it).
        link_id: String,
        /// Correct the link's kind while confirming: repeats, updates, contradicts or related.
        #[arg(long)]
        kind: Option<LinkKind>,
        #[arg(long)]
        json: bool,
    },
    /// Reject a link.
    Reject {
        link_id: String,
        #[arg(long)]
        json: bool,
    },
    /// Show or change the suggestion threshold and date window.
    Settings {
        /// Links scoring below this (0..1) are not suggested.
        #[arg(long)]
        threshold: Option<f64>,
        /// Only match claims at most N days apart.
        #[arg(long, conflicts_with = "no_window")]
        window_days: Option<u32>,
        /// Match claims whatever their dates.
        #[arg(long)]
        no_window: bool,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum FactchecksCommand {
    /// Import fact-check files or folders (.json/.jsonld ClaimReview, .tsv claim-matching format).
    Import {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum AlertsCommand {
    /// Dismiss an alert.
    Dismiss {
        /// Alert id (or a unique prefix of it).
        id: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum PeopleCommand {
    /// Merge the person FROM (with the names already merged into it) into the person INTO.
    Merge {
        /// The record to keep: a name or its id.
        into: String,
        /// The record merged into it: a name or its id.
        from: String,
        #[arg(long)]
        json: bool,
    },
    /// Take a merged name out of its person record: it is a person of its own again.
    Split {
        /// The name (or its id).
        name: String,
        #[arg(long)]
        json: bool,
    },
    /// Records that are probably one person (by their names), most claims first: merge them with `people merge
    /// KEEP MERGE`, or say they are not with `people dismiss`.
    Suggestions {
        #[arg(long, default_value_t = 50)]
        limit: usize,
        #[arg(long)]
        json: bool,
    },
    /// Say that two records are not one person: the pair is not suggested again.
    Dismiss {
        /// A name (or id) of one record.
        a: String,
        /// A name (or id) of the other.
        b: String,
    },
    /// Take back `dismiss`: the two records may be suggested as one person again.
    Restore {
        /// A name (or id) of one record.
        a: String,
        /// A name (or id) of the other.
        b: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum BenchCommand {
    /// Timeline query time for a topic of N claims (p50/p95), in a fresh temporary database.
    Timeline {
        #[arg(long, default_value_t = 10_000)]
        claims: usize,
        /// JSONL files or folders with articles whose sentences are recombined [default: ../shared/corpus/news].
        #[arg(long)]
        corpus: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Review-loop latency on a database of about N claims: queue page, verdict + next page, article open.
    Review {
        #[arg(long, default_value_t = 100_000)]
        claims: usize,
        #[arg(long)]
        corpus: Option<PathBuf>,
        /// Build the database at PATH and keep it (to measure the app on it); PATH must not exist yet.
        #[arg(long, value_name = "PATH")]
        keep: Option<PathBuf>,
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
    /// Link-suggestion latency per new claim on a database of N claims with sentence embeddings, and database
    /// size per claim.
    Link {
        #[arg(long, default_value_t = 1_000_000)]
        claims: usize,
        /// New claims whose suggestions are timed.
        #[arg(long, default_value_t = 500)]
        samples: usize,
        /// Folder of news articles (JSONL) to take sentences from [default: ../shared/corpus/news].
        #[arg(long)]
        corpus: Option<PathBuf>,
        /// Claim-matching TSV files or folder to take more sentences from [default: ../shared/datasets/claim-matching].
        #[arg(long)]
        datasets: Option<PathBuf>,
        /// Keep the database at this path instead of a temporary one.
        #[arg(long)]
        keep: Option<PathBuf>,
        /// Claims without embeddings: candidates by words only.
        #[arg(long)]
        lexical: bool,
        #[arg(long)]
        json: bool,
    },
    /// The check-worthiness models alone on the same N sentences: the import-time linear model (one thread)
    /// and the encoder whose scores claimtrail shows (batches of 32, all cores).
    Score {
        #[arg(long, default_value_t = 2_000)]
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
    /// The nearest-embedding search linking runs per new claim, on N stored 384-value vectors (blends of the
    /// encoder's embeddings of corpus sentences): the exact scan and the graph, latency per query (p50/p95),
    /// the graph's recall against the exact scan, build time and memory.
    Dense {
        #[arg(long, default_value_t = 1_000_000)]
        vectors: usize,
        #[arg(long, default_value_t = 200)]
        queries: usize,
        /// Folder of news articles (JSONL) to take sentences from [default: ../shared/corpus/news].
        #[arg(long)]
        corpus: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Import + extract + store N realistic articles into a fresh temporary database, then suggest links for
    /// their claims through the link queue (timed apart).
    Ingest {
        #[arg(long, default_value_t = 10_000)]
        articles: usize,
        /// Only store: leave the claims in the link queue.
        #[arg(long)]
        no_link: bool,
        /// Build the database at PATH and keep it; PATH must not exist yet.
        #[arg(long, value_name = "PATH")]
        keep: Option<PathBuf>,
        /// JSONL files or folders with articles to recombine [default: ../shared/corpus/news if present,
        /// else the built-in sample article].
        #[arg(long)]
        corpus: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum EvalCommand {
    /// Claim precision/recall, claimant accuracy and entity F1 on annotated corpus articles.
    Attribution {
        /// JSONL file or folder of them holding the annotated articles (by `id`).
        #[arg(long, value_name = "PATH")]
        corpus: PathBuf,
        /// The gold annotations (see eval/attribution/GUIDE.md).
        #[arg(
            long,
            value_name = "PATH",
            default_value = "eval/attribution/gold.jsonl"
        )]
        gold: PathBuf,
        /// tune, test or all.
        #[arg(long, default_value = "all")]
        split: SplitFilter,
        /// List every disagreement (missed and spurious claims, wrong claimants, entity errors).
        #[arg(long)]
        errors: bool,
        #[arg(long)]
        json: bool,
    },
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|e| format!("expected YYYY-MM-DD: {e}"))
}
