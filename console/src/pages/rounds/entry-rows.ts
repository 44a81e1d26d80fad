import { isMarkKind, markLabel, type RoundKind } from './ballot-keys.ts';

/**
 * Two entries of one paper side by side (双人录入): one row a candidate (or the constituency, or
 * 另选他人), each entry's reading in words, and whether they differ — what the 监票人 compares
 * with the paper before choosing. Pure.
 */

export interface EntryRow {
  key: string;
  label: string;
  first: string;
  second: string;
  differs: boolean;
}

type Content = Record<string, unknown>;

const readings = (kind: RoundKind, content: Content, candidates: readonly string[]) => {
  const rows = new Map<string, string>();
  if (kind === 'recommendation') {
    rows.set('constituency', String(content.constituency ?? '—'));
    const chosen = new Set((content.choices as string[] | undefined) ?? []);
    for (const id of new Set([...candidates, ...chosen])) rows.set(id, chosen.has(id) ? '✓' : '');
    return rows;
  }
  const marks = ((kind === 'evaluation' ? content.ratings : content.marks) ?? {}) as Record<
    string,
    string
  >;
  for (const id of new Set([...candidates, ...Object.keys(marks)])) {
    const mark = marks[id];
    rows.set(id, mark === undefined ? '—' : isMarkKind(kind) ? markLabel(kind, mark) : mark);
  }
  const writeIns = (content.writeIns as string[] | undefined) ?? [];
  if (writeIns.length > 0) rows.set('writeIns', writeIns.join(' '));
  return rows;
};

export const entryRows = (
  kind: RoundKind,
  candidates: readonly string[],
  first: Content,
  second: Content | undefined,
  nameOf: (id: string) => string,
): EntryRow[] => {
  const a = readings(kind, first, candidates);
  const b = second ? readings(kind, second, candidates) : new Map<string, string>();
  const label = (key: string) =>
    key === 'constituency' ? '推荐单位' : key === 'writeIns' ? '另选他人' : nameOf(key);
  const show = (key: string, value: string) =>
    key === 'writeIns' ? value.split(' ').map(nameOf).join('、') : value;
  return [...new Set([...a.keys(), ...b.keys()])].map((key) => {
    const one = a.get(key) ?? '';
    const two = b.get(key) ?? '';
    return {
      key,
      label: label(key),
      first: show(key, one),
      second: second ? show(key, two) : '',
      differs: second !== undefined && one !== two,
    };
  });
};
