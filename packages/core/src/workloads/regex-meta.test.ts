import { describe, expect, it } from 'vitest';
import { resolveParams } from '../workload.js';
import { findMetaTags, regexMeta } from './regex-meta.js';

const paramsOf = (overrides?: Readonly<Record<string, unknown>>) => resolveParams(regexMeta, overrides);

const PAGE = `<!DOCTYPE html><html><head>
<meta charset="utf-8">
<META NAME='keywords' CONTENT='a, b'>
<meta content="Home > Shop" name="description" />
<meta
  property="og:title"
  content="Title">
<meta name=robots content=noindex>
<metadata><meta-card data-name="x">not a tag</meta-card></metadata>
</head><body>
<p>Edit the &lt;meta name="description"&gt; tag; meta words and <span data-meta="name=x">metadata</span>.</p>
<meta itemprop="position" content="3"><meta data-name="decoy" name="real">
</body></html>`;

describe('findMetaTags', () => {
  it('finds every <meta> tag and only those, in order', () => {
    expect(findMetaTags(PAGE)).toEqual([
      { name: null, content: null },
      { name: 'keywords', content: 'a, b' },
      { name: 'description', content: 'Home > Shop' },
      { name: 'og:title', content: 'Title' },
      { name: 'robots', content: 'noindex' },
      { name: null, content: '3' },
      { name: 'real', content: null },
    ]);
  });
});

describe('regex-meta', () => {
  it('finds the tags the generator inserted in every page', async () => {
    const params = paramsOf({ pages: 4, kib: 32 });
    const inputs = await regexMeta.prepare(params, { seed: 9 });
    const outputs = await Promise.all(inputs.map((input) => regexMeta.run(input)));
    expect(outputs).toEqual(inputs.map(({ expected }) => expected));
    expect(inputs.map((input, i) => regexMeta.verify?.(outputs[i] ?? [], input, params))).toEqual([
      true,
      true,
      true,
      true,
    ]);
    for (const { html, expected } of inputs) {
      expect(html.length).toBeGreaterThanOrEqual(32 * 1024);
      expect(expected.length).toBeGreaterThan(2);
      expect(html).toContain('<metadata>');
    }
  });

  it('rejects a wrong list with a reason', async () => {
    const params = paramsOf({ pages: 1, kib: 4 });
    const [input] = await regexMeta.prepare(params, { seed: 1 });
    if (!input) throw new Error('no input');
    const [first, ...rest] = input.expected;
    expect(regexMeta.verify?.(rest, input, params)).toBe(
      `expected ${input.expected.length} meta tags, got ${rest.length}`,
    );
    const renamed = [{ name: 'wrong', content: first?.content ?? null }, ...rest];
    expect(regexMeta.verify?.(renamed, input, params)).toBe(
      `meta tag 0: expected ${JSON.stringify(first)}, got ${JSON.stringify(renamed[0])}`,
    );
  });

  it.each([
    [{ pages: 'x' }, 'regex-meta.pages must be an integer, got "x"'],
    [{ kib: 0 }, 'regex-meta.kib must be at least 1, got 0'],
  ])('rejects %o', (overrides, message) => {
    expect(() => paramsOf(overrides)).toThrow(message);
  });
});
