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

/** The least-squares line through the points, and R² (1 − residual ÷ total sum of squares). */
export const linearFit = (
  xs: readonly number[],
  ys: readonly number[],
): { slope: number; intercept: number; r2: number } => {
  const n = xs.length;
  const mx = sum(xs) / n;
  const my = sum(ys) / n;
  const sxy = sum(xs.map((x, i) => (x - mx) * ((ys[i] as number) - my)));
  const sxx = sum(xs.map((x) => (x - mx) ** 2));
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  const residual = sum(xs.map((x, i) => ((ys[i] as number) - (intercept + slope * x)) ** 2));
  const total = sum(ys.map((y) => (y - my) ** 2));
  return { slope, intercept, r2: total === 0 ? 1 : 1 - residual / total };
};
