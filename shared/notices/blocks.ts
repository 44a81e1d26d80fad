/**
 * The body of a notice as a few kinds of blocks. A template says what to tell; render.ts turns
 * the same blocks into the plain text and the HTML, so the two always carry the same facts.
 */

export type Block =
  | { kind: 'paragraph'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'list'; items: string[]; ordered: boolean }
  | { kind: 'facts'; rows: [label: string, value: string][] }
  | { kind: 'table'; head: string[]; rows: string[][] }
  /** Text someone else wrote (an objection, a reason), shown as given. */
  | { kind: 'quote'; text: string }
  | { kind: 'action'; label: string; url: string }
  | { kind: 'note'; text: string };

export const paragraph = (text: string): Block => ({ kind: 'paragraph', text });
export const heading = (text: string): Block => ({ kind: 'heading', text });
export const bullets = (items: string[]): Block => ({ kind: 'list', items, ordered: false });
export const numbered = (items: string[]): Block => ({ kind: 'list', items, ordered: true });
export const facts = (rows: [string, string][]): Block => ({ kind: 'facts', rows });
export const table = (head: string[], rows: string[][]): Block => ({ kind: 'table', head, rows });
export const quote = (text: string): Block => ({ kind: 'quote', text });
export const action = (label: string, url: string): Block => ({ kind: 'action', label, url });
export const note = (text: string): Block => ({ kind: 'note', text });

/** Blocks, leaving out the ones a template adds only when they apply. */
export const blocks = (...items: (Block | Block[] | false | '' | null | undefined)[]): Block[] =>
  items.flatMap((item) => (item ? item : []));
