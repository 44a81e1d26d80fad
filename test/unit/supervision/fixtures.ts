// Records shared by the supervision tests (and the report page's): an election's office
// holders, one approved goal, and progress against it.
import type { GoalRecord, ProgressRecord } from '../../../shared/store/records.ts';

export const result = { secretary: 's1', deputies: ['d1'], members: ['m1', 'm2', 'm3'] };

export const goal: GoalRecord = {
  id: 'g1',
  orgId: 'o',
  electionId: 'e',
  commitmentId: 'c',
  category: 'employment',
  text: '促进就业',
  target: '新增就业岗位 50 个',
  status: 'approved',
  createdAt: '2026-04-01T00:00:00.000Z',
  approvedAt: '2026-04-02T00:00:00.000Z',
};
export const progress = (at: string, value?: number): ProgressRecord => ({
  id: `p-${at}`,
  orgId: 'o',
  goalId: 'g1',
  at,
  text: `进展 ${at}`,
  ...(value === undefined ? {} : { value }),
  recordedBy: 'org',
  recordedAt: '2027-01-10T00:00:00.000Z',
});
