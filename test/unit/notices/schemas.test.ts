// Proves each template's data schema refuses wrong data with a NoticeDataError naming the
// template and the field — a programming error, thrown before anything could be recorded.
import { describe, expect, it } from 'vitest';
import {
  NoticeDataError,
  parseTemplateData,
  renderNotice,
  TEMPLATE_NAMES,
  type TemplateName,
} from '../../../shared/notices/index.ts';
import { CONTEXT, SAMPLES } from './fixtures.ts';

/** The paths of the issues `parseTemplateData` throws for this data; fails if it accepts it. */
const refusal = (name: string, data: unknown): string[] => {
  try {
    parseTemplateData(name as TemplateName, data as never);
  } catch (error) {
    expect(error).toBeInstanceOf(NoticeDataError);
    const dataError = error as NoticeDataError;
    expect(dataError.template).toBe(name);
    expect(dataError.message).toContain(`notice template "${name}" was given wrong data`);
    return dataError.issues.map((issue) => issue.path.join('.'));
  }
  throw new Error(`template ${name} accepted the data`);
};

const sample = <T extends TemplateName>(name: T) =>
  structuredClone(SAMPLES[name]) as Record<string, unknown>;

describe.each(TEMPLATE_NAMES)('template %s', (name) => {
  it('accepts its sample data', () => {
    expect(() => parseTemplateData(name, SAMPLES[name] as never)).not.toThrow();
  });

  it('refuses data without the organization', () => {
    const { organization: _, ...data } = sample(name);
    expect(refusal(name, data)).toContain('organization');
  });

  it('refuses a field it does not know (a misspelt one would be silently lost)', () => {
    expect(refusal(name, { ...sample(name), extra: 1 })).toEqual(['']);
  });

  it('refuses data that is not an object', () => {
    expect(refusal(name, 'announcement')).toEqual(['']);
  });
});

describe('template-specific rules', () => {
  it('an unknown template is refused', () => {
    expect(refusal('no-such-template', {})).toEqual(['template']);
  });

  it('a time must be an ISO-8601 instant with a zone', () => {
    expect(refusal('halted', { ...sample('halted'), haltedAt: '2026-03-28 09:00' })).toEqual([
      'haltedAt',
    ]);
  });

  it('an office must be one of secretary, deputy, member', () => {
    expect(
      refusal('nomination-received', { ...sample('nomination-received'), office: '主任' }),
    ).toEqual(['office']);
  });

  it('a rejected nominee must be told why: failures or a reason', () => {
    const data = sample('eligibility-result');
    data.failures = [];
    delete data.reason;
    expect(refusal('eligibility-result', data)).toEqual(['reason']);
  });

  it('only an accepted nominee can have waived conditions', () => {
    expect(
      refusal('eligibility-result', { ...sample('eligibility-result'), waived: ['age'] }),
    ).toEqual(['waived']);
  });

  it('a round result must name every member id its tally mentions', () => {
    const data = sample('round-result');
    data.names = { m1: '赵敏', m2: '孙丽' };
    expect(refusal('round-result', data)).toEqual(['names.m9']);
  });

  it('a round result carries a valid tally', () => {
    const data = sample('round-result');
    data.tally = { ...(data.tally as object), status: 'done' };
    expect(refusal('round-result', data)).toEqual(['tally.status']);
  });

  it('a notice period ends after it begins', () => {
    const data = { ...sample('notice-published'), until: '2026-03-27T01:00:00.000Z' };
    expect(refusal('notice-published', data)).toEqual(['until']);
  });

  it('a notice publishes at least one candidate', () => {
    expect(refusal('notice-published', { ...sample('notice-published'), candidates: [] })).toEqual([
      'candidates',
    ]);
  });

  it('the superior cannot be asked to select more than the candidates listed', () => {
    expect(refusal('approval-request', { ...sample('approval-request'), select: 4 })).toEqual([
      'select',
    ]);
  });

  it('an approval request needs its approval id and expiry', () => {
    const data = sample('approval-request');
    delete data.approvalId;
    delete data.expiresAt;
    expect(refusal('approval-request', data).sort()).toEqual(['approvalId', 'expiresAt']);
  });

  it('a reminder to organizers lists at least one open item of a known kind', () => {
    expect(refusal('organizer-reminder', { ...sample('organizer-reminder'), open: [] })).toEqual([
      'open',
    ]);
    expect(
      refusal('organizer-reminder', {
        ...sample('organizer-reminder'),
        open: [{ task: 'coffee', items: ['x'] }],
      }),
    ).toEqual(['open.0.task']);
  });

  it('a final result names at least one person elected', () => {
    expect(
      refusal('final-result', {
        organization: '新光社区党支部',
        approvedAt: '2026-04-20T02:00:00.000Z',
      }),
    ).toEqual(['secretary']);
  });

  it('an assembly votes on something, somewhere', () => {
    const data = { ...sample('assembly-invitation'), votes: [], place: '  ' };
    expect(refusal('assembly-invitation', data).sort()).toEqual(['place', 'votes']);
  });

  it('a recall names its signatories and a known outcome', () => {
    expect(refusal('recall-filed', { ...sample('recall-filed'), signatories: [] })).toEqual([
      'signatories',
    ]);
    expect(refusal('recall-outcome', { ...sample('recall-outcome'), outcome: 'maybe' })).toEqual([
      'outcome',
    ]);
  });

  it('renderNotice validates too', () => {
    expect(() =>
      renderNotice('halted', { organization: '新光社区党支部' } as never, CONTEXT),
    ).toThrow(NoticeDataError);
  });
});
