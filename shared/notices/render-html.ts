import type { Block } from './blocks.ts';
import { html, joinHtml, type SafeHtml } from './html.ts';

/**
 * The HTML body: one column, at most 600 px wide, inline styles only (mail clients drop style
 * sheets), tables that scroll sideways on a narrow phone. Every value goes through `html`, which
 * escapes it.
 */

const ACCENT = '#b71c1c';
const MUTED = '#777777';
const P = 'margin:0 0 14px;';
const CELL = 'border:1px solid #dddddd;padding:6px 8px;text-align:left;vertical-align:top;';

const blockHtml = (block: Block): SafeHtml => {
  switch (block.kind) {
    case 'paragraph':
      return html`<p style="${P}">${block.text}</p>`;
    case 'note':
      return html`<p style="${P}font-size:13px;color:${MUTED};">${block.text}</p>`;
    case 'heading':
      return html`<h2 style="font-size:17px;line-height:1.4;margin:22px 0 10px;color:${ACCENT};">${block.text}</h2>`;
    case 'list': {
      const items = block.items.map((item) => html`<li style="margin:0 0 6px;">${item}</li>`);
      return block.ordered
        ? html`<ol style="${P}padding-left:24px;">${items}</ol>`
        : html`<ul style="${P}padding-left:22px;">${items}</ul>`;
    }
    case 'facts':
      return html`<table role="presentation" style="${P}border-collapse:collapse;">${block.rows.map(
        ([label, value]) =>
          html`<tr><th style="text-align:left;vertical-align:top;white-space:nowrap;padding:4px 12px 4px 0;font-weight:normal;color:#555555;">${label}</th><td style="padding:4px 0;">${value}</td></tr>`,
      )}</table>`;
    case 'table':
      return html`<div style="${P}overflow-x:auto;"><table style="width:100%;border-collapse:collapse;font-size:15px;"><thead><tr>${block.head.map(
        (cell) =>
          html`<th style="${CELL}background-color:#f5f5f5;white-space:nowrap;">${cell}</th>`,
      )}</tr></thead><tbody>${block.rows.map(
        (row) => html`<tr>${row.map((cell) => html`<td style="${CELL}">${cell}</td>`)}</tr>`,
      )}</tbody></table></div>`;
    case 'quote':
      return html`<blockquote style="${P}padding:10px 14px;border-left:4px solid #cccccc;background-color:#fafafa;white-space:pre-wrap;">${block.text}</blockquote>`;
    case 'action':
      return html`<p style="margin:20px 0 6px;"><a href="${block.url}" style="display:inline-block;padding:10px 22px;background-color:${ACCENT};color:#ffffff;text-decoration:none;border-radius:4px;">${block.label}</a></p><p style="${P}font-size:13px;color:${MUTED};word-break:break-all;">${block.url}</p>`;
  }
};

export interface HtmlLayout {
  /** The banner line, e.g. the organization. */
  banner: string;
  title: string;
  greeting: string;
  blocks: Block[];
  footer: string[];
}

export const renderHtml = (layout: HtmlLayout): string =>
  html`<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${layout.title}</title>
</head>
<body style="margin:0;padding:0;background-color:#f3f3f3;">
<div style="max-width:600px;margin:0 auto;background-color:#ffffff;color:#222222;font-family:-apple-system,'PingFang SC','Microsoft YaHei','Noto Sans CJK SC',sans-serif;font-size:16px;line-height:1.7;">
<div style="background-color:${ACCENT};color:#ffffff;padding:12px 20px;font-size:14px;">公推直选 · ${layout.banner}</div>
<div style="padding:20px;">
<h1 style="font-size:20px;line-height:1.4;margin:0 0 18px;">${layout.title}</h1>
<p style="${P}">${layout.greeting}</p>
${joinHtml(layout.blocks.map(blockHtml))}
</div>
<div style="padding:12px 20px;border-top:1px solid #e5e5e5;font-size:13px;line-height:1.6;color:${MUTED};">${layout.footer.map((line) => html`<div>${line}</div>`)}</div>
</div>
</body>
</html>
`.value;
