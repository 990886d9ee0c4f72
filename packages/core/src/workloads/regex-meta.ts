import { createRng, type Rng } from '../random.js';
import { defineWorkload, type Workload } from '../workload.js';

const params = {
  pages: {
    type: 'integer',
    default: 64,
    min: 1,
    max: 4096,
    description: 'HTML pages to scan per sample (one task each).',
  },
  kib: {
    type: 'integer',
    default: 256,
    min: 1,
    max: 65536,
    description: 'Approximate size of each page, in KiB.',
  },
} as const;

/** One `<meta>` tag found in a page: its `name` (or, failing that, `property`) and `content` attributes. */
export interface MetaTag {
  /** The raw `name` attribute, else the `property` attribute (OpenGraph), else `null`. */
  readonly name: string | null;
  /** The raw `content` attribute, or `null` (as for `<meta charset>`). */
  readonly content: string | null;
}

/** One task of `regex-meta`: a page and the tags the generator put in it, in order. */
export interface RegexMetaInput {
  /** ASCII HTML of about `kib` KiB. */
  readonly html: string;
  /** The tags the generator wrote, in document order. */
  readonly expected: readonly MetaTag[];
}

// A `<meta` start tag (not `<metadata>` nor `<meta-card>`); quoted values may contain `>`.
const META_TAG = /<meta(?=[\s/>])((?:[^>"']|"[^"]*"|'[^']*')*)>/gi;
const ATTRIBUTE = /([^\s"'=<>/]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/g;

/** Finds every `<meta ...>` start tag in `html` with regular expressions; returns them in document order. */
export function findMetaTags(html: string): MetaTag[] {
  const tags: MetaTag[] = [];
  for (const match of html.matchAll(META_TAG)) {
    const attributes = new Map<string, string>();
    for (const attribute of (match[1] ?? '').matchAll(ATTRIBUTE)) {
      const key = (attribute[1] as string).toLowerCase();
      if (!attributes.has(key)) attributes.set(key, attribute[2] ?? attribute[3] ?? attribute[4] ?? '');
    }
    tags.push({
      name: attributes.get('name') ?? attributes.get('property') ?? null,
      content: attributes.get('content') ?? null,
    });
  }
  return tags;
}

const WORDS =
  'the meta of data page tag lorem ipsum dolor sit amet scan regex html head body node bun worker'.split(' ');
const NAMES = [
  'description',
  'keywords',
  'author',
  'viewport',
  'robots',
  'theme-color',
  'generator',
  'referrer',
];

const pick = <T>(items: readonly T[], rng: Rng): T => items[Math.floor(rng() * items.length)] as T;
const words = (count: number, rng: Rng): string =>
  Array.from({ length: count }, () => pick(WORDS, rng)).join(' ');

/** Writes one `<meta>` tag in one of several real-world spellings; returns its markup and what a scan must find. */
function metaTag(rng: Rng): [string, MetaTag] {
  const name = pick(NAMES, rng);
  const content = words(1 + Math.floor(rng() * 6), rng);
  switch (Math.floor(rng() * 7)) {
    case 0:
      return ['<meta charset="utf-8">', { name: null, content: null }];
    case 1:
      return [`<meta content="${content}" name="${name}" />`, { name, content }];
    case 2:
      return [`<META NAME='${name}' CONTENT='${content}'>`, { name, content }];
    case 3:
      return [`<meta property="og:${name}" content="${content}">`, { name: `og:${name}`, content }];
    case 4:
      return [
        `<meta\n    name="${name}"\n    content="Home > ${content}"\n  >`,
        { name, content: `Home > ${content}` },
      ];
    case 5:
      return [`<meta name=${name} content="${content}">`, { name, content }];
    default:
      return [`<meta name="${name}" content="${content}">`, { name, content }];
  }
}

/** Markup that a careless scan would take for a `<meta>` tag, or plain content. */
function filler(rng: Rng): string {
  switch (Math.floor(rng() * 6)) {
    case 0:
      return `<metadata><rdf:Description about="${words(2, rng)}"/></metadata>`;
    case 1:
      return `<meta-card data-name="${pick(NAMES, rng)}">${words(5, rng)}</meta-card>`;
    case 2:
      return `<p>Edit the &lt;meta name="description"&gt; tag: ${words(12, rng)}</p>`;
    case 3:
      return `<div class="meta" data-meta="content=x">${words(8, rng)} <a href="/${pick(WORDS, rng)}">meta</a></div>`;
    default:
      return `<p>${words(20 + Math.floor(rng() * 40), rng)}</p>`;
  }
}

/** Generates a page of about `size` characters with a head of tags and a body with some tags among filler. */
function generatePage(index: number, size: number, rng: Rng): RegexMetaInput {
  const parts = [`<!DOCTYPE html>\n<html lang="en">\n<head>\n<title>paralab page ${index}</title>`];
  const expected: MetaTag[] = [];
  const add = ([markup, tag]: [string, MetaTag]): void => {
    parts.push(markup);
    expected.push(tag);
  };
  for (let i = 2 + Math.floor(rng() * 6); i > 0; i--) add(metaTag(rng));
  parts.push('</head>\n<body>');
  let length = parts.reduce((sum, part) => sum + part.length + 1, 0);
  while (length < size) {
    const part = filler(rng);
    parts.push(part);
    length += part.length + 1;
    if (rng() < 0.02) add(metaTag(rng));
  }
  parts.push('</body>\n</html>\n');
  return { html: parts.join('\n'), expected };
}

/**
 * CPU-bound text scan (the articles' "find the `<meta>` tags of fetched pages"): regular expressions find
 * every `<meta ...>` tag of a seeded HTML page, among decoys; one page per task. Checked against the tags
 * the generator wrote.
 */
export const regexMeta: Workload<typeof params, RegexMetaInput, MetaTag[]> = defineWorkload({
  id: 'regex-meta',
  kind: 'cpu',
  description:
    'Regular-expression scan for <meta> tags (name, content) in seeded HTML pages, one page per task.',
  params,
  prepare: ({ pages, kib }, { seed }) => {
    const rng = createRng(seed);
    return Array.from({ length: pages }, (_, i) => generatePage(i, kib * 1024, rng));
  },
  run: ({ html }) => findMetaTags(html),
  verify: (output, { expected }) => {
    if (!Array.isArray(output)) return `expected an array of meta tags, got ${String(output)}`;
    if (output.length !== expected.length)
      return `expected ${expected.length} meta tags, got ${output.length}`;
    for (const [i, want] of expected.entries()) {
      const got = output[i];
      if (got?.name !== want.name || got.content !== want.content) {
        return `meta tag ${i}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`;
      }
    }
    return true;
  },
});
