// Proves the organizations routes of SPEC §8: create once (409 after), roll replaced whole with
// its count, zod paths on 400, 404/403 in that order, and that every refusal writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAudit } from '../../../shared/store/transact.ts';
import { startTestApi, type TestApi } from '../../support/api.ts';
import { freshTable } from '../../support/fresh-table.ts';
import {
  detailPaths,
  type ErrorBody,
  organizationBody,
  organizer,
  roll,
  tableItems,
} from './core-fixtures.ts';

let api: TestApi;
let token: string;

beforeAll(async () => {
  await freshTable();
  api = await startTestApi();
  token = await organizer();
}, 60_000);
afterAll(() => api?.stop());

describe('POST /v1/organizations', () => {
  it('creates the organization (201), without a roll yet, and audits it in its own chain', async () => {
    const created = await api.call('POST', '/v1/organizations', {
      token,
      body: organizationBody('org-new'),
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: 'org-new',
      name: 'org-new 社区党支部',
      level: 'branch',
      superior: { name: '街道党工委', emails: ['superior@example.org'] },
      rollId: null,
    });
    const read = await api.call('GET', '/v1/organizations/org-new', { token });
    expect(read.body).toMatchObject({ id: 'org-new', rollVersion: 0 });
    const audit = await readAudit('ORG#org-new');
    expect(audit.map((e) => [e.action, e.actor])).toEqual([
      ['organization-created', 'organizer-1'],
    ]);
  });

  it('refuses an id that exists with 409 and keeps the first organization as it was', async () => {
    await api.call('POST', '/v1/organizations', { token, body: organizationBody('org-dup') });
    const again = await api.call('POST', '/v1/organizations', {
      token,
      body: { ...organizationBody('org-dup'), name: '另一个名字' },
    });
    expect(again.status).toBe(409);
    expect((again.body as ErrorBody).error.code).toBe('duplicate');
    const read = await api.call('GET', '/v1/organizations/org-dup', { token });
    expect((read.body as { name: string }).name).toBe('org-dup 社区党支部');
    expect(await readAudit('ORG#org-dup')).toHaveLength(1);
  });

  it('answers 400 naming each bad field (level, superior e-mails, unknown fields, # in the id)', async () => {
    const before = (await tableItems()).length;
    const bad = await api.call('POST', '/v1/organizations', {
      token,
      body: {
        id: 'a#b',
        name: 'x',
        level: 'district',
        superior: { name: '街道', emails: ['not-an-address'] },
        extra: true,
      },
    });
    expect(bad.status).toBe(400);
    expect(detailPaths(bad.body)).toEqual(
      expect.arrayContaining([
        ['body', 'id'],
        ['body', 'level'],
        ['body', 'superior', 'emails', 0],
        ['body'],
      ]),
    );
    expect((await tableItems()).length).toBe(before);
  });

  it('requires at least one superior address', async () => {
    const bad = await api.call('POST', '/v1/organizations', {
      token,
      body: { ...organizationBody('org-x'), superior: { name: '街道', emails: [] } },
    });
    expect(bad.status).toBe(400);
    expect(detailPaths(bad.body)).toEqual([['body', 'superior', 'emails']]);
  });

  it('refuses (403) a token whose orgs do not cover the new id, and creates nothing', async () => {
    const scoped = await organizer(['org-other']);
    const refused = await api.call('POST', '/v1/organizations', {
      token: scoped,
      body: organizationBody('org-out-of-scope'),
    });
    expect(refused.status).toBe(403);
    expect((await api.call('GET', '/v1/organizations/org-out-of-scope', { token })).status).toBe(
      404,
    );
  });
});

