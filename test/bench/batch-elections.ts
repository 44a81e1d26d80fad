// Benchmark 4 — a batch of 363 elections (第一篇: Nanjing's 363 communities, preset `nanjing`)
// started from one uploaded batch file — the organizations and their rolls, as a province's
// system exports them — by one POST /v1/batches {uploadId}, and carried through nomination: a few nominations each, then the nomination deadline, until every election
// is in eligibility review. The organizers close the announcement as soon as every election has
// begun, and the nomination once the nominations are in (moved deadlines), so the wall time is
// the product's, not the calendar's. Wall time, and the peak memory (RSS) of the local stack:
// this Node process (API, Step Functions, SES, handlers) and DynamoDB Local's Java.
import { makeRoll } from '../../scripts/scenario/roll.ts';
import { getBatch, listBatchMembers } from '../../shared/store/batches.ts';
import { getElection } from '../../shared/store/elections.ts';
import { batchFileCsv, postToUpload } from '../support/batch-file.ts';
import { mib, sampleMemory } from './support/memory.ts';
import { meterApp, newMeter } from './support/meter.ts';
import { emit, log } from './support/report.ts';
import { startBenchStack } from './support/stack.ts';
import { mapConcurrent, round, since } from './support/stats.ts';

const ORGS = Number(process.env.ZX_BENCH_BATCH_ORGS ?? 363);
const ROLL = Number(process.env.ZX_BENCH_BATCH_ROLL ?? 10);
// Real-looking days (a minute): no window ends by itself during the run; the organizers close them.
const DAY_MS = Number(process.env.ZX_BENCH_BATCH_DAY_MS ?? 60_000);
const CONCURRENCY = 16;
// The sweepers every 5 s rather than every minute: a start the batch request left waits less.
const SCHEDULE_MS = Number(process.env.ZX_SCHEDULE_MS ?? 5000);
process.env.ZX_SCHEDULE_MS = String(SCHEDULE_MS);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const meter = newMeter();
const bench = await startBenchStack({ dayLengthMs: DAY_MS, wrapApp: meterApp(meter) });
const memory = sampleMemory(bench.stack?.dynamoDb.pid ?? 0);
try {
  const { api } = bench;
  const organizer = await bench.token({ sub: 'organizer-1', roles: ['organizer'], orgs: ['*'] });
  const orgIds = Array.from(
    { length: ORGS },
    (_, i) => `nanjing-${String(i + 1).padStart(3, '0')}`,
  );
  const rolls = new Map(orgIds.map((id, i) => [id, makeRoll(ROLL, 1000 + i, `${id}-`)]));

  const file = batchFileCsv(
    orgIds.map((id) => ({
      id,
      name: `南京市第${id.slice(-3)}社区党委`,
      superior: { name: '街道党工委', emails: [`gongwei-${id}@example.cn`] },
      members: rolls.get(id) ?? [],
    })),
  );
  const fileBytes = Buffer.byteLength(file);

  // ——— The batch: the file uploaded and imported, the elections started, nominations, the deadline ———
  const start = performance.now();
  const upload = await api.call<{ uploadId: string; url: string; fields: Record<string, string> }>(
    'POST',
    '/v1/batch-uploads',
    organizer,
  );
  await postToUpload(upload, file);
  const uploadedMs = since(start);
  log(
    `batch file of ${round(fileBytes / 1024 / 1024, 1)} MiB posted in ${round(uploadedMs / 1000, 1)} s`,
  );
  const startsAt = new Date(Date.now() + 1000);
  const postStart = performance.now();
  // The request checks the whole file, imports it and starts workflows for its time budget, and
  // answers (201, or 202 while the import goes on); the workflow sweeper does the rest (every
  // ZX_SCHEDULE_MS here, every minute on AWS).
  const made = await api.call<{ id: string; electionIds?: string[]; startsDeferred?: string[] }>(
    'POST',
    '/v1/batches',
    organizer,
    {
      preset: 'nanjing',
      uploadId: upload.uploadId,
      seats: { secretary: 1, deputies: 1, members: 3 },
      startsAt: startsAt.toISOString(),
      dayLengthMs: DAY_MS,
    },
  );
  const createdMs = since(postStart);
  log(
    `POST /v1/batches answered in ${round(createdMs / 1000, 1)} s ` +
      `(${made.electionIds ? 'imported' : 'importing'}; ${made.startsDeferred?.length ?? 0} starts left to the sweeper)`,
  );
  for (;;) {
    const status = (await getBatch(made.id))?.import?.status;
    if (status === 'done') break;
    if (status === 'refused') throw new Error(`the batch file was refused`);
    await sleep(1000);
  }
  const importedMs = since(start);
  log(`file imported at ${round(importedMs / 1000, 1)} s`);
  const members = await listBatchMembers(made.id);
  const deferred = made.startsDeferred?.length ?? (made.electionIds ? 0 : members.length);
  const pairs = members.map(({ electionId, orgId }) => ({ electionId, orgId }));
  const move = (electionId: string, stage: string, deadline: Date) =>
    api.call('PUT', `/v1/elections/${electionId}/deadlines/${stage}`, organizer, {
      deadline: deadline.toISOString(),
    });

  // Each election's stage straight from the table: the batch report reads every election's
  // nominations, rounds and roll, and over 363 elections it outlasts the API's timeout here.
  const stages = async () =>
    mapConcurrent(pairs, CONCURRENCY, async ({ electionId }) => {
      const election = await getElection(electionId);
      return {
        electionId,
        stage: election?.stage,
        haltReason: election?.haltReason,
        // The stage's entry done (its notices sent): the workflow is under way.
        entered: election?.begun && !election.begun.entering ? election.begun.stage : undefined,
      };
    });
  const waitFor = async (
    wanted: (e: Awaited<ReturnType<typeof stages>>[number]) => boolean,
    what: string,
  ) => {
    // Minutes enough for the largest slice on a loaded 2-core machine.
    const until = Date.now() + 8 * 60_000 + ORGS * 500;
    for (;;) {
      const current = await stages();
      const behind = current.filter((e) => !wanted(e));
      if (current.length === ORGS && behind.length === 0) return;
      const stuck = current.find((e) => e.stage === 'halted');
      if (stuck) throw new Error(`election ${stuck.electionId} halted: ${stuck.haltReason}`);
      if (Date.now() > until) throw new Error(`${behind.length} elections not ${what}`);
      await sleep(2000);
    }
  };
  // Once every election has begun its announcement (a deadline already past when its stage
  // begins gives the stage its full window back), the nomination window is held open for the
  // nominations and the announcement closed soon.
  await waitFor((e) => e.entered === 'announcement', 'begun');
  const begunMs = since(start);
  log(`all announcements begun at ${round(begunMs / 1000, 1)} s`);
  await mapConcurrent(pairs, CONCURRENCY, async ({ electionId }) => {
    await move(electionId, 'nomination', new Date(Date.now() + 30 * 60_000));
    await move(electionId, 'announcement', new Date(Date.now() + 5000));
  });
  const movedMs = since(start);
  log(`announcements closed at ${round(movedMs / 1000, 1)} s`);
  await waitFor((e) => e.stage === 'nomination', 'in nomination');
  const nominationOpenMs = since(start);
  log(`all in nomination at ${round(nominationOpenMs / 1000, 1)} s`);

  const documents = { idCard: true, householdRegister: true, diploma: true, photo: true };
  const nominations = pairs.flatMap(({ electionId, orgId }) => {
    const [a, b, c] = (rolls.get(orgId) ?? []) as { id: string }[] as [
      { id: string },
      { id: string },
      { id: string },
    ];
    return [
      { electionId, orgId, kind: 'organization', office: 'secretary', nomineeId: a.id },
      { electionId, orgId, kind: 'organization', office: 'secretary', nomineeId: b.id },
      { electionId, orgId, kind: 'self', office: 'member', nomineeId: c.id },
    ];
  });
  await mapConcurrent(nominations, CONCURRENCY, async ({ electionId, orgId, ...nomination }) => {
    const token =
      nomination.kind === 'self'
        ? await bench.token({ sub: nomination.nomineeId, roles: ['member'], orgs: [orgId] })
        : organizer;
    await api.call('POST', `/v1/elections/${electionId}/nominations`, token, {
      ...nomination,
      documents,
    });
  });
  const nominatedMs = since(start);
  log(`${nominations.length} nominations done at ${round(nominatedMs / 1000, 1)} s`);
  await mapConcurrent(pairs, CONCURRENCY, ({ electionId }) =>
    move(electionId, 'nomination', new Date(Date.now() + 5000)),
  );
  await waitFor((e) => e.stage !== 'announcement' && e.stage !== 'nomination', 'past nomination');
  const wallMs = since(start);
  const peak = memory.stop();
  const final = await stages();
  const byStage: Record<string, number> = {};
  for (const { stage = 'unknown' } of final) byStage[stage] = (byStage[stage] ?? 0) + 1;
  const mail = (await bench.stack?.ses.listMail()) ?? [];
  log(`all past nomination at ${round(wallMs / 1000, 1)} s; ${JSON.stringify(byStage)}`);

  emit({
    id: '4',
    title: `A batch of ${ORGS} elections (nanjing, rolls of ${ROLL}) started and carried through nomination`,
    figures: [
      {
        measure: 'wall time, POST /v1/batches → all past nomination',
        value: round(wallMs / 1000, 1),
        unit: 's',
      },
      {
        measure: 'POST /v1/batches answered after',
        value: round(createdMs / 1000, 1),
        unit: 's',
        goal: '< 29 s',
        met: createdMs < 29_000,
      },
      {
        measure: 'upload → batch file imported (checked, every organization and roll stored)',
        value: round(importedMs / 1000, 1),
        unit: 's',
      },
      { measure: 'workflow starts left to the sweeper', value: deferred, unit: `of ${ORGS}` },
      { measure: 'peak RSS, local stack (Node + Java)', value: mib(peak.total), unit: 'MiB' },
      { measure: 'peak RSS, Node process', value: mib(peak.node), unit: 'MiB' },
      { measure: 'peak RSS, DynamoDB Local (Java)', value: mib(peak.java), unit: 'MiB' },
    ],
    details: {
      organizations: ORGS,
      rollSize: ROLL,
      dayLengthMs: DAY_MS,
      fileBytes,
      uploadSeconds: round(uploadedMs / 1000, 1),
      batchRequestSeconds: round(createdMs / 1000, 1),
      importedSeconds: round(importedMs / 1000, 1),
      startsDeferred: deferred,
      scheduleMs: SCHEDULE_MS,
      announcementsBegunSeconds: round(begunMs / 1000, 1),
      announcementsClosedSeconds: round(movedMs / 1000, 1),
      allInNominationSeconds: round(nominationOpenMs / 1000, 1),
      nominations: nominations.length,
      nominationsDoneSeconds: round(nominatedMs / 1000, 1),
      stagesAtEnd: byStage,
      emailsSent: mail.length,
      memorySamples: peak.samples,
      lambda: Object.fromEntries(
        [...meter.lambda.entries()]
          .sort()
          .map(([name, c]) => [
            name,
            { invocations: c.invocations, seconds: round(c.ms / 1000, 1) },
          ]),
      ),
    },
  });
} finally {
  memory.stop();
  await bench.stop();
}
