// Proves the public pages' HTML helpers: every value put into a page is escaped (markup in a
// name can never become markup) and only our own constants pass unescaped.
import { describe, expect, it } from 'vitest';
import { escapeHtml, html, page, trusted } from '../../../shared/pages/html.ts';

describe('html', () => {
  it('escapes & < > " and \' in every interpolated value', () => {
    const name = `<script>alert('x')</script> & "quoted"`;
    expect(html`<p title="${name}">${name}</p>`.value).toBe(
      '<p title="&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;">&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;</p>',
    );
  });

  it('joins arrays, leaves out undefined, null and false, and keeps nested fragments as markup', () => {
    const items = ['<a>', 'b'].map((item) => html`<li>${item}</li>`);
    expect(html`<ul>${items}${undefined}${null}${false}${0}</ul>`.value).toBe(
      '<ul><li>&lt;a&gt;</li><li>b</li>0</ul>',
    );
  });

  it('passes only trusted constants through unescaped', () => {
    expect(html`${trusted('<br>')}${'<br>'}`.value).toBe('<br>&lt;br&gt;');
    expect(escapeHtml('a&b')).toBe('a&amp;b');
  });

  it('a page is zh-CN, sized for phones, and escapes its title', () => {
    const text = page({ title: '<b>公示栏</b>', body: html`<p>内容</p>` });
    expect(text.startsWith('<!doctype html><html lang="zh-CN">')).toBe(true);
    expect(text).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(text).toContain('<title>&lt;b&gt;公示栏&lt;/b&gt;</title>');
    expect(text).not.toContain('<script');
  });
});
