// Attendance as the tellers report it at an assembly voting by constituency (the recommendation
// assembly): each constituency's numbers, and the assembly's totals as their sums.

export interface ConstituencyCount {
  id: string;
  expected: number;
  present: number;
  ballotsIssued: number;
}

/** The assembly's attendance: present and ballots issued are the constituencies' sums. */
export const byConstituency = <C extends ConstituencyCount>(...constituencies: C[]) => ({
  present: constituencies.reduce((sum, c) => sum + c.present, 0),
  ballotsIssued: constituencies.reduce((sum, c) => sum + c.ballotsIssued, 0),
  constituencies,
});
