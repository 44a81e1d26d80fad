import type { Election } from './election-data.ts';

/** 撤销选举: lands with the cancel endpoint (s20-api). */
export function CancelElection(_props: { election: Election; onCancelled: () => void }) {
  return null;
}
