// Proves the outbox's limits against DynamoDB Local: a failing notice is tried again only after
// its backoff and parked as `failed` with the reason after MAX_SEND_ATTEMPTS; a send refused for
// good fails at once; a throttled send costs no attempt; a notice to an address SES reported
// undeliverable is parked as failed without a send; a sent notice's body is removed after the
// retention period while the record of what was sent stays; and SES feedback marks an address
// once, audited in the organization of the election the mail belonged to.
import { beforeAll, describe, expect, it } from 'vitest';
import { marksOf, recordMailFeedback, type SesFeedback } from '../../../shared/notices/feedback.ts';
import { redactSentBodies } from '../../../shared/notices/notify.ts';
import { MAX_SEND_ATTEMPTS, retryDelayMs } from '../../../shared/rules/send-retry.ts';
import { putNewElection } from '../../../shared/store/elections.ts';
import { getUndeliverable, markUndeliverable } from '../../../shared/store/mailboxes.ts';
import { orgScope } from '../../../shared/store/organizations.ts';
import {
  flushOutbox,
  listNotices,
  type Notice,
  recordNotices,
} from '../../../shared/store/outbox.ts';
import { commit, readAudit } from '../../../shared/store/transact.ts';
import { electionRecord } from '../../support/builders.ts';
import { freshTable } from '../../support/fresh-table.ts';

beforeAll(() => freshTable(), 60_000);

const record = (electionId: string, to: string) =>
  recordNotices([
    {
      electionId,
      to,
      template: 'announcement',
      ref: electionId,
      subject: '公推直选公告',
      text: '正文',
      html: '<p>正文</p>',
    },
  ]);

const only = async (electionId: string): Promise<Notice> => {
  const [notice, ...rest] = await listNotices(electionId);
  expect(rest).toEqual([]);
  return notice as Notice;
};

const failing = (mailRetry?: string) => async () => {
  throw Object.assign(new Error('Service unavailable'), mailRetry ? { mailRetry } : {});
};

describe('the outbox caps attempts', () => {
  it('tries again only after the backoff, and parks the notice as failed after the last attempt', async () => {
    await record('el-cap', 'cap@example.cn');
    let clock = Date.now();
    const now = () => new Date(clock);
    for (let attempt = 1; attempt <= MAX_SEND_ATTEMPTS; attempt++) {
      expect(await flushOutbox('el-cap', failing(), { now })).toMatchObject({ failed: 1 });
      // At once again: nothing is tried, the notice waits out its backoff.
      expect(await flushOutbox('el-cap', failing(), { now })).toMatchObject({ failed: 0 });
      const notice = await only('el-cap');
      expect(notice.attempts).toBe(attempt);
      if (attempt < MAX_SEND_ATTEMPTS) {
        expect(notice.status).toBe('pending');
        expect(Date.parse(notice.notBefore ?? '')).toBe(clock + retryDelayMs(attempt));
        clock += retryDelayMs(attempt);
      }
    }
    const parked = await only('el-cap');
    expect(parked).toMatchObject({ status: 'failed', lastError: 'Error: Service unavailable' });
    expect(parked.failedAt).toBeDefined();
    // Out of the sweeper's list: never tried again.
    clock += 24 * 3600_000;
    expect(await flushOutbox(undefined, failing(), { now })).toMatchObject({ failed: 0 });
    expect((await only('el-cap')).attempts).toBe(MAX_SEND_ATTEMPTS);
  });

  it('backs off from 30 s, doubling, to at most 30 min (about 1.5 h for 8 attempts)', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map(retryDelayMs)).toEqual(
      [0.5, 1, 2, 4, 8, 16, 30, 30].map((minutes) => minutes * 60_000),
    );
  });

  it('fails a notice at once when the transport refuses it for good', async () => {
    await record('el-never', 'never@example.cn');
    expect(await flushOutbox('el-never', failing('never'))).toMatchObject({ failed: 1 });
    expect(await only('el-never')).toMatchObject({ status: 'failed', attempts: 1 });
  });

  it('does not count a throttled send as an attempt, and tries it a second later', async () => {
    await record('el-throttled', 'slow@example.cn');
    expect(await flushOutbox('el-throttled', failing('throttled'))).toMatchObject({ failed: 1 });
    const notice = await only('el-throttled');
    expect(notice).toMatchObject({ status: 'pending', attempts: 0 });
    expect(Date.parse(notice.notBefore ?? '') - Date.parse(notice.createdAt)).toBeLessThan(5_000);
  });
});

