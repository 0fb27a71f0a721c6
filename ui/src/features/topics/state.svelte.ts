// What the timeline view remembers while the user visits the reader and comes back: grouping, and per topic
// the zoom window and filters.
import type { ClaimStatus } from '../../lib/bindings/ClaimStatus';
import type { Grouping, View } from './timeline';

export interface TimelineFilters {
  statuses: ClaimStatus[];
  claimant: string;
  from: string;
  to: string;
}

export const emptyFilters = (): TimelineFilters => ({ statuses: [], claimant: '', from: '', to: '' });

export const timelineMemory = $state({
  grouping: 'storyline' as Grouping,
  views: {} as Record<string, View>,
  filters: {} as Record<string, TimelineFilters>,
});
