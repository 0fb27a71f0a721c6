// Which screen shows and what it shows, plus transient notices. Shared by every feature.
import type { AppError } from './bindings/AppError';
import type { JobProgressEvent } from './bindings/JobProgressEvent';
import { api } from './api';
import { isUnexpected, showErrorDialog } from './errors.svelte';

export type View = 'library' | 'reader' | 'review' | 'search' | 'topics' | 'people' | 'alerts' | 'settings';

export const nav = $state({
  view: 'library' as View,
  articleId: null as string | null,
  claimId: null as string | null,
  /** The topic whose timeline the Topics screen shows (null: the topic list). */
  topicId: null as string | null,
  /** A claimant the review queue filters by when it opens next (set by the People screen, then cleared). */
  reviewClaimant: null as string | null,
  /** Bumped to ask the search box to take focus. */
  searchFocus: 0,
  /** Alerts not dismissed (the badge on the Alerts tab). */
  alerts: 0,
  /** Background link suggestion while it runs (null when idle). */
  linking: null as JobProgressEvent | null,
  /** Bumped when background link suggestion has finished: views that show links or alerts re-read them. */
  linksVersion: 0,
  /** Background scoring by the check-worthiness encoder while it runs (null when idle). */
  scoring: null as JobProgressEvent | null,
  /** Bumped when background scores have arrived: views ordered by check-worthiness re-read. */
  scoresVersion: 0,
  /** Background embedding of imported fact-checks while it runs (null when idle). */
  indexingFactChecks: null as JobProgressEvent | null,
});

/** Re-reads the number of open alerts for the badge; a failure leaves the old count. */
export async function refreshAlerts() {
  try {
    nav.alerts = (await api.alerts()).length;
  } catch {
    // The badge is a hint; the Alerts screen reports errors itself.
  }
}

/**
 * Follows the background jobs: link suggestion (its progress, and at its end a refresh of the alert badge and of
 * the views that show links, which watch `nav.linksVersion`) and scoring (its progress, and at its end a bump of
 * `nav.scoresVersion`, which the review queue watches). Returns the function that stops following.
 */
export function followBackgroundJobs(): () => void {
  const stops: (() => void)[] = [];
  let stopped = false;
  const keep = (p: Promise<() => void>) =>
    p.then((stop) => (stopped ? stop() : stops.push(stop))).catch(() => {});
  keep(api.onLinkProgress((p) => (nav.linking = p.done < p.total ? p : null)));
  keep(
    api.onLinksDone(() => {
      nav.linking = null;
      nav.linksVersion++;
      refreshAlerts();
    }),
  );
  keep(api.onScoreProgress((p) => (nav.scoring = p.done < p.total ? p : null)));
  keep(api.onFactCheckProgress((p) => (nav.indexingFactChecks = p.done < p.total ? p : null)));
  keep(
    api.onFactChecksDone((d) => {
      nav.indexingFactChecks = null;
      // Fact-checks matched by meaning once embedded: new suggestions, perhaps alerts.
      if (d.links > 0) {
        nav.linksVersion++;
        refreshAlerts();
      }
    }),
  );
  keep(
    api.onScoresDone((d) => {
      nav.scoring = null;
      if (d.scored > 0) nav.scoresVersion++;
    }),
  );
  // A job may have started before this window listened.
  api
    .linkProgress()
    .then((p) => {
      if (p && !stopped) nav.linking = p;
    })
    .catch(() => {});
  api
    .scoreProgress()
    .then((p) => {
      if (p && !stopped) nav.scoring = p;
    })
    .catch(() => {});
  api
    .factCheckProgress()
    .then((p) => {
      if (p && !stopped) nav.indexingFactChecks = p;
    })
    .catch(() => {});
  return () => {
    stopped = true;
    stops.forEach((stop) => stop());
  };
}

export function openReader(articleId: string, claimId: string | null = null) {
  nav.articleId = articleId;
  nav.claimId = claimId;
  nav.view = 'reader';
}

export interface Notice {
  id: number;
  kind: 'info' | 'error';
  text: string;
}

export const notices = $state({ list: [] as Notice[] });
let nextId = 1;

export function notify(text: string, kind: Notice['kind'] = 'info') {
  const id = nextId++;
  notices.list.push({ id, kind, text });
  setTimeout(() => dismissNotice(id), kind === 'error' ? 8000 : 3500);
}

/** Shows an error: a dialog naming the log file when the user did not cause it, else a notice. */
export function notifyError(e: unknown) {
  const err = e as AppError;
  if (isUnexpected(err)) {
    showErrorDialog({ code: err.code, message: err.message ?? String(e) });
    return;
  }
  notify(err?.message ?? String(e), 'error');
}

export function dismissNotice(id: number) {
  notices.list = notices.list.filter((n) => n.id !== id);
}

/** True when a key event comes from a field where typing must not trigger shortcuts. */
export function isTyping(e: KeyboardEvent): boolean {
  const t = e.target as HTMLElement | null;
  if (!t) return false;
  const tag = t.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || t.isContentEditable;
}