describe('PUT /v1/organizations/{orgId}/roll', () => {
  beforeAll(async () => {
    await api.call('POST', '/v1/organizations', { token, body: organizationBody('org-roll') });
  });

  it('replaces the roll and answers its count', async () => {
    const put = await api.call('PUT', '/v1/organizations/org-roll/roll', {
      token,
      body: { members: roll(7) },
    });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ count: 7 });
    const read = await api.call('GET', '/v1/organizations/org-roll/roll', { token });
    expect((read.body as { members: unknown[] }).members).toHaveLength(7);
  });

  it('第一篇: a member may carry orgRelationTransferable (relation elsewhere, can be moved here); a non-boolean is 400', async () => {
    const [local, elsewhere] = roll(2, 't');
    if (!local || !elsewhere) throw new Error('roll(2) gives two members');
    const members = [
      local,
      { ...elsewhere, orgRelationLocal: false, orgRelationTransferable: true },
    ];
    const put = await api.call('PUT', '/v1/organizations/org-roll/roll', {
      token,
      body: { members },
    });
    expect(put.status).toBe(200);
    const read = await api.call('GET', '/v1/organizations/org-roll/roll', { token });
    expect((read.body as { members: unknown[] }).members).toContainEqual(
      expect.objectContaining({ id: elsewhere.id, orgRelationTransferable: true }),
    );
    const bad = await api.call('PUT', '/v1/organizations/org-roll/roll', {
      token,
      body: { members: [{ ...elsewhere, orgRelationTransferable: 'yes' }] },
    });
    expect(bad.status).toBe(400);
    expect(detailPaths(bad.body)).toContainEqual(['body', 'members', 0, 'orgRelationTransferable']);
  });

  it('replaces the whole roll: members left out of the new one are gone', async () => {
    await api.call('PUT', '/v1/organizations/org-roll/roll', { token, body: { members: roll(7) } });
    const smaller = await api.call('PUT', '/v1/organizations/org-roll/roll', {
      token,
      body: { members: roll(3, 'n') },
    });
    expect(smaller.body).toEqual({ count: 3 });
    const read = await api.call('GET', '/v1/organizations/org-roll/roll', { token });
    const ids = (read.body as { members: { id: string }[] }).members.map((m) => m.id).sort();
    expect(ids).toEqual(['n01', 'n02', 'n03']);
  });

  it('refuses duplicate member ids with 400 at the repeated entry, and keeps the old roll', async () => {
    await api.call('PUT', '/v1/organizations/org-roll/roll', { token, body: { members: roll(4) } });
    const before = await api.call('GET', '/v1/organizations/org-roll', { token });
    const members = roll(3);
    const duplicated = [...members, { ...members[0], name: '重名' }];
    const refused = await api.call('PUT', '/v1/organizations/org-roll/roll', {
      token,
      body: { members: duplicated },
    });
    expect(refused.status).toBe(400);
    expect(detailPaths(refused.body)).toEqual([['body', 'members', 3, 'id']]);
    const after = await api.call('GET', '/v1/organizations/org-roll', { token });
    expect(after.body).toEqual(before.body);
    const read = await api.call('GET', '/v1/organizations/org-roll/roll', { token });
    expect((read.body as { count: number }).count).toBe(4);
  });

  it('refuses a member with an unknown field or a bad date with 400 naming it', async () => {
    const [first] = roll(1);
    const refused = await api.call('PUT', '/v1/organizations/org-roll/roll', {
      token,
      body: { members: [{ ...first, birthDate: '1970-13-01', idNumber: '3201…' }] },
    });
    expect(refused.status).toBe(400);
    expect(detailPaths(refused.body)).toEqual(
      expect.arrayContaining([
        ['body', 'members', 0, 'birthDate'],
        ['body', 'members', 0],
      ]),
    );
  });

  it('answers 404 for an unknown organization', async () => {
    const missing = await api.call('PUT', '/v1/organizations/nowhere/roll', {
      token,
      body: { members: roll(2) },
    });
    expect(missing.status).toBe(404);
  });

  it('refuses (403) a token for another organization and keeps the roll', async () => {
    const before = await api.call('GET', '/v1/organizations/org-roll', { token });
    const refused = await api.call('PUT', '/v1/organizations/org-roll/roll', {
      token: await organizer(['org-other']),
      body: { members: roll(2) },
    });
    expect(refused.status).toBe(403);
    expect((await api.call('GET', '/v1/organizations/org-roll', { token })).body).toEqual(
      before.body,
    );
  });
});
