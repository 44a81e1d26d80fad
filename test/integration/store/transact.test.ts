// Proves a domain change and its audit entry are written together or not at all, that
// concurrent writers never fork the chain, and that a tampered entry in the table is detected.
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../../../shared/store/audit-chain.ts';
import { documentClient } from '../../../shared/store/client.ts';
import { getItem } from '../../../shared/store/items.ts';
import { keys } from '../../../shared/store/keys.ts';
import { tableName } from '../../../shared/store/table.ts';
import { ConditionFailed, commit, readAudit } from '../../../shared/store/transact.ts';
import { freshTable } from '../../support/fresh-table.ts';

beforeAll(freshTable);

const put = (electionId: string, objectionId: string) => ({
  Put: {
    TableName: tableName(),
    Item: { ...keys.objection(electionId, objectionId), id: objectionId, text: 'x' },
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});

describe('commit', () => {
  it('writes the change and its audit entry together', async () => {
    const entry = await commit([put('e1', 'o1')], {
      scope: 'ELECTION#e1',
      actor: 'org-1',
      action: 'objection-filed',
      data: { objectionId: 'o1' },
    });
    expect(entry?.seq).toBe(1);
    expect(await getItem(keys.objection('e1', 'o1'))).toMatchObject({ id: 'o1' });
    expect(await readAudit('ELECTION#e1')).toEqual([entry]);
  });

  it('writes neither when the change breaks its condition, and names the failed write', async () => {
    await expect(
      commit([put('e2', 'fresh'), put('e1', 'o1')], {
        scope: 'ELECTION#e2',
        actor: 'org-1',
        action: 'objection-filed',
        data: {},
      }),
    ).rejects.toMatchObject({ name: 'ConditionFailed', index: 1 });
    expect(await getItem(keys.objection('e2', 'fresh'))).toBeUndefined();
    expect(await readAudit('ELECTION#e2')).toEqual([]);
  });

  it('keeps one unbroken chain under 20 concurrent writers', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        commit([put('e3', `o${i}`)], {
          scope: 'ELECTION#e3',
          actor: `writer-${i}`,
          action: 'objection-filed',
          data: { i },
        }),
      ),
    );
    const chain = await readAudit('ELECTION#e3');
    expect(chain.map((e) => e.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(new Set(results.map((e) => e?.seq)).size).toBe(20);
    expect(verifyChain(chain)).toEqual({ ok: true, length: 20 });
  });

  it('detects an audit entry changed in the table afterwards', async () => {
    await documentClient().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.auditEntry('ELECTION#e3', 7),
        UpdateExpression: 'SET actor = :forged',
        ExpressionAttributeValues: { ':forged': 'someone-else' },
      }),
    );
    expect(verifyChain(await readAudit('ELECTION#e3'))).toMatchObject({ ok: false, seq: 7 });
  });

  it('is a ConditionFailed error the callers can map', () => {
    expect(new ConditionFailed(0, put('e', 'o'))).toBeInstanceOf(Error);
  });
});
