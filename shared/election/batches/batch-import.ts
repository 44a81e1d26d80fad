import { randomUUID } from 'node:crypto';
import { notFound, unprocessable } from '../../errors.ts';
import { logger } from '../../log.ts';
import type { Principal } from '../../principal.ts';
import {
  claimImport,
  getBatch,
  ImportLeaseLost,
  importingBatches,
  listBatchMembers,
  putBatchMembers,
  putNewBatch,
  saveImport,
} from '../../store/batches.ts';
import { importOrganization } from '../../store/organizations.ts';
import type {
  BatchFileProblem,
  BatchImport,
  BatchRecord,
  ElectionRecord,
  OrganizationRecord,
} from '../../store/records.ts';
import { ConditionFailed, commit } from '../../store/transact.ts';
import { deleteUpload, readUpload, uploadSize } from '../../uploads/bucket.ts';
import { planElection } from '../elections/create.ts';
import type { ElectionPlan } from '../elections/schemas.ts';
import { createFirstElections, START_BUDGET_MS } from './batch.ts';
import type { OrgBlock } from './batch-file.ts';
import { type FilePosition, readBatchFile } from './batch-file-stream.ts';
import { BATCH_ORGS_LISTED, MAX_BATCH_ORGS } from './schemas.ts';

/**
 * A batch from one uploaded file (issue 17): a province's organizations and their rolls. The
 * file is read twice. First whole, writing nothing: a file with any problem is refused with
 * them (the first MAX_KEPT_PROBLEMS, and how many in all), and nothing is stored. Then its
 * organizations are written in file order — each organization with its roll, and the batch's
 * member naming the election planned for it — from a cursor kept on the batch, so an importer
 * killed half-way resumes at the organization it was writing and a repeat writes the same.
 * The request that made the batch imports for its time budget; the workflow sweeper carries on
 * (one importer at a time: a lease), then creates the elections as for any batch.
 */

export const MAX_KEPT_PROBLEMS = 200;
/** What a batch file is: CSV (a province's rows are more than a worksheet holds). */
export const BATCH_FILE_TYPE = 'text/csv';
const WRITE_CONCURRENCY = 8;
/** How long a claim outlives the time its importer may start work (a killed one's runs out). */
const LEASE_MARGIN_MS = 30_000;
/** Progress is saved at least this often (and at the end): a resumed import repeats little. */
const SAVE_EVERY_MS = 2_000;
/**
 * The request writes a file's organizations only when none has more members than this: its time
 * budget is checked between organizations, and one of 40 000 would outlast the function. A
 * larger one is the sweeper's (one organization writes in seconds within its minute).
 */
const REQUEST_ORG_MAX_MEMBERS = 2_000;
/** A lease given back: the next sweep need not wait for it to run out. */
const RELEASED = new Date(0).toISOString();

/** The key of an upload in the uploads bucket: under its uploader, so only they can use it. */
export const uploadKey = (sub: string, uploadId: string) =>
  `batch-files/${encodeURIComponent(sub)}/${uploadId}.csv`;

const covers = (orgs: readonly string[], orgId: string) =>
  orgs.includes('*') || orgs.includes(orgId);

interface Checked {
  /** False when the time ran out first: nothing is known. */
  complete: boolean;
  header?: string[];
  /** Where the data rows start: the first organization's first byte. */
  dataStart?: FilePosition;
  organizations: number;
  members: number;
  /** The most members one organization has. */
  largest: number;
  problems: BatchFileProblem[];
  problemCount: number;
}

/**
 * Reads the whole file and writes nothing: its problems, or its totals. `orgs` are the
 * organizations the batch's creator may act on ('*': all): another organization is a problem.
 */
