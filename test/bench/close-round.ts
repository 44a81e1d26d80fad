// Benchmark 2 — closing a round of 100 000 ballots (every ballot read, the tally computed by the
// rules engine and stored with its audit entry) against a bare paginated Query of the same
// ballots. The ballots are loaded straight into the store; then queries and closes alternate
// (Q C Q C Q C Q), the round being put back to open between closes. The bare query reads pages
// of 1 000 items, as the close does (readBallots); DynamoDB's default 1 MB pages are timed too.
import { BatchWriteCommand, paginateQuery, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { closeRound } from '../../shared/election/rounds/round.ts';
import { documentClient } from '../../shared/store/client.ts';
import { keys } from '../../shared/store/keys.ts';
import { tableName } from '../../shared/store/table.ts';
import { afterSupervisionRound } from '../../shared/supervision/follow-ups.ts';
import { emit, log } from './support/report.ts';
import { openRecommendationRound, recommendationBallot } from './support/round.ts';
import { startStoreStack } from './support/stack.ts';
import { mapConcurrent, median, round, since } from './support/stats.ts';

const BALLOTS = Number(process.env.ZX_BENCH_CLOSE_BALLOTS ?? 100_000);
const CLOSES = 3;

const bench = await startStoreStack();
try {
  const target = await openRecommendationRound(bench, BALLOTS);
  const { election, round: opened } = target;

  // Load: the items enterBallots stores (keys.ballot + StoredBallot), 25 a BatchWrite.
  const loadStart = performance.now();
  const chunks: number[] = [];
  for (let i = 0; i < BALLOTS; i += 25) chunks.push(i);
  await mapConcurrent(chunks, 16, async (from) => {
    let requests = Array.from({ length: Math.min(25, BALLOTS - from) }, (_, k) => {
      const { serial, ...content } = recommendationBallot(from + k, BALLOTS, target.candidates);
      return {
        PutRequest: {
          Item: { ...keys.ballot(election.id, opened.id, serial), serial, content, valid: true },
        },
      };
    });
    while (requests.length > 0) {
      const { UnprocessedItems } = await documentClient().send(
        new BatchWriteCommand({ RequestItems: { [tableName()]: requests } }),
      );
      requests = (UnprocessedItems?.[tableName()] ?? []) as typeof requests;
    }
  });
  const loadMs = since(loadStart);
  log(`loaded ${BALLOTS} ballots in ${round(loadMs / 1000, 1)} s`);

  const bareQuery = async (pageSize?: number) => {
    const start = performance.now();
    let count = 0;
    const pages = paginateQuery(
      { client: documentClient(), ...(pageSize ? { pageSize } : {}) },
      {
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :ballot)',
        ExpressionAttributeValues: {
          ':pk': keys.ballotPartition(election.id, opened.id),
          ':ballot': 'BALLOT#',
        },
        ConsistentRead: true,
      },
    );
    for await (const page of pages) count += page.Items?.length ?? 0;
    if (count !== BALLOTS) throw new Error(`the query read ${count} of ${BALLOTS} ballots`);
    return since(start);
  };

  const reopen = () =>
    documentClient().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.round(election.id, opened.id),
        UpdateExpression: 'SET #status = :open REMOVE tally, closedAt, followUp',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':open': 'open' },
      }),
    );

  const bigPageMs: number[] = [];
  const queries = async () => {
    bigPageMs.push(await bareQuery());
    return bareQuery(1000);
  };
  const queryMs: number[] = [await queries()];
  const closeMs: number[] = [];
  let tally: unknown;
  for (let c = 0; c < CLOSES; c++) {
    if (c > 0) await reopen();
    const start = performance.now();
    const closed = await closeRound(election, opened.id, 'bench', afterSupervisionRound);
    closeMs.push(since(start));
    tally = closed.tally;
    const returned = closed.tally?.returned;
    if (returned !== BALLOTS)
      throw new Error(`the tally counted ${returned} of ${BALLOTS} ballots`);
    queryMs.push(await queries());
    log(
      `close ${c + 1}: ${round(closeMs.at(-1) as number, 0)} ms; query ${round(queryMs.at(-1) as number, 0)} ms`,
    );
  }
  const ratio = median(closeMs) / median(queryMs);
  emit({
    id: '2',
    title: 'Closing a round of 100 000 ballots',
    figures: [
      { measure: 'closeRound (median)', value: round(median(closeMs) / 1000, 2), unit: 's' },
      {
        measure: 'bare paginated Query, 1 000 a page (median)',
        value: round(median(queryMs) / 1000, 2),
        unit: 's',
      },
      {
        measure: 'bare paginated Query, 1 MB pages (median)',
        value: round(median(bigPageMs) / 1000, 2),
        unit: 's',
      },
      {
        measure: 'close ÷ query time',
        value: round(ratio, 3),
        unit: '',
        goal: '≤ 1.5',
        met: ratio <= 1.5,
      },
    ],
    details: {
      ballots: BALLOTS,
      loadSeconds: round(loadMs / 1000, 1),
      closeMs: closeMs.map((ms) => round(ms, 0)),
      queryMs: queryMs.map((ms) => round(ms, 0)),
      queryMsOneMegabytePages: bigPageMs.map((ms) => round(ms, 0)),
      tally,
    },
  });
} finally {
  await bench.stop();
}
