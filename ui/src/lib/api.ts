// The one module that talks to the Rust side. Every payload type is generated from Rust (see ./bindings).
import { invoke } from '@tauri-apps/api/core';
import { listen, type UnlistenFn } from '@tauri-apps/api/event';
import type { Alert } from './bindings/Alert';
import type { AppError } from './bindings/AppError';
import type { AppInfo } from './bindings/AppInfo';
import type { Person } from './bindings/Person';
import type { PersonMergeSuggestion } from './bindings/PersonMergeSuggestion';
import type { BackupFile } from './bindings/BackupFile';
import type { BackupStatus } from './bindings/BackupStatus';
import type { RestoreResult } from './bindings/RestoreResult';
import type { ArticleView } from './bindings/ArticleView';
import type { Claim } from './bindings/Claim';
import type { ClaimDetail } from './bindings/ClaimDetail';
import type { ClaimEditInput } from './bindings/ClaimEditInput';
import type { ClaimLinks } from './bindings/ClaimLinks';
import type { ClaimReviewSettings } from './bindings/ClaimReviewSettings';
import type { Evidence } from './bindings/Evidence';
import type { ExportInput } from './bindings/ExportInput';
import type { ExportReport } from './bindings/ExportReport';
import type { FactCheckImportReport } from './bindings/FactCheckImportReport';
import type { ImportProgressEvent } from './bindings/ImportProgressEvent';
import type { ImportSummary } from './bindings/ImportSummary';
import type { LibraryArticle } from './bindings/LibraryArticle';
import type { FirstScreen } from './bindings/FirstScreen';
import type { LinkChange } from './bindings/LinkChange';
import type { LinkKind } from './bindings/LinkKind';
import type { LinksDoneEvent } from './bindings/LinksDoneEvent';
import type { JobProgressEvent } from './bindings/JobProgressEvent';
import type { ScoresDoneEvent } from './bindings/ScoresDoneEvent';
import type { FactChecksDoneEvent } from './bindings/FactChecksDoneEvent';
import type { LinkSettings } from './bindings/LinkSettings';
import type { LinkState } from './bindings/LinkState';
import type { NewClaimInput } from './bindings/NewClaimInput';
import type { QueueFacets } from './bindings/QueueFacets';
import type { QueueQuery } from './bindings/QueueQuery';
import type { QueueResult } from './bindings/QueueResult';
import type { Review } from './bindings/Review';
import type { SearchHit } from './bindings/SearchHit';
import type { Settings } from './bindings/Settings';
import type { VerdictInput } from './bindings/VerdictInput';
import type { Timeline } from './bindings/Timeline';
import type { TimelineQuery } from './bindings/TimelineQuery';
import type { Topic } from './bindings/Topic';
import type { TopicEditInput } from './bindings/TopicEditInput';
import type { TopicInput } from './bindings/TopicInput';
import type { TopicSaved } from './bindings/TopicSaved';
import type { TopicSuggestion } from './bindings/TopicSuggestion';
import type { TopicSummary } from './bindings/TopicSummary';

/** Turns whatever a command rejected with into an AppError. */
export function toAppError(e: unknown): AppError {
  if (e && typeof e === 'object' && 'code' in e && 'message' in e) {
    return { code: String((e as AppError).code), message: String((e as AppError).message) };
  }
  return { code: 'internal', message: String(e) };
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    throw toAppError(e);
  }
}

let markFirstScreen: () => void = () => {};
/**
 * Resolves when the first screen is drawn with its data (`api.uiReady`), or after two seconds at the latest:
 * start-up work the user does not see at once (the alert badge, background-job progress) waits for it, so the
 * first screen's own calls go first.
 */
export const firstScreen = new Promise<void>((resolve) => {
  markFirstScreen = resolve;
  setTimeout(resolve, 2000);
});

/** How many Library rows the first screen asks for when the app did not hand them over (see `prefetchLibrary`). */
const LIBRARY_FIRST_SCREEN = 60;
let earlyLibrary: Promise<FirstScreen> | null = null;

declare global {
  interface Window {
    /** Set by the app before the page runs (`src-tauri/src/lib.rs`): the Library's first screen of rows. */
    __CLAIMTRAIL_FIRST_SCREEN__?: FirstScreen;
  }
}

