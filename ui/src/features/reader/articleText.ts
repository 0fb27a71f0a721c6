// The article text of the Reader, built as DOM nodes directly: an article with hundreds of claims has hundreds
// of runs, and a component per run cost 90-170 ms to build (238 claims, measured in the release app) where this
// takes a few. Everything is set as text (`textContent`): imported markup is never interpreted.
import type { Segment } from '../../lib/spans';

/**
 * One element per run of text: a `<mark class="claim s-STATUS">` where claims cover it (the innermost claim,
 * last in `seg.claims`, decides the colour; `data-claims` lists every covering claim, `data-top` the innermost),
 * else a `<span>`. Every element carries `data-start`, its first code point's offset (see `offsetOf`).
 */
export function renderSegments(segments: Segment[], tip: (seg: Segment) => string | undefined): DocumentFragment {
  const out = document.createDocumentFragment();
  for (const seg of segments) {
    if (!seg.claims.length) {
      const span = document.createElement('span');
      span.dataset.start = String(seg.start);
      span.textContent = seg.text;
      out.append(span);
      continue;
    }
    const top = seg.claims[seg.claims.length - 1];
    const mark = document.createElement('mark');
    mark.className = `claim s-${top.status}`;
    if (top.dismissed) mark.classList.add('dismissed');
    if (seg.claims.length > 1) mark.classList.add('nested');
    mark.dataset.start = String(seg.start);
    mark.dataset.claims = seg.claims.map((c) => c.id).join(' ');
    mark.dataset.top = top.id;
    mark.dataset.status = top.status;
    const title = tip(seg);
    if (title) mark.title = title;
    mark.setAttribute('role', 'button');
    mark.tabIndex = -1;
    mark.textContent = seg.text;
    out.append(mark);
  }
  return out;
}

/** Outlines the runs of claim `id` (and no others) inside `container`. Claim ids are UUIDs (no quoting needed). */
export function markActive(container: HTMLElement, id: string | null) {
  for (const el of container.querySelectorAll('mark.claim.active')) el.classList.remove('active');
  if (!id) return;
  for (const el of container.querySelectorAll(`mark.claim[data-claims~="${id}"]`)) el.classList.add('active');
}

/** The innermost claim of the run an event happened in, if it happened in a claim's run. */
export function claimAt(target: EventTarget | null): string | null {
  const el = target instanceof Element ? target.closest('mark.claim') : null;
  return el instanceof HTMLElement ? (el.dataset.top ?? null) : null;
}
