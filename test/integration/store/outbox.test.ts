// Proves the outbox's batches against DynamoDB Local: a roll's notices are recorded a hundred to
// an item and each costs one write of its own (its send record); a recording repeated with a
// changed roll adds only the new addresses; writers racing never put one address in two
// batches; and after a sender dies mid-batch, the next repeats only what had no send record.
import { beforeAll, describe, expect, it } from 'vitest';
import { documentClient } from '../../../shared/store/client.ts';
import {
  BATCH_SIZE,
  flushOutbox,
  listNotices,
  type NewNotice,
  type OutgoingNotice,
  recordNotices,
  sendBatches,
} from '../../../shared/store/outbox.ts';
import { freshTable } from '../../support/fresh-table.ts';

beforeAll(freshTable);

/** A roll's announcement: members `from` … `from + n − 1`, each body naming its member. */
const roll = (electionId: string, n: number, from = 0): NewNotice[] =>
  Array.from({ length: n }, (_, i) => ({
    electionId,
    template: 'announcement',
    ref: electionId,
    to: `m${from + i}@roll.example.cn`,
    subject: '换届选举公告',
    text: `尊敬的党员${from + i}:换届选举公告……`,
    html: `<p>尊敬的党员${from + i}:</p><p>换届选举公告……</p>`,
  }));

const SINGLE_WRITES = /^(Put|Update|Delete)(Item)?Command$/;

/** Counts the items the document client writes while `act` runs (a batch write's each). */
const writesDuring = async (act: () => Promise<unknown>): Promise<number> => {
  let writes = 0;
  const name = 'countWrites';
  documentClient().middlewareStack.add(
    (next, context) => (args) => {
      const command = String(context.commandName);
      const input = args.input as { RequestItems?: Record<string, unknown[]> };
      if (SINGLE_WRITES.test(command)) writes++;
      else if (command.startsWith('BatchWrite')) {
        writes += Object.values(input.RequestItems ?? {}).reduce((a, list) => a + list.length, 0);
      }
      return next(args);
    },
    { step: 'initialize', name },
  );
  try {
    await act();
  } finally {
    documentClient().middlewareStack.remove(name);
  }
  return writes;
};

const sendsTo = (sent: string[]) => async (notice: OutgoingNotice) => {
  sent.push(notice.to);
  return `msg-${notice.to}`;
};

describe('notice batches', () => {
  it('record a roll of 250 in three items; each notice then costs one write, its send record', async () => {
    const claimId = 'sender-250';
    const sent: string[] = [];
    let batchSizes: number[] = [];
    const writes = await writesDuring(async () => {
      const { recorded, batches } = await recordNotices(roll('el-250', 250), { claimId });
      expect(recorded).toBe(250);
      batchSizes = batches.map((b) => b.to.length);
      expect(await sendBatches(batches, sendsTo(sent), { claimId })).toEqual({
        sent: 250,
        failed: 0,
        deferred: 0,
      });
    });
    expect(batchSizes).toEqual([BATCH_SIZE, BATCH_SIZE, 50]);
    // Three batches recorded (already claimed), 250 send records, three batches settled.
    expect(writes).toBe(3 + 250 + 3);
    expect(new Set(sent).size).toBe(250);
    const notices = await listNotices('el-250');
    expect(notices).toHaveLength(250);
    expect(notices.every((n) => n.status === 'sent' && n.messageId === `msg-${n.to}`)).toBe(true);
    // Each address keeps its own body.
    const seventh = notices.find((n) => n.to === 'm7@roll.example.cn');
    expect(seventh?.text).toBe('尊敬的党员7:换届选举公告……');
  });

  it('recorded again with one member more, add only that one, in a batch of its own', async () => {
    await recordNotices(roll('el-grown', 3));
    const again = await recordNotices(roll('el-grown', 4));
    expect(again.recorded).toBe(1);
    expect(again.batches.map((b) => b.to)).toEqual([
      ['m0@roll.example.cn', 'm1@roll.example.cn', 'm2@roll.example.cn'],
      ['m3@roll.example.cn'],
    ]);
    expect(await listNotices('el-grown')).toHaveLength(4);
  });

  it('recorded by writers racing with overlapping rolls, put no address in two batches', async () => {
    for (let race = 0; race < 5; race++) {
      const electionId = `el-race-${race}`;
      const results = await Promise.all([
        recordNotices(roll(electionId, 150)),
        recordNotices(roll(electionId, 150, 100)),
        recordNotices(roll(electionId, 30, 60)),
      ]);
      expect(results.reduce((a, r) => a + r.recorded, 0)).toBe(250);
      const addresses = (await listNotices(electionId)).map((n) => n.to);
      expect(addresses).toHaveLength(250);
      expect(new Set(addresses).size).toBe(250);
    }
  });

  it('after a sender dies mid-batch, are taken over once its lease ran out, repeating only the send in flight', async () => {
    const claimId = 'sender-that-dies';
    const { batches } = await recordNotices(roll('el-crash', 10), { claimId });
    const sentBeforeDying: string[] = [];
    // Three sends go through; the fourth never answers (the process is gone).
    void sendBatches(
      batches,
      async (notice) => {
        if (sentBeforeDying.length === 3) return new Promise<string>(() => {});
        sentBeforeDying.push(notice.to);
        return `msg-${notice.to}`;
      },
      { claimId, concurrency: 1 },
    );
    await expect
      .poll(async () => (await listNotices('el-crash')).filter((n) => n.status === 'sent').length)
      .toBe(3);
    const sent: string[] = [];
    // Under the live lease, nobody else sends.
    expect(await flushOutbox('el-crash', sendsTo(sent))).toMatchObject({ sent: 0 });
    const afterLease = () => new Date(Date.now() + 61_000);
    expect(await flushOutbox('el-crash', sendsTo(sent), { now: afterLease })).toMatchObject({
      sent: 7,
    });
    expect([...sentBeforeDying, ...sent].sort()).toEqual(
      roll('el-crash', 10)
        .map((n) => n.to)
        .sort(),
    );
    expect((await listNotices('el-crash')).every((n) => n.status === 'sent')).toBe(true);
    // Settled: the sweeper finds nothing more to send.
    expect(await flushOutbox('el-crash', sendsTo(sent), { now: afterLease })).toEqual({
      sent: 0,
      failed: 0,
      deferred: 0,
    });
  });
});
