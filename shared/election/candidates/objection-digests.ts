import { notify } from '../../notices/index.ts';
import { organizersOf } from '../../notices/recipients.ts';
import { getElection } from '../../store/elections.ts';
import { clearDigest, dueDigests } from '../../store/objection-digests.ts';
import { listObjections } from '../../store/objections.ts';
import { getRoll } from '../../store/organizations.ts';
import type { ObjectionRecord } from '../../store/records.ts';
import { organizationOf } from '../access.ts';

/**
 * The organizers' digest of objections (异议汇总): at most one mail per election hour, sent after
 * the hour ends, listing how many objections came in, against whom, and each text (the text
 * reaches the organizers only, as before; the board shows counts and resolutions).
 *
 * Why a sweep after the hour, not the next objection: the next objection may never come, and
 * the hour's last objections would then never be mailed. Each objection marks its hour due in
 * its own transaction (fileObjection); this sweep records the digest in the outbox under
 * (template, election + hour, recipient), so a sweep retried after a crash records nothing new,
 * and only then deletes the mark.
 */
export interface DigestReport {
  digests: number;
  objections: number;
}

export const sendObjectionDigests = async (
  now = new Date(),
  until?: Date,
): Promise<DigestReport> => {
  const report: DigestReport = { digests: 0, objections: 0 };
  for (const due of await dueDigests(now)) {
    if (until && new Date() >= until) break;
    const election = await getElection(due.electionId);
    const inWindow = election
      ? (await listObjections(due.electionId)).filter(
          (o) => o.filedAt >= due.windowStart && o.filedAt < due.windowEnd,
        )
      : [];
    // An election gone, or only refused objections in the hour: nothing to tell.
    if (election && inWindow.length > 0) {
      const [roll, org] = await Promise.all([
        getRoll(election.orgId, election.rollId),
        organizationOf(election),
      ]);
      const nameOf = new Map(roll.map((member) => [member.id, member.name]));
      // The end of the notice the hour's objections were filed in.
      const noticeEnd = election.calendar[(inWindow.at(-1) as ObjectionRecord).stage]?.until;
      await notify({
        electionId: election.id,
        template: 'objection-digest',
        ref: `${election.id}#${due.windowId}`,
        recipients: organizersOf(org),
        data: {
          organization: org.name,
          from: due.windowStart,
          to: due.windowEnd,
          objections: inWindow.map((o) => ({
            objectionId: o.id,
            candidate: nameOf.get(o.candidateId) ?? o.candidateId,
            office: o.office,
            text: o.text,
            filedAt: o.filedAt,
          })),
          ...(noticeEnd ? { until: noticeEnd } : {}),
        },
      });
      report.digests++;
      report.objections += inWindow.length;
    }
    await clearDigest(due.electionId, due.windowId);
  }
  return report;
};