export const checkBatchFile = async (
  key: string,
  orgs: readonly string[],
  until: Date,
): Promise<Checked> => {
  const checked: Checked = {
    complete: false,
    organizations: 0,
    members: 0,
    largest: 0,
    problems: [],
    problemCount: 0,
  };
  const add = (problems: readonly BatchFileProblem[]) => {
    checked.problemCount += problems.length;
    checked.problems.push(...problems.slice(0, MAX_KEPT_PROBLEMS - checked.problems.length));
  };
  const input = await readUpload(key);
  try {
    for await (const read of readBatchFile(input)) {
      if (Date.now() > until.getTime()) return checked;
      if (read.kind === 'header') {
        checked.header = read.cells;
        checked.dataStart = read.end;
        add(read.problems);
        continue;
      }
      add(read.problems);
      checked.organizations += 1;
      if (checked.organizations === MAX_BATCH_ORGS + 1) {
        add([
          {
            row: read.start.row + 1,
            column: '组织编号',
            message: `一个批次最多 ${MAX_BATCH_ORGS} 个组织:请将文件拆分为几个批次`,
          },
        ]);
      }
      const block = read.block;
      if (!block) continue;
      checked.members += block.members.length;
      checked.largest = Math.max(checked.largest, block.members.length);
      if (!covers(orgs, block.organization.id)) {
        add([
          {
            row: block.firstRow,
            column: '组织编号',
            message: `无权管理组织 ${block.organization.id}(登录令牌不含该组织)`,
          },
        ]);
      }
    }
  } finally {
    input.destroy();
  }
  if (!checked.header) {
    add([{ row: 1, column: '', message: '文件是空的:第一行应为列名(组织编号、姓名……)' }]);
  } else if (checked.organizations === 0 && checked.problemCount === 0) {
    add([{ row: 2, column: '', message: '文件中没有党员数据行' }]);
  }
  return { ...checked, complete: true };
};

type Importing = BatchRecord & { import: BatchImport };

/**
 * Writes the organizations from the cursor on until `until`, WRITE_CONCURRENCY at a time; the
 * cursor moves over a contiguous run of written ones only, saved every SAVE_EVERY_MS. Answers
 * the batch as saved; `done` when the file's end was reached.
 */
const writeOrganizations = async (
  batch: Importing,
  claimId: string,
  until: Date,
): Promise<Importing> => {
  const state = batch.import;
  const header = state.header;
  if (!header) throw new Error(`batch ${batch.id}: writing an import that was never checked`);
  const from = state.cursor;
  if (!from) throw new Error(`batch ${batch.id}: writing an import without its cursor`);
  const input = await readUpload(state.key, from.byte);
  // Written, by seq, with where the organization after each starts.
  const done = new Map<number, FilePosition>();
  const inFlight = new Set<Promise<void>>();
  let current: Importing = batch;
  let savedAt = Date.now();
  let failed: unknown;
  const save = async (end = false, release = false) => {
    let written = current.import.written;
    let cursor = current.import.cursor ?? from;
    while (done.has(written)) {
      cursor = done.get(written) as FilePosition;
      done.delete(written);
      written += 1;
    }
    const finished = end && written === current.size;
    const next: Importing = {
      ...current,
      ...(finished && current.size <= BATCH_ORGS_LISTED
        ? { orgIds: (await listBatchMembers(batch.id)).map((m) => m.orgId) }
        : {}),
      import: {
        ...current.import,
        written,
        cursor,
        ...(finished ? { status: 'done' as const } : {}),
        ...(release ? { leaseUntil: RELEASED } : {}),
      },
    };
    await saveImport(
      next,
      claimId,
      finished
        ? {
            scope: `BATCH#${batch.id}`,
            actor: batch.createdBy,
            action: 'batch-file-imported',
            data: { organizations: written, members: state.members ?? null },
          }
        : undefined,
    );
    current = next;
    savedAt = Date.now();
  };
  const write = async (seq: number, block: OrgBlock, next: FilePosition) => {
    const { rollId } = await importOrganization(block.organization, block.members, {
      batchId: batch.id,
      actor: batch.createdBy,
    });
    await putBatchMembers([
      {
        batchId: batch.id,
        seq,
        // Planned now; the election is written with it once the whole file is in.
        electionId: randomUUID(),
        orgId: block.organization.id,
        rollId,
        rollSize: block.members.length,
      },
    ]);
    done.set(seq, next);
  };
  let seq = state.written;
  let reachedEnd = true;
  let pending: { block: OrgBlock; seq: number } | undefined;
  try {
    for await (const read of readBatchFile(input, { from, header })) {
      if (read.kind !== 'organization') continue;
      // An organization is written once the next one starts: then its end is known.
      if (pending) {
        const { block, seq: at } = pending;
        const work = write(at, block, read.start).catch((error) => {
          failed ??= error;
        });
        const tracked = work.finally(() => inFlight.delete(tracked));
        inFlight.add(tracked);
        pending = undefined;
      }
      if (!read.block) throw new Error(`batch ${batch.id}: a checked file has a problem now`);
      while (inFlight.size >= WRITE_CONCURRENCY) await Promise.race(inFlight);
      if (failed) throw failed;
      if (Date.now() > until.getTime()) {
        reachedEnd = false;
        break;
      }
      pending = { block: read.block, seq };
      seq += 1;
      if (Date.now() - savedAt > SAVE_EVERY_MS) await save();
    }
    if (pending && reachedEnd) {
      // The last organization: it ends where the file does.
      await write(pending.seq, pending.block, { byte: state.bytes, row: pending.block.lastRow });
    }
  } finally {
    input.destroy();
    await Promise.all(inFlight);
  }
  if (failed) throw failed;
  await save(reachedEnd, true);
  return current;
};

