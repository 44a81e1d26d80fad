// Proves the HTML builder escapes every interpolated value, and only once.
import { describe, expect, it } from 'vitest';
import { escapeHtml, html, joinHtml } from '../../../shared/notices/html.ts';

describe('escapeHtml', () => {
  it('escapes the five characters that can break out of text or a quoted attribute', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });

  it('leaves Chinese text alone', () => {
    expect(escapeHtml('王芳:书记候选人')).toBe('王芳:书记候选人');
  });
});

describe('html', () => {
  it('escapes interpolated text and numbers but not the template itself', () => {
    expect(html`<p title="${'"x"'}">${'<script>alert(1)</script>'} ${3}</p>`.value).toBe(
      '<p title="&quot;x&quot;">&lt;script&gt;alert(1)&lt;/script&gt; 3</p>',
    );
  });

  it('keeps a nested fragment as built, so nothing is escaped twice', () => {
    const inner = html`<b>${'a&b'}</b>`;
    expect(html`<p>${inner}</p>`.value).toBe('<p><b>a&amp;b</b></p>');
  });

  it('joins arrays and drops null, undefined and false', () => {
    expect(html`<ul>${['<1>', html`<li>2</li>`]}${null}${undefined}${false}</ul>`.value).toBe(
      '<ul>&lt;1&gt;<li>2</li></ul>',
    );
    expect(joinHtml([html`<p>1</p>`, html`<p>2</p>`]).value).toBe('<p>1</p>\n<p>2</p>');
  });
});
