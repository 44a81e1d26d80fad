// Benchmark 1 — ballot entry: 20 000 paper ballots entered through the local HTTP API by 16
// concurrent tellers, 100 a request, into one round, against the raw ceiling of the same
// DynamoDB Local (the same items written directly, 100 conditional puts a transaction, by 16
// concurrent writers). The two alternate in slices (A B A B …) so the machine's noise hits both.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../../shared/store/keys.ts';
import { tableName } from '../../shared/store/table.ts';
import { emit, log } from './support/report.ts';
import { openRecommendationRound, recommendationBallot } from './support/round.ts';
import { startBenchStack } from './support/stack.ts';
import { mapConcurrent, round, since, sum } from './support/stats.ts';

/** Issue 17: the API keeps ≥ 0.85 of the raw store's ballot throughput (was 0.7). */
const RATIO_GOAL = 0.85;
const BALLOTS = Number(process.env.ZX_BENCH_BALLOTS ?? 20_000);
const WORKERS = 16;
const PER_REQUEST = 100;
const SLICES = 8;
const WARM_UP = 1000;

const bench = await startBenchStack();
try {
  const target = await openRecommendationRound(bench, BALLOTS);
  const ballots = Array.from({ length: BALLOTS }, (_, i) =>
    recommendationBallot(i, BALLOTS, target.candidates),
  );
  const batches = (from: number, to: number) => {
    const out: (typeof ballots)[] = [];
    for (let i = from; i < to; i += PER_REQUEST)
      out.push(ballots.slice(i, Math.min(to, i + PER_REQUEST)));
    return out;
  };

  // A: the tellers, through the API.
  let accepted = 0;
  const throughApi = async (from: number, to: number, into = target) => {
    const start = performance.now();
    await mapConcurrent(batches(from, to), WORKERS, async (batch) => {
      const answer = await bench.api.call<{ accepted: number; duplicates: string[] }>(
        'POST',
        `${into.path}/ballots`,
        into.teller,
        { ballots: batch },
      );
      if (into === target) accepted += answer.accepted;
    });
    return since(start);
  };

  // B: the same items straight into DynamoDB Local, in another round's partition.
  const raw = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true },
  });
  const direct = async (from: number, to: number, into = target) => {
    const start = performance.now();
    await mapConcurrent(batches(from, to), WORKERS, async (batch) => {
      await raw.send(
        new TransactWriteCommand({
          TransactItems: batch.map(({ serial, ...content }) => ({
            Put: {
              TableName: tableName(),
              Item: {
                ...keys.ballot(into.election.id, `${into.round.id}-raw`, serial),
                serial,
                content,
                valid: true,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          })),
        }),
      );
    });
    return since(start);
  };

  // Warm-up (JIT, connections, DynamoDB Local's caches), not measured: another round each.
  const warmUp = await openRecommendationRound(bench, WARM_UP);
  await throughApi(0, WARM_UP, warmUp);
  await direct(0, WARM_UP, warmUp);

  const slice = BALLOTS / SLICES;
  const apiMs: number[] = [];
  const rawMs: number[] = [];
  for (let s = 0; s < SLICES; s++) {
    const from = s * slice;
    const to = from + slice;
    // Alternate which goes first, so neither always meets a warmer (or more loaded) store.
    if (s % 2 === 0) {
      apiMs.push(await throughApi(from, to));
      rawMs.push(await direct(from, to));
    } else {
      rawMs.push(await direct(from, to));
      apiMs.push(await throughApi(from, to));
    }
    log(
      `slice ${s + 1}/${SLICES}: API ${round(apiMs.at(-1) as number, 0)} ms, raw ${round(rawMs.at(-1) as number, 0)} ms`,
    );
  }
  if (accepted !== BALLOTS) throw new Error(`the API accepted ${accepted} of ${BALLOTS} ballots`);

  const apiRate = BALLOTS / (sum(apiMs) / 1000);
  const rawRate = BALLOTS / (sum(rawMs) / 1000);
  const ratio = apiRate / rawRate;
  emit({
    id: '1',
    title: 'Ballot entry (20 000 ballots, 16 tellers, 100 a request)',
    figures: [
      { measure: 'API throughput', value: round(apiRate, 0), unit: 'ballots/s' },
      { measure: 'raw DynamoDB Local throughput', value: round(rawRate, 0), unit: 'ballots/s' },
      {
        measure: 'API ÷ raw throughput',
        value: round(ratio, 3),
        unit: '',
        goal: `≥ ${RATIO_GOAL}`,
        met: ratio >= RATIO_GOAL,
      },
    ],
    details: {
      ballots: BALLOTS,
      workers: WORKERS,
      perRequest: PER_REQUEST,
      slices: SLICES,
      apiSliceMs: apiMs.map((ms) => round(ms, 0)),
      rawSliceMs: rawMs.map((ms) => round(ms, 0)),
      sliceRatios: apiMs.map((ms, i) => round((rawMs[i] as number) / ms, 3)),
    },
  });
  raw.destroy();
} finally {
  await bench.stop();
}