/**
 * Carries an import forward until `until`: checks the file (refusing it with its problems, or
 * moving on to writing), then writes. Answers the batch as it now is, or undefined when another
 * importer holds it.
 */
export const runImport = async (
  batchId: string,
  { until, claimId = randomUUID() }: { until: Date; claimId?: string },
): Promise<Importing | undefined> => {
  const claimed = (await claimImport(batchId, {
    claimId,
    until: new Date(until.getTime() + LEASE_MARGIN_MS),
    now: new Date(),
  })) as Importing | undefined;
  if (!claimed) return undefined;
  let batch = claimed;
  if (batch.import.status === 'checking') {
    const checked = await checkBatchFile(batch.import.key, batch.import.orgs, until);
    if (!checked.complete) return batch;
    const refused = checked.problemCount > 0;
    batch = {
      ...batch,
      size: refused ? 0 : checked.organizations,
      import: {
        ...batch.import,
        status: refused ? 'refused' : 'writing',
        organizations: checked.organizations,
        members: checked.members,
        ...(checked.header ? { header: checked.header } : {}),
        ...(checked.dataStart ? { cursor: checked.dataStart } : {}),
        ...(refused ? { problems: checked.problems, problemCount: checked.problemCount } : {}),
      },
    };
    await saveImport(batch, claimId, {
      scope: `BATCH#${batch.id}`,
      actor: batch.createdBy,
      action: refused ? 'batch-file-refused' : 'batch-file-checked',
      data: refused
        ? { problemCount: checked.problemCount, first: checked.problems.slice(0, 10) }
        : { organizations: checked.organizations, members: checked.members },
    });
    if (refused) {
      await forgetFile(batch);
      return batch;
    }
  }
  if (batch.import.status === 'writing') {
    batch = await writeOrganizations(batch, claimId, until);
    if (batch.import.status === 'done') await forgetFile(batch);
  }
  return batch;
};

/**
 * Once a file is in or refused, it is deleted (it holds members' personal data); should that
 * fail, the bucket's lifecycle rule deletes it within days.
 */
const forgetFile = async (batch: Importing) => {
  try {
    await deleteUpload(batch.import.key);
  } catch (error) {
    logger.warn('batch file not deleted; the bucket expires it', { batchId: batch.id, error });
  }
};

/**
 * The workflow sweeper's part for uploaded batches: carries every import not done forward,
 * oldest first, until `until`. Answers how many it finished.
 */
export const importBatchFiles = async ({
  until,
}: {
  until: Date;
}): Promise<{ imported: number }> => {
  let imported = 0;
  for (const batch of await importingBatches()) {
    if (Date.now() > until.getTime()) break;
    try {
      const now = await runImport(batch.id, { until });
      if (now?.import.status === 'done' || now?.import.status === 'refused') imported += 1;
    } catch (error) {
      if (error instanceof ImportLeaseLost) continue;
      logger.error('batch import failed; the next sweep resumes it', { batchId: batch.id, error });
    }
  }
  return { imported };
};

/** What a batch made from a file answers: done within the request, or still importing. */
export interface FileBatchMade {
  batch: BatchRecord & { import: BatchImport };
  /** The elections planned, once the whole file is in. */
  electionIds?: string[];
  /** Elections this request created, as each now is (`halted` if its workflow could not start). */
  elections: ElectionRecord[];
  /** Planned elections this request left to the workflow sweeper to create and start. */
  startsDeferred?: string[];
}

/**
 * `POST /v1/batches` with an upload: the plan checked, the file checked — a file with problems
 * answers 422 naming them (row, column, rule) and nothing is stored — then imported and the
 * first elections created, all within `budgetMs`; what is left the workflow sweeper carries on
 * (a province's file takes minutes). A file too large to check within the budget is checked by
 * the sweeper too: its problems are then on the batch (GET /v1/batches/{id}).
 */
