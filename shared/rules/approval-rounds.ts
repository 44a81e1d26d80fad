import type { Stage } from './stages.ts';

/**
 * The stages whose rounds an approval of each kind reviews (its 选举结果报告单, issue 15): the
 * result of an office, the whole result (yuyang), the recommendation before the 票决 of the
 * formal candidates, a by-election's own rounds. A commitment or a recall petition follows no
 * vote: it has none, and no report.
 */
const ROUND_STAGES: Record<string, readonly (Stage | 'by-election')[]> = {
  inspection: ['recommendation', 'party-recommendation', 'evaluation'],
  secretary: ['secretary-election'],
  deputies: ['deputy-election'],
  members: ['member-election'],
  result: [
    'party-recommendation',
    'evaluation',
    'secretary-election',
    'deputy-election',
    'member-election',
  ],
  'by-election': ['by-election'],
};

/** The stages an approval of `kind` reviews the rounds of; empty when it has no report. */
export const approvalRoundStages = (kind: string): readonly string[] => ROUND_STAGES[kind] ?? [];
