import * as z from 'zod';
import {
  type AttendancePlace,
  attendanceNumberViolations,
  Staff,
  StaffApproval,
  staffApprovalViolations,
  staffViolations,
} from './attendance.ts';
import type { RoundKind } from './ballots-schema.ts';
import { expectedAttendance } from './entitlement.ts';
import type { Member } from './members.ts';
import { checkRecommendationAttendance } from './recommendation-tally.ts';
import type { Rules } from './rules.ts';
import { broken, type Checked, ok, type Violation } from './violations.ts';

/**
 * A round's attendance (到会情况) as the teller reports it, checked against the round and the
 * rules: staff (唱票人 / 监票人 / 计票人) three different members, none a candidate in this vote,
 * and the assembly's vote approving 监票人 and 计票人 when reported; constituencies as the round
 * kind needs them; ballots issued ≤ present ≤ 应到 overall and per constituency; 应到会 of an
 * election computed, never typed in. Pure: the roll and rules are passed in
 * (shared/election/rounds/attendance.ts loads the roll and stores the result). Apart from
 * attendance.ts, which the tallies import: this file uses the recommendation tally's check.
 */

const Count = z.int().min(0).max(10_000_000);

/** SPEC's example names a constituency by `name`; its `id` or its name is accepted in either. */
export const ConstituencyReport = z
  .strictObject({
    id: z.string().min(1).max(100).optional(),
    name: z.string().min(1).max(100).optional(),
    expected: Count,
    present: Count,
    ballotsIssued: Count,
  })
  .refine((c) => c.id !== undefined || c.name !== undefined, {
    message: 'a constituency needs its id or its name',
    path: ['name'],
  });
export type ConstituencyReport = z.infer<typeof ConstituencyReport>;

/** `POST …/rounds/{roundId}/attendance`. */
export const AttendanceReport = z.strictObject({
  present: Count,
  ballotsIssued: Count,
  constituencies: z.array(ConstituencyReport).min(1).max(100).optional(),
  staff: Staff,
  /** The assembly's vote approving 监票人 and 计票人 (第八条 1), when it was held. */
  staffApproval: StaffApproval.optional(),
});
export type AttendanceReport = z.infer<typeof AttendanceReport>;

/** The non-party employees of a yuyang evaluation (员工满意度测评). */
const EMPLOYEES = { id: 'employees', name: '非党员工' };

type Known = readonly { id: string; name: string }[];
/** A constituency as stored: named by the rules' id and name. */
export interface ResolvedConstituency {
  id: string;
  name: string;
  expected: number;
  present: number;
  ballotsIssued: number;
}
type Resolved = ResolvedConstituency;

/** The attendance a round stores (the store's RoundAttendance). */
export interface ResolvedAttendance {
  present: number;
  ballotsIssued: number;
  expected: number;
  constituencies?: ResolvedConstituency[];
  staff: Staff;
  staffApproval?: StaffApproval;
  recordedBy: string;
  at: string;
}

/**
 * Names each reported constituency by its id; a label matching none is kept as given (the
 * rules check reports it unknown); an id and a name naming two different ones is a violation.
 */
const resolveConstituencies = (
  reports: readonly ConstituencyReport[],
  known: Known,
): { resolved: Resolved[]; violations: Violation[] } => {
  const violations: Violation[] = [];
  const resolved = reports.map((report): Resolved => {
    const labels = [report.id, report.name].filter((l): l is string => l !== undefined);
    const found = labels.map((label) => known.find((k) => k.id === label || k.name === label));
    const [first] = found;
    if (found.length === 2 && first && found[1] && first.id !== found[1].id) {
      violations.push({
        rule: 'constituency-mismatch',
        message: `推荐单位的 id ${report.id} 与名称 ${report.name} 不是同一个`,
      });
    }
    const match = found.find((k) => k !== undefined);
    return {
      id: match?.id ?? labels[0] ?? '',
      name: match?.name ?? report.name ?? labels[0] ?? '',
      expected: report.expected,
      present: report.present,
      ballotsIssued: report.ballotsIssued,
    };
  });
  return { resolved, violations };
};

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/** Where the numbers of an assembly without constituencies are: the top-level fields. */
const PARTY_ASSEMBLY: AttendancePlace = {
  label: '党员大会',
  path: [],
  note: '只计有选举权的党员,列席者不计',
};

/**
 * The numbers the constituencies' own checks leave: the totals of reported constituencies add
 * up; an assembly without them has issued ≤ present ≤ 应到会 (SPEC §2.8).
 */
