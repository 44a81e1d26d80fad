/**
 * HTML for the public pages (approval links, the 公示栏): a tagged template that escapes every
 * value put into it, so user-supplied text (names, statements, comments) can never become markup,
 * and one plain, phone-first page layout without scripts.
 */

/** Markup already escaped or written by us; only `html` and `trusted` make it. */
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

/** Text as HTML: safe in element content and in quoted attribute values. */
export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);

const render = (value: unknown): string => {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === undefined || value === null || value === false) return '';
  return escapeHtml(String(value));
};

/** `html\`<p>${name}</p>\``: values are escaped, arrays joined, null/undefined/false left out. */
export const html = (strings: TemplateStringsArray, ...values: unknown[]): SafeHtml =>
  new SafeHtml(
    strings.reduce((out, part, i) => out + part + (i < values.length ? render(values[i]) : ''), ''),
  );

/** Markup from a constant of ours, never from a request or the table. */
export const trusted = (markup: string): SafeHtml => new SafeHtml(markup);

const STYLE = `
:root { color-scheme: light; --line: #d9d9d9; --muted: #595959; --accent: #b71c1c; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.6 system-ui, -apple-system, "PingFang SC", "Noto Sans CJK SC",
  "Microsoft YaHei", sans-serif; color: #1a1a1a; background: #fafafa; }
header { background: var(--accent); color: #fff; padding: .75rem 1rem; }
header h1 { margin: 0; font-size: 1.2rem; }
header p { margin: .1rem 0 0; font-size: .9rem; opacity: .9; }
main { max-width: 44rem; margin: 0 auto; padding: 1rem; }
section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: .75rem 1rem;
  margin: 0 0 1rem; }
h2 { font-size: 1.1rem; margin: 0 0 .5rem; }
h3 { font-size: 1rem; margin: .75rem 0 .25rem; }
p { margin: .4rem 0; }
.muted { color: var(--muted); font-size: .9rem; }
.nowrap { white-space: nowrap; }
.notice { border-left: 4px solid var(--accent); background: #fff4f4; }
.ok { border-left: 4px solid #2e7d32; background: #f1f8f1; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .95rem; }
th, td { border-bottom: 1px solid var(--line); padding: .35rem .4rem; text-align: left; vertical-align: top; }
th { font-weight: 600; white-space: nowrap; }
td.num, th.num { text-align: right; white-space: nowrap; }
dl { margin: 0; display: grid; grid-template-columns: max-content 1fr; gap: .2rem .75rem; }
dt { color: var(--muted); }
dd { margin: 0; }
ul { margin: .25rem 0; padding-left: 1.25rem; }
blockquote { margin: .25rem 0; padding: .25rem .75rem; border-left: 3px solid var(--line);
  white-space: pre-wrap; overflow-wrap: anywhere; }
label.choice { display: flex; gap: .6rem; align-items: center; padding: .5rem 0;
  border-bottom: 1px solid var(--line); }
label.choice input { width: 1.4rem; height: 1.4rem; }
textarea { width: 100%; min-height: 5rem; font: inherit; padding: .5rem; }
.buttons { display: flex; gap: .75rem; margin-top: .75rem; }
button { flex: 1; font: inherit; font-size: 1.05rem; padding: .75rem; border-radius: 6px;
  border: 1px solid #999; background: #fff; cursor: pointer; }
button.approve { background: #2e7d32; border-color: #2e7d32; color: #fff; }
button.reject { background: #fff; border-color: var(--accent); color: var(--accent); }
ol.steps { list-style: none; margin: 0; padding: 0; }
ol.steps li { padding: .4rem 0; border-bottom: 1px solid var(--line); }
ol.steps li.current { border-left: 4px solid var(--accent); padding-left: .5rem; }
details { margin-top: .5rem; }
summary { cursor: pointer; color: var(--accent); }
.badge { display: inline-block; font-size: .8rem; padding: 0 .4rem; border-radius: 4px;
  border: 1px solid var(--line); color: var(--muted); margin-left: .25rem; }
`;

export interface PageOptions {
  title: string;
  /** A second line under the title, e.g. the organization. */
  subtitle?: string;
  body: SafeHtml;
}

/**
 * A whole HTML document: zh-CN, a phone-sized viewport, no scripts, kept out of search engines,
 * with its own style sheet.
 */
export const htmlDocument = ({
  title,
  style,
  body,
}: {
  title: string;
  style: string;
  body: SafeHtml;
}): string =>
  `<!doctype html>${html`<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<link rel="icon" href="data:,">
<title>${title}</title>
<style>${trusted(style)}</style>
</head>
<body>
${body}
</body>
</html>
`}`;

/** A public page: its title and subtitle in a header, then the body. */
export const page = ({ title, subtitle, body }: PageOptions): string =>
  htmlDocument({
    title,
    style: STYLE,
    body: html`<header><h1>${title}</h1>${subtitle ? html`<p>${subtitle}</p>` : ''}</header>
<main>
${body}
</main>`,
  });
