/** Small numeric helpers of the benchmarks. */

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

export const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

export const round = (value: number, digits = 2): number => Number(value.toFixed(digits));

/** Milliseconds since `start` (performance.now()). */
export const since = (start: number): number => performance.now() - start;

/** Runs `work` over `items` with at most `limit` at a time; answers results in order. */
export const mapConcurrent = async <T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> => {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
};
