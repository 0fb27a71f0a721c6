import { describe, expect, it } from 'vitest';
import type { LinkView } from '../../lib/bindings/LinkView';
import type { PropagatedVerdict } from '../../lib/bindings/PropagatedVerdict';
import { appliedStatus, firstSuggested, linkWho, verdictLine } from './links';

function link(id: string, state: LinkView['state'], claimant: string | null = 'Mayor Lena Ortiz'): LinkView {
  return {
    id,
    kind: 'repeats',
    score: 0.8,
    state,
    other_role: 'source',
    other: {
      type: 'claim',
      id: `c-${id}`,
      text: 'The bridge will reopen in May.',
      claimant,
      date: '2021-03-02',
      status: 'unreviewed',
      article_id: 'a-1',
      article_title: 'Bridge repairs',
    },
  };
}

function verdict(from: string, rating: string, reviewer: string | null = null): PropagatedVerdict {
  return { from, id: 'x', rating, rated_on: '2021-03-05', text: 't', url: null, reviewer, summary: '' };
}

describe('links helpers', () => {
  it('picks the first link still waiting for a decision', () => {
    expect(firstSuggested([link('1', 'confirmed'), link('2', 'suggested'), link('3', 'suggested')])?.id).toBe('2');
    expect(firstSuggested([link('1', 'confirmed')])).toBeNull();
  });

  it('carries over a verdict from a repeat but not a fact-check rating', () => {
    expect(appliedStatus([verdict('fact_check', 'Pants on Fire!'), verdict('claim', 'false')])).toBe('false');
    expect(appliedStatus([verdict('fact_check', 'false')])).toBeNull();
    expect(appliedStatus([verdict('claim', 'in_review')])).toBeNull();
  });

  it('writes a readable verdict line', () => {
    expect(verdictLine(verdict('claim', 'misleading', 'Dana'))).toBe('Rated Misleading by Dana on 2021-03-05');
    expect(verdictLine(verdict('fact_check', 'Mostly False', 'PolitiFact'))).toBe('Rated “Mostly False” by PolitiFact on 2021-03-05');
  });

  it('names the outlet when a claim has no claimant', () => {
    expect(linkWho(link('1', 'suggested', null))).toBe('The outlet itself');
  });
});