/**
 * Starts on the Library's first screen before the UI is mounted (`main.ts`). The app hands the rows to the page
 * before it runs; without them (no database, or a reload, whose rows could be stale), they are asked for now,
 * so that the answer travels while the page draws its shell.
 */
export function prefetchLibrary() {
  const handed = window.__CLAIMTRAIL_FIRST_SCREEN__;
  delete window.__CLAIMTRAIL_FIRST_SCREEN__;
  const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
  if (handed && nav?.type !== 'reload') {
    earlyLibrary = Promise.resolve(handed);
    return;
  }
  earlyLibrary = askFirstScreen();
  // A failure is reported by whoever takes the rows; this only keeps it from counting as unhandled meanwhile.
  earlyLibrary.catch(() => {});
}

/**
 * The Library's first screen of rows (the whole list when there are fewer than `limit`): what `prefetchLibrary`
 * started, the first time, and a new call after that.
 */
export function libraryFirstScreen(): Promise<FirstScreen> {
  const early = earlyLibrary;
  earlyLibrary = null;
  return early ?? askFirstScreen();
}

/** The Library's first screen, asked for by a call. */
function askFirstScreen(): Promise<FirstScreen> {
  const limit = LIBRARY_FIRST_SCREEN;
  return api.listArticles(limit).then((rows) => ({ limit, rows }));
}

