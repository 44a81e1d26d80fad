// Direct reads of the table, for what the API does not show: "nothing was written", the audit.
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../shared/store/client.ts';
import { tableName } from '../../shared/store/table.ts';
import { readAudit } from '../../shared/store/transact.ts';

/** Every item of the table with its keys. */
export const scanTable = async (): Promise<Record<string, unknown>[]> => {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await documentClient().send(
      new ScanCommand({ TableName: tableName(), ExclusiveStartKey: start, ConsistentRead: true }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
};

/** The audit chain of an election, in order. */
export const auditEntries = (electionId: string) => readAudit(`ELECTION#${electionId}`);

/** The actions of an election's audit chain, in order. */
export const auditActions = async (electionId: string): Promise<string[]> =>
  (await auditEntries(electionId)).map((entry) => entry.action);
