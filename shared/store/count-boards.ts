import { getItem } from './items.ts';
import { keys } from './keys.ts';
import { tableName } from './table.ts';
import type { Write } from './transact.ts';

/**
 * The 唱票 board's links (`COUNT-BOARD#{token}` / `COUNT-BOARD`): a random token an organizer
 * creates for an election and may revoke; whoever holds it reads the board, nothing else.
 * Writes are transaction items for `commit`, each with its audit entry.
 */

export interface CountBoardRecord {
  token: string;
  electionId: string;
  createdBy: string;
  createdAt: string;
}

export const getCountBoard = (token: string) => getItem<CountBoardRecord>(keys.countBoard(token));

/** A new link; fails if the token is taken (it never is: 144 random bits). */
export const putCountBoard = (board: CountBoardRecord): Write => ({
  Put: {
    TableName: tableName(),
    Item: { ...keys.countBoard(board.token), ...board },
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});

/** Revokes a link of this election: fails if it does not exist or is another election's. */
export const deleteCountBoard = (token: string, electionId: string): Write => ({
  Delete: {
    TableName: tableName(),
    Key: keys.countBoard(token),
    ConditionExpression: 'electionId = :election',
    ExpressionAttributeValues: { ':election': electionId },
  },
});
