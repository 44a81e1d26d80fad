/**
 * A tiny HTML builder: the `html` tag escapes every interpolated value unless it is already
 * `SafeHtml` (a fragment built by the tag itself), so no template can forget to escape a name.
 */

export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text made safe for an HTML element's content or a quoted attribute. */
export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);

/** What may be interpolated: text and numbers are escaped; nothing-ish values vanish. */
export type HtmlValue =
  | SafeHtml
  | string
  | number
  | null
  | undefined
  | false
  | readonly HtmlValue[];

const toHtml = (value: HtmlValue): string => {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(toHtml).join('');
  return escapeHtml(String(value));
};

export const html = (strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml =>
  new SafeHtml(strings.reduce((out, part, index) => out + toHtml(values[index - 1]) + part));

/** Fragments one after another, a line break between them (readable source, same rendering). */
export const joinHtml = (parts: readonly SafeHtml[], separator = '\n'): SafeHtml =>
  new SafeHtml(parts.map((part) => part.value).join(separator));