const countViolations = (
  report: AttendanceReport,
  expected: number,
  constituencies: readonly Resolved[] | undefined,
): Violation[] => {
  if (!report.constituencies || !constituencies) {
    const { present, ballotsIssued } = report;
    return attendanceNumberViolations({ expected, present, ballotsIssued }, PARTY_ASSEMBLY);
  }
  const present = sum(constituencies.map((c) => c.present));
  const issued = sum(constituencies.map((c) => c.ballotsIssued));
  if (present === report.present && issued === report.ballotsIssued) return [];
  return [
    {
      rule: 'totals-mismatch',
      message: `实到 ${report.present} 人、发出选票 ${report.ballotsIssued} 张,与各单位合计(${present} 人、${issued} 张)不符`,
    },
  ];
};

/** The constituencies of a recommendation round; a single one may be left to the server. */
const recommendationConstituencies = (
  report: AttendanceReport,
  rules: Rules,
  roll: readonly Member[],
): { resolved?: Resolved[]; violations: Violation[] } => {
  const known = rules.recommendation.constituencies;
  if (!report.constituencies) {
    const [only] = known;
    if (known.length !== 1 || !only) {
      return {
        violations: [
          {
            rule: 'constituencies-required',
            message: `推荐大会须分别填报各推荐单位(${known.map((c) => c.name).join('、')})的到会情况`,
          },
        ],
      };
    }
    // 党内推荐 (yuyang): the branch's members, whose 应到会 the roll gives.
    const { present, ballotsIssued } = report;
    const expected = expectedAttendance([...roll]);
    return {
      resolved: [{ id: only.id, name: only.name, expected, present, ballotsIssued }],
      violations: [],
    };
  }
  const { resolved, violations } = resolveConstituencies(report.constituencies, known);
  const checked = checkRecommendationAttendance(rules, {
    constituencies: resolved.map(({ id, expected, present, ballotsIssued }) => ({
      id,
      expected,
      present,
      ballotsIssued,
    })),
  });
  return { resolved, violations: checked.ok ? violations : [...violations, ...checked.violations] };
};

const evaluationConstituencies = (
  report: AttendanceReport,
): { resolved?: Resolved[]; violations: Violation[] } => {
  const refused = (message: string) => ({
    violations: [{ rule: 'employees-attendance', message }],
  });
  if (report.constituencies?.length !== 1) {
    return refused('满意度测评须且只须填报非党员工(employees)一项的到会情况');
  }
  const { resolved, violations } = resolveConstituencies(report.constituencies, [EMPLOYEES]);
  const [employees] = resolved;
  if (!employees || employees.id !== EMPLOYEES.id) {
    return refused(`测评单位应为非党员工(employees),不是 ${employees?.id}`);
  }
  if (employees.expected < 1) return refused('非党员工应到人数(expected)至少为 1');
  const place = { label: EMPLOYEES.name, path: ['constituencies', 0] };
  return { resolved, violations: [...violations, ...attendanceNumberViolations(employees, place)] };
};

export interface AttendanceInput {
  round: { kind: RoundKind; candidates: readonly string[] };
  rules: Rules;
  /** The roll the round is held on (rollOfRound: a recall or by-election, the current one). */
  roll: readonly Member[];
  report: AttendanceReport;
  recordedBy: string;
  at: string;
}

/**
 * The attendance to store, or every rule it breaks (422s). Recommendation: the rules'
 * constituencies, the resident representatives' 应到 ≥ minResidentRepresentatives; evaluation:
 * one constituency `employees`; election and recall: 应到会 = the roll's entitled members, no
 * constituencies. Everywhere issued ≤ present ≤ 应到, and the staff vote, when reported, carried.
 */
export const resolveAttendance = ({
  round,
  rules,
  roll,
  report,
  recordedBy,
  at,
}: AttendanceInput): Checked<ResolvedAttendance> => {
  const violations = staffViolations(report.staff, {
    roll: roll.map((member) => member.id),
    candidates: round.candidates,
  });
  if (report.staffApproval) {
    violations.push(...staffApprovalViolations(report.staffApproval, report.present));
  }
  let constituencies: Resolved[] | undefined;
  let expected: number;
  if (round.kind === 'recommendation' || round.kind === 'evaluation') {
    const found =
      round.kind === 'recommendation'
        ? recommendationConstituencies(report, rules, roll)
        : evaluationConstituencies(report);
    violations.push(...found.violations);
    constituencies = found.resolved;
    expected = sum((constituencies ?? []).map((c) => c.expected));
  } else {
    if (report.constituencies) {
      violations.push({
        rule: 'constituencies-not-applicable',
        message: '党员大会选举(罢免)不分推荐单位:应到会人数由名册计算,不填 constituencies',
      });
    }
    expected = expectedAttendance([...roll]);
  }
  if (violations.length === 0)
    violations.push(...countViolations(report, expected, constituencies));
  if (violations.length > 0) return broken(violations);
  return ok({
    present: report.present,
    ballotsIssued: report.ballotsIssued,
    expected,
    ...(constituencies ? { constituencies } : {}),
    staff: report.staff,
    ...(report.staffApproval ? { staffApproval: report.staffApproval } : {}),
    recordedBy,
    at,
  });
};
