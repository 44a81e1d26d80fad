// Proves who may enter each kind of nomination (SPEC §9): the nominee for a self-nomination,
// a supporter for a joint one, organizers for an organization one — and organizers for any.
import { describe, expect, it } from 'vitest';
import { nominationRefusal } from '../../../../shared/election/candidates/nominations.ts';

const member = (sub: string) => ({ sub, roles: ['member' as const] });
const organizer = { sub: 'o1', roles: ['organizer' as const] };

describe('nominationRefusal', () => {
  it('a self-nomination is entered by the nominee themself', () => {
    expect(nominationRefusal(member('m1'), { kind: 'self', nomineeId: 'm1' })).toBeNull();
    expect(nominationRefusal(member('m2'), { kind: 'self', nomineeId: 'm1' })).toMatch(/nominee/);
  });

  it('a joint nomination is entered by one of its supporters', () => {
    const joint = { kind: 'joint' as const, nomineeId: 'm1', supporterIds: ['m2', 'm3'] };
    expect(nominationRefusal(member('m3'), joint)).toBeNull();
    expect(nominationRefusal(member('m1'), joint)).toMatch(/supporters/);
    expect(nominationRefusal(member('m4'), { ...joint, supporterIds: undefined })).not.toBeNull();
  });

  it('an organization nomination is entered by organizers only', () => {
    expect(nominationRefusal(member('m1'), { kind: 'organization', nomineeId: 'm1' })).toMatch(
      /organizers only/,
    );
    expect(nominationRefusal(organizer, { kind: 'organization', nomineeId: 'm1' })).toBeNull();
  });

  it('organizers enter every kind (the paper forms), members nothing without the member role', () => {
    for (const kind of ['self', 'joint', 'organization'] as const) {
      expect(nominationRefusal(organizer, { kind, nomineeId: 'm1' })).toBeNull();
      expect(
        nominationRefusal({ sub: 'm1', roles: ['teller'] }, { kind, nomineeId: 'm1' }),
      ).not.toBeNull();
    }
  });
});