export const api = {
  appInfo: () => call<AppInfo>('app_info'),
  /** The first screen is drawn with its data: the backend logs the start-up time (once). */
  uiReady: () => {
    markFirstScreen();
    return call<void>('ui_ready', { pageMs: performance.now() });
  },
  getSettings: () => call<Settings>('get_settings'),
  saveSettings: (settings: Settings) => call<Settings>('save_settings', { settings }),
  openDatabase: (path: string, create: boolean) => call<AppInfo>('open_database', { path, create }),
  backupStatus: () => call<BackupStatus>('backup_status'),
  setBackupSchedule: (everyHours: number | null) => call<BackupStatus>('set_backup_schedule', { everyHours }),
  backupNow: (path: string) => call<BackupFile>('backup_now', { path }),
  restoreBackup: (path: string) => call<RestoreResult>('restore_backup', { path }),

  listPeople: (query: string | null) => call<Person[]>('list_people', { query, limit: null }),
  mergePeople: (into: string, from: string) => call<Person>('merge_people', { into, from }),
  splitPerson: (id: string) => call<Person>('split_person', { id }),
  /** Pairs of records that are probably one person, most claims first. */
  personMergeSuggestions: () => call<PersonMergeSuggestion[]>('person_merge_suggestions', { limit: null }),
  /** The records of the names `a` and `b` are two people: not suggested again. */
  dismissPersonMerge: (a: string, b: string) => call<void>('dismiss_person_merge', { a, b }),
  restorePersonMerge: (a: string, b: string) => call<void>('restore_person_merge', { a, b }),
  /** Newest first: all of them, or the first `limit`. */
  listArticles: (limit?: number) => call<LibraryArticle[]>('list_articles', { limit: limit ?? null }),
  getArticle: (id: string) => call<ArticleView>('get_article', { id }),
  importFiles: (paths: string[]) => call<ImportSummary>('import_files', { paths }),
  importText: (text: string, title: string | null) => call<ImportSummary>('import_text', { text, title }),
  importUrl: (url: string) => call<ImportSummary>('import_url', { url }),
  loadSample: () => call<ImportSummary>('load_sample'),
  onImportProgress: (cb: (p: ImportProgressEvent) => void): Promise<UnlistenFn> =>
    listen<ImportProgressEvent>('import-progress', (e) => cb(e.payload)),

  getClaim: (id: string) => call<ClaimDetail>('get_claim', { id }),
  addClaim: (input: NewClaimInput) => call<Claim>('add_claim', { input }),
  editClaim: (id: string, edit: ClaimEditInput) => call<Claim>('edit_claim', { id, edit }),
  splitClaim: (id: string, at: number) => call<Claim[]>('split_claim', { id, at }),
  mergeClaims: (first: string, second: string) => call<Claim>('merge_claims', { first, second }),
  setDismissed: (id: string, dismissed: boolean) => call<Claim>('set_dismissed', { id, dismissed }),

  queue: (query: QueueQuery) => call<QueueResult>('queue', { query }),
  queueFacets: () => call<QueueFacets>('queue_facets'),
  review: (input: VerdictInput) => call<Review>('review_claim', { input }),
  undoReview: (reviewId: string) => call<Review>('undo_review', { reviewId }),
  addEvidence: (claimId: string, text: string, note: string | null = null) =>
    call<Evidence>('add_evidence', { claimId, text, note }),
  removeEvidence: (id: string) => call<void>('remove_evidence', { id }),

  search: (query: string, limit = 50) => call<SearchHit[]>('search', { query, limit }),

  claimLinks: (id: string) => call<ClaimLinks>('claim_links', { id }),
  setLinkState: (id: string, linkState: LinkState, kind: LinkKind | null = null) =>
    call<LinkChange>('set_link_state', { id, linkState, kind }),
  alerts: () => call<Alert[]>('alerts'),
  dismissAlert: (id: string) => call<void>('dismiss_alert', { id }),
  linkSettings: () => call<LinkSettings>('link_settings'),
  saveLinkSettings: (settings: LinkSettings) => call<LinkSettings>('save_link_settings', { settings }),
  importFactChecks: (paths: string[]) => call<FactCheckImportReport>('import_fact_checks', { paths }),
  countFactChecks: () => call<number>('count_fact_checks'),
  /** Where background link suggestion is (null when idle), and its events. */
  linkProgress: () => call<JobProgressEvent | null>('link_progress'),
  onLinkProgress: (cb: (p: JobProgressEvent) => void): Promise<UnlistenFn> =>
    listen<JobProgressEvent>('links://progress', (e) => cb(e.payload)),
  onLinksDone: (cb: (d: LinksDoneEvent) => void): Promise<UnlistenFn> =>
    listen<LinksDoneEvent>('links://done', (e) => cb(e.payload)),
  /** Where background scoring by the check-worthiness encoder is (null when idle), and its events. */
  scoreProgress: () => call<JobProgressEvent | null>('score_progress'),
  onScoreProgress: (cb: (p: JobProgressEvent) => void): Promise<UnlistenFn> =>
    listen<JobProgressEvent>('scores://progress', (e) => cb(e.payload)),
  onScoresDone: (cb: (d: ScoresDoneEvent) => void): Promise<UnlistenFn> =>
    listen<ScoresDoneEvent>('scores://done', (e) => cb(e.payload)),
  /** Where background embedding of imported fact-checks is (null when idle), and its events. */
  factCheckProgress: () => call<JobProgressEvent | null>('fact_check_progress'),
  onFactCheckProgress: (cb: (p: JobProgressEvent) => void): Promise<UnlistenFn> =>
    listen<JobProgressEvent>('factchecks://progress', (e) => cb(e.payload)),
  onFactChecksDone: (cb: (d: FactChecksDoneEvent) => void): Promise<UnlistenFn> =>
    listen<FactChecksDoneEvent>('factchecks://done', (e) => cb(e.payload)),
  listTopics: () => call<TopicSummary[]>('list_topics'),
  createTopic: (input: TopicInput) => call<TopicSaved>('create_topic', { input }),
  editTopic: (topic: string, edit: TopicEditInput) => call<TopicSaved>('edit_topic', { topic, edit }),
  deleteTopic: (topic: string) => call<Topic>('delete_topic', { topic }),
  assignTopicClaim: (topic: string, claimId: string) => call<Topic>('assign_topic_claim', { topic, claimId }),
  unassignTopicClaim: (topic: string, claimId: string) =>
    call<boolean>('unassign_topic_claim', { topic, claimId }),
  suggestTopics: () => call<TopicSuggestion[]>('suggest_topics'),
  createSuggestedTopic: (suggestion: TopicSuggestion) =>
    call<TopicSaved>('create_suggested_topic', { suggestion }),
  topicTimeline: (topic: string, query: TimelineQuery | null = null) =>
    call<Timeline>('topic_timeline', { topic, query }),

  exportClaims: (input: ExportInput) => call<ExportReport>('export_claims', { input }),
  claimreviewSettings: () => call<ClaimReviewSettings>('claimreview_settings'),
  saveClaimreviewSettings: (settings: ClaimReviewSettings) =>
    call<ClaimReviewSettings>('save_claimreview_settings', { settings }),
  resetClaimreviewSettings: () => call<ClaimReviewSettings>('reset_claimreview_settings'),
};
