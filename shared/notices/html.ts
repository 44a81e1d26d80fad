/**
 * A tiny HTML builder: the `html` tag escapes every interpolated value unless it is already
 * `SafeHtml` (a fragment built by the tag itself), so no template can forget to escape a name.
 */

export { escapeHtml, SafeHtml } from '../pages/html.ts';

import { html as escapedHtml, SafeHtml } from '../pages/html.ts';

/** What may be interpolated: text and numbers are escaped; nothing-ish values vanish. */
export type HtmlValue =
  | SafeHtml
  | string
  | number
  | null
  | undefined
  | false
  | readonly HtmlValue[];

/** The shared escaping tag (shared/pages/html.ts), typed to what templates interpolate. */
export const html = (strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml =>
  escapedHtml(strings, ...values);

/** Fragments one after another, a line break between them (readable source, same rendering). */
export const joinHtml = (parts: readonly SafeHtml[], separator = '\n'): SafeHtml =>
  new SafeHtml(parts.map((part) => part.value).join(separator));