describe('undeliverable addresses', () => {
  const bounce = (address: string, electionId: string, feedbackId = 'fb-1'): SesFeedback => ({
    eventType: 'Bounce',
    mail: { messageId: `msg-${feedbackId}`, tags: { election: [electionId] } },
    bounce: {
      feedbackId,
      bounceType: 'Permanent',
      bounceSubType: 'General',
      bouncedRecipients: [
        { emailAddress: address, diagnosticCode: 'smtp; 550 5.1.1 user unknown' },
      ],
      timestamp: '2026-12-01T08:00:00.000Z',
    },
  });

  it('marks a permanent bounce, once, audited in the election’s organization', async () => {
    const election = electionRecord({ id: 'el-bounce', orgId: 'org-bounce', rollId: 'r1' });
    await commit([putNewElection(election)]);
    const feedback = bounce('Gone@Example.cn', election.id);
    expect(await recordMailFeedback(feedback)).toEqual({ marked: 1, repeated: 0 });
    expect(await recordMailFeedback(feedback)).toEqual({ marked: 0, repeated: 1 });
    expect(await getUndeliverable('gone@example.cn')).toMatchObject({
      address: 'gone@example.cn',
      kind: 'bounce',
      reason: 'Permanent/General: smtp; 550 5.1.1 user unknown',
      at: '2026-12-01T08:00:00.000Z',
      electionId: 'el-bounce',
    });
    const audit = await readAudit(orgScope('org-bounce'));
    expect(audit.map((e) => [e.actor, e.action])).toEqual([['ses-feedback', 'mail-undeliverable']]);
    expect(audit[0]?.data).toMatchObject({ address: 'gone@example.cn', kind: 'bounce' });
  });

  it('marks complaints, not transient bounces', () => {
    const transient = bounce('full@example.cn', 'el-x');
    (transient.bounce as { bounceType: string }).bounceType = 'Transient';
    expect(marksOf(transient)).toEqual([]);
    expect(
      marksOf({
        eventType: 'Complaint',
        mail: { messageId: 'm' },
        complaint: {
          feedbackId: 'c1',
          complainedRecipients: [{ emailAddress: 'angry@example.cn' }],
          complaintFeedbackType: 'abuse',
          timestamp: '2026-12-01T08:00:00.000Z',
        },
      }),
    ).toEqual([
      expect.objectContaining({
        address: 'angry@example.cn',
        kind: 'complaint',
        reason: 'complaint/abuse',
      }),
    ]);
  });

  it('parks a notice to an undeliverable address as failed, without sending it', async () => {
    await markUndeliverable({
      address: 'bounced@example.cn',
      kind: 'bounce',
      reason: 'Permanent/General',
      at: '2026-12-01T08:00:00.000Z',
      messageId: 'm1',
      feedbackId: 'f1',
    });
    await record('el-undeliverable', 'Bounced@example.cn');
    const sent: string[] = [];
    const report = await flushOutbox('el-undeliverable', async (n) => {
      sent.push(n.to);
      return 'msg';
    });
    // It was waiting when the sweep began (the oldest unsent); parked now, it waits no more.
    expect(report).toEqual({
      sent: 0,
      failed: 1,
      deferred: 0,
      oldestUnsentAt: expect.any(String),
    });
    expect(sent).toEqual([]);
    expect(await only('el-undeliverable')).toMatchObject({
      status: 'failed',
      lastError: 'undeliverable: bounce at 2026-12-01T08:00:00.000Z (Permanent/General)',
    });
  });
});

describe('notice bodies', () => {
  it('are removed 30 days after sending; what was sent stays', async () => {
    await record('el-redact', 'kept@example.cn');
    await flushOutbox('el-redact', async () => 'msg-kept');
    const sent = await only('el-redact');
    const sentAt = Date.parse(sent.sentAt ?? '');
    expect(await redactSentBodies({ now: () => new Date(sentAt + 29 * 86_400_000) })).toBe(0);
    expect((await only('el-redact')).text).toBe('正文');
    // Every notice of this file settled within the last hours: all are due now.
    expect(await redactSentBodies({ now: () => new Date(sentAt + 31 * 86_400_000) })).toBe(4);
    const redacted = await only('el-redact');
    expect(redacted).not.toHaveProperty('text');
    expect(redacted).not.toHaveProperty('html');
    const { text: _t, html: _h, ...kept } = sent;
    expect(redacted).toEqual({ ...kept, redactedAt: redacted.redactedAt });
    expect(await redactSentBodies({ now: () => new Date(sentAt + 31 * 86_400_000) })).toBe(0);
  });
});
