import cncharModule from 'cnchar';
import orderModule from 'cnchar-order';

/**
 * 按姓氏笔画排序 — the order the 条例 requires for candidates on a ballot and in a result: fewer
 * strokes of the first character first; the same count, the strokes compared one by one in the
 * order 横 竖 撇 点 折 (提 counts as 横, 竖钩 as 竖, 捺 as 点, every turning stroke as 折); the same
 * character, the next one likewise; then the shorter name. `Intl.Collator('zh-u-co-stroke')` is
 * not this rule (it puts 尹 孔 before 王 毛 方). Data: cnchar + cnchar-order (MIT).
 *
 * Not re-exported from index.ts: the stroke data is ~220 KB, which only the pages and the
 * console's print sheets need, not every Lambda bundle.
 */

// CommonJS whose typings declare `export default`: Node and Vite hand over the object itself.
type Unwrapped<T> = T extends { default: infer D } ? D : T;
const unwrap = <T>(m: T) => ((m as { default?: unknown }).default ?? m) as Unwrapped<T>;
const cnchar = unwrap(cncharModule);
cnchar.use(unwrap(orderModule));

/** The five classes of strokes, in the order they sort. */
const CLASS: Record<string, number> = { 横: 1, 提: 1, 竖: 2, 竖钩: 2, 撇: 3, 点: 4, 捺: 4 };
const TURNING = 5;

/** A stroke's class by its name in cnchar ("横撇|横钩" lists variants: every one is a 折). */
const strokeClass = (name: string): number => CLASS[name.split('|')[0] ?? name] ?? TURNING;

const cache = new Map<string, number[] | null>();

/** A character's strokes as classes 1–5, or null when the data does not know it. */
export const strokeClasses = (char: string): number[] | null => {
  const known = cache.get(char);
  if (known !== undefined) return known;
  const [names] = cnchar.stroke(char, 'order', 'name') as unknown as (string[] | undefined)[];
  const classes = Array.isArray(names) && names.length > 0 ? names.map(strokeClass) : null;
  cache.set(char, classes);
  return classes;
};

const compareChars = (a: string, b: string): number => {
  if (a === b) return 0;
  const x = strokeClasses(a);
  const y = strokeClasses(b);
  // A character without data (a Latin letter, a rare one) goes after every known one.
  if (!x || !y) return x ? -1 : y ? 1 : a.localeCompare(b);
  if (x.length !== y.length) return x.length - y.length;
  for (let i = 0; i < x.length; i++) {
    const diff = (x[i] ?? 0) - (y[i] ?? 0);
    if (diff !== 0) return diff;
  }
  // The same strokes in the same order (己 and 已): a fixed order all the same.
  return (a.codePointAt(0) ?? 0) - (b.codePointAt(0) ?? 0);
};

/** Compares two names by 姓氏笔画 (a negative number: `a` first). */
export const compareBySurnameStrokes = (a: string, b: string): number => {
  const x = [...a.trim()];
  const y = [...b.trim()];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const diff = compareChars(x[i] ?? '', y[i] ?? '');
    if (diff !== 0) return diff;
  }
  return x.length - y.length;
};

/** Items sorted by their names' 姓氏笔画 (a copy; ties keep their order). */
export const bySurnameStrokes = <T>(items: readonly T[], nameOf: (item: T) => string): T[] =>
  [...items].sort((a, b) => compareBySurnameStrokes(nameOf(a), nameOf(b)));