export const createBatchFromFile = async (
  input: ElectionPlan & { uploadId: string },
  principal: Principal,
  { now = new Date(), budgetMs = START_BUDGET_MS }: { now?: Date; budgetMs?: number } = {},
): Promise<FileBatchMade> => {
  const until = new Date(Date.now() + budgetMs);
  // One batch per upload, named after it: a request repeated because its answer was lost
  // answers the batch it made (whose file may be gone by then).
  const batchId = input.uploadId;
  const made = await getBatch(batchId);
  if (made?.import && made.createdBy === principal.sub) return madeBefore(made as Importing);
  const key = uploadKey(principal.sub, input.uploadId);
  const bytes = await uploadSize(key);
  if (bytes === undefined) {
    throw notFound(`upload ${input.uploadId} (post the file to the upload's url first)`);
  }
  const { uploadId: _uploadId, ...plan } = input;
  // The plan's own rules (seats, preset), checked before the file is read.
  const planned = planElection(
    { ...plan, orgId: 'batch-file', batchId },
    { id: 'batch-file', rollId: 'batch-file' } as OrganizationRecord,
    principal.sub,
    { now },
  );
  const checked = await checkBatchFile(key, principal.orgs, until);
  if (checked.complete && checked.problemCount > 0) {
    throw unprocessable(
      'invalid-batch-file',
      `批量选举文件有 ${checked.problemCount} 处问题,未导入任何数据${
        checked.problemCount > checked.problems.length
          ? `(列出前 ${checked.problems.length} 处)`
          : ''
      }`,
      checked.problems,
    );
  }
  const claimId = randomUUID();
  const writes = checked.complete && checked.largest <= REQUEST_ORG_MAX_MEMBERS;
  const batch: Importing = {
    id: batchId,
    preset: input.preset,
    seats: input.seats,
    startsAt: planned.startsAt,
    dayLengthMs: planned.dayLengthMs,
    ...(input.rules ? { rules: input.rules } : {}),
    size: checked.complete ? checked.organizations : 0,
    created: 0,
    orgIds: null,
    createdAt: now.toISOString(),
    createdBy: principal.sub,
    import: {
      key,
      bytes,
      orgs: [...principal.orgs],
      status: checked.complete ? 'writing' : 'checking',
      written: 0,
      ...(checked.complete
        ? {
            header: checked.header,
            cursor: checked.dataStart,
            organizations: checked.organizations,
            members: checked.members,
          }
        : {}),
      // Held while this request writes; a file it leaves is the sweeper's at once.
      leaseUntil: writes ? new Date(until.getTime() + LEASE_MARGIN_MS).toISOString() : RELEASED,
      claimId,
    },
  };
  try {
    await commitNewBatch(batch, checked);
  } catch (error) {
    if (!(error instanceof ConditionFailed)) throw error;
    // The same request, racing: its batch answers.
    const raced = await getBatch(batchId);
    if (raced?.import && raced.createdBy === principal.sub) return madeBefore(raced as Importing);
    throw error;
  }
  if (!writes) return { batch, elections: [] };
  const imported = await writeOrganizations(batch, claimId, until);
  if (imported.import.status !== 'done') return { batch: imported, elections: [] };
  await forgetFile(imported);
  const { elections } = await createFirstElections(imported, until);
  const electionIds = (await listBatchMembers(batchId)).map((m) => m.electionId);
  const created = new Set(elections.map((e) => e.id));
  const startsDeferred = electionIds.filter((id) => !created.has(id));
  return { batch: imported, electionIds, elections, startsDeferred };
};

/** A batch an earlier request made: its elections once its file is in. */
const madeBefore = async (batch: Importing): Promise<FileBatchMade> => ({
  batch,
  ...(batch.import.status === 'done'
    ? { electionIds: (await listBatchMembers(batch.id)).map((m) => m.electionId) }
    : {}),
  elections: [],
});

const commitNewBatch = (batch: Importing, checked: Checked) =>
  commit([putNewBatch(batch)], {
    scope: `BATCH#${batch.id}`,
    actor: batch.createdBy,
    action: 'batch-created',
    data: {
      preset: batch.preset,
      seats: batch.seats,
      file: {
        bytes: batch.import.bytes,
        organizations: checked.organizations,
        members: checked.members,
      },
    },
  });
