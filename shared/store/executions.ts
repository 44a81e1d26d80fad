import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from './client.ts';
import { getItem } from './items.ts';
import { keys } from './keys.ts';
import { tableName } from './table.ts';

/**
 * The name of the workflow execution that runs an election now, recorded before it starts:
 * by the API's start or resume, and by the loop task that hands over to a successor (continue
 * as new). The failure handler (shared/workflow/failed-execution.ts) reads it to tell a
 * stopped execution that still ran the election from one already superseded, whatever the
 * names look like. An item of its own, like AWAITING: it bumps no election version.
 */
export interface CurrentExecution {
  execution: string;
  recordedAt: string;
}

export const setCurrentExecution = async (electionId: string, execution: string) => {
  await documentClient().send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...keys.execution(electionId), execution, recordedAt: new Date().toISOString() },
    }),
  );
};

export const getCurrentExecution = (electionId: string) =>
  getItem<CurrentExecution>(keys.execution(electionId));
