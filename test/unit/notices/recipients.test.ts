// Proves the recipient lists: a roll's members (those without e-mail kept, for withoutEmail),
// picked members in order, and each address of the superior as its own recipient.
import { describe, expect, it } from 'vitest';
import {
  pickRecipients,
  rollRecipients,
  superiorRecipients,
} from '../../../shared/notices/index.ts';
import type { Member } from '../../../shared/rules/index.ts';
import { member as entitled } from '../../support/builders.ts';

const member = (id: string, email?: string): Member => entitled(id, email ? { email } : {});

const roll = [member('m1', 'm1@example.org'), member('m2'), member('m3', 'm3@example.org')];

describe('rollRecipients', () => {
  it('lists every member with id, name and e-mail; a member without e-mail has none', () => {
    expect(rollRecipients(roll)).toEqual([
      { id: 'm1', name: '党员m1', email: 'm1@example.org' },
      { id: 'm2', name: '党员m2' },
      { id: 'm3', name: '党员m3', email: 'm3@example.org' },
    ]);
  });

  it('keeps only the members the filter includes', () => {
    expect(rollRecipients(roll, (m) => m.id !== 'm1').map((r) => r.id)).toEqual(['m2', 'm3']);
  });
});

describe('pickRecipients', () => {
  it('answers the members with the given ids, in the order given', () => {
    expect(pickRecipients(roll, ['m3', 'm1']).map((r) => r.id)).toEqual(['m3', 'm1']);
  });

  it('refuses an id that is not on the roll', () => {
    expect(() => pickRecipients(roll, ['m1', 'ghost'])).toThrow(/ghost is not on the roll/);
  });
});

describe('superiorRecipients', () => {
  it('makes each address of the superior a recipient of its own', () => {
    expect(
      superiorRecipients({ name: '新光街道党工委', emails: ['a@gov.example', 'b@gov.example'] }),
    ).toEqual([
      { id: 'superior:a@gov.example', name: '新光街道党工委', email: 'a@gov.example' },
      { id: 'superior:b@gov.example', name: '新光街道党工委', email: 'b@gov.example' },
    ]);
  });

  it('answers one recipient without e-mail when the superior has no address, so it is reported', () => {
    expect(superiorRecipients({ name: '新光街道党工委', emails: [] })).toEqual([
      { id: 'superior', name: '新光街道党工委' },
    ]);
  });
});
