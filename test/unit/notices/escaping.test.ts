// Proves that every value a notice interpolates is HTML-escaped: each text field of each
// template's sample gets a <script> payload appended, wherever its schema still accepts it,
// and no HTML comes out with a live tag — while the plain text keeps the value as typed.
import { describe, expect, it } from 'vitest';
import {
  parseTemplateData,
  renderNotice,
  TEMPLATE_NAMES,
  type TemplateName,
} from '../../../shared/notices/index.ts';
import { SAMPLES } from './fixtures.ts';

const PAYLOAD = `<script>alert("x")</script><img src=x onerror='y'>&`;

type Path = (string | number)[];

/** Paths of every string leaf of a JSON-like value. */
const stringPaths = (value: unknown, path: Path = []): Path[] => {
  if (typeof value === 'string') return [path];
  if (Array.isArray(value)) return value.flatMap((item, i) => stringPaths(item, [...path, i]));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => stringPaths(item, [...path, key]));
  }
  return [];
};

const withPayloadAt = (value: unknown, path: Path): unknown => {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let node = copy;
  for (const step of path.slice(0, -1)) node = node[step] as Record<string | number, unknown>;
  const last = path.at(-1) as string | number;
  node[last] = `${node[last]}${PAYLOAD}`;
  return copy;
};

const accepts = (name: TemplateName, data: unknown): boolean => {
  try {
    parseTemplateData(name, data as never);
    return true;
  } catch {
    return false;
  }
};

/** The sample with the payload in every text field whose schema takes any text. */
const hostile = (name: TemplateName) => {
  let data: unknown = SAMPLES[name];
  const injected: string[] = [];
  for (const path of stringPaths(data)) {
    const candidate = withPayloadAt(data, path);
    if (accepts(name, candidate)) {
      data = candidate;
      injected.push(path.join('.'));
    }
  }
  return { data, injected };
};

describe.each(TEMPLATE_NAMES)('template %s', (name) => {
  it('escapes every interpolated value in the HTML, the recipient name included', () => {
    const { data, injected } = hostile(name);
    expect(injected).toContain('organization');
    const notice = renderNotice(name, data as never, {
      electionId: 'el-"><script>1</script>',
      recipient: { id: 'm1', name: `李强${PAYLOAD}` },
    });
    expect(notice.html).not.toMatch(/<script|<img|onerror='/i);
    expect(notice.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(notice.html).toContain('onerror=&#39;y&#39;&gt;&amp;');
    // The plain text is not HTML: it shows what was typed.
    expect(notice.text).toContain(`李强${PAYLOAD}`);
  });
});
