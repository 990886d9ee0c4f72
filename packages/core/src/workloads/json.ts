import { createRng, type Rng } from '../random.js';
import { defineWorkload, type Workload } from '../workload.js';

const params = {
  documents: {
    type: 'integer',
    default: 16,
    min: 1,
    max: 4096,
    description: 'JSON documents per sample (one task each).',
  },
  kib: {
    type: 'integer',
    default: 512,
    min: 1,
    max: 65536,
    description: 'Approximate size of each document, in KiB.',
  },
} as const;

/** What the task computes from one document; the generator knows it in advance. */
export interface JsonSummary {
  /** Number of orders in the document. */
  readonly orders: number;
  /** Number of line items over all orders. */
  readonly items: number;
  /** Sum over all items of `qty * priceCents` (an integer, in cents). */
  readonly totalCents: number;
  /** Length, in UTF-16 code units (= bytes: the text is ASCII), of the re-serialised document. */
  readonly bytes: number;
}

/** One task of `json`: a document's text and the answer the task must find. */
export interface JsonInput {
  /** A JSON text of about `kib` KiB: `{ schema, document, customer, orders: [...] }`, ASCII only. */
  readonly text: string;
  /** The summary the generator computed while writing `text`. */
  readonly expected: JsonSummary;
}

interface Item {
  sku: string;
  qty: number;
  priceCents: number;
  tags: string[];
}

interface Order {
  id: number;
  placedAt: string;
  status: string;
  shipping: { city: string; zip: string; express: boolean };
  items: Item[];
  totalCents?: number;
}

const WORDS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet'];
const STATUSES = ['placed', 'paid', 'shipped', 'delivered', 'returned'];

const pick = <T>(items: readonly T[], rng: Rng): T => items[Math.floor(rng() * items.length)] as T;
const int = (below: number, rng: Rng): number => Math.floor(rng() * below);

function generateOrder(id: number, rng: Rng): Order {
  const items = Array.from({ length: 1 + int(8, rng) }, () => ({
    sku: `${pick(WORDS, rng)}-${int(100000, rng)}`,
    qty: 1 + int(20, rng),
    priceCents: 1 + int(100000, rng),
    tags: Array.from({ length: int(4, rng) }, () => pick(WORDS, rng)),
  }));
  const day = String(1 + int(28, rng)).padStart(2, '0');
  return {
    id,
    placedAt: `2024-${String(1 + int(12, rng)).padStart(2, '0')}-${day}T${String(int(24, rng)).padStart(2, '0')}:00:00Z`,
    status: pick(STATUSES, rng),
    shipping: { city: pick(WORDS, rng), zip: String(10000 + int(90000, rng)), express: rng() < 0.2 },
    items,
  };
}

/** The task's transformation: adds each order's `totalCents` (as its last key) and sums them. */
function summarise(text: string): { value: unknown; summary: Omit<JsonSummary, 'bytes'> } {
  const doc = JSON.parse(text) as { orders: Order[] };
  let items = 0;
  let totalCents = 0;
  for (const order of doc.orders) {
    let orderCents = 0;
    for (const item of order.items) orderCents += item.qty * item.priceCents;
    order.totalCents = orderCents;
    items += order.items.length;
    totalCents += orderCents;
  }
  return { value: doc, summary: { orders: doc.orders.length, items, totalCents } };
}

/** Generates one document of about `size` characters and, independently of the task, its expected summary. */
function generateDocument(document: number, size: number, rng: Rng): JsonInput {
  const customer = {
    id: int(1e9, rng),
    name: `${pick(WORDS, rng)} ${pick(WORDS, rng)}`,
    tier: pick(WORDS, rng),
  };
  const orders: Order[] = [];
  let length = 0;
  let items = 0;
  let totalCents = 0;
  let added = 0;
  while (length < size) {
    const order = generateOrder(orders.length + 1, rng);
    const cents = order.items.reduce((sum, item) => sum + item.qty * item.priceCents, 0);
    orders.push(order);
    length += JSON.stringify(order).length + 1;
    items += order.items.length;
    totalCents += cents;
    added += `,"totalCents":${cents}`.length;
  }
  const text = JSON.stringify({ schema: 'paralab-orders/1', document, customer, orders });
  return { text, expected: { orders: orders.length, items, totalCents, bytes: text.length + added } };
}

/**
 * CPU-bound data transform: `JSON.parse` of a seeded orders document, a sum over its line items, and
 * `JSON.stringify` of the enriched document; one document per task. Output a small summary, checked against
 * the generator's known answer.
 */
export const json: Workload<typeof params, JsonInput, JsonSummary> = defineWorkload({
  id: 'json',
  kind: 'cpu',
  description: 'JSON.parse, sum and JSON.stringify of a seeded orders document (~kib KiB), one per task.',
  params,
  prepare: ({ documents, kib }, { seed }) => {
    const rng = createRng(seed);
    return Array.from({ length: documents }, (_, i) => generateDocument(i, kib * 1024, rng));
  },
  run: ({ text }) => {
    const { value, summary } = summarise(text);
    return { ...summary, bytes: JSON.stringify(value).length };
  },
  verify: (output, { expected }) => {
    if (typeof output !== 'object' || output === null)
      return `expected a summary object, got ${String(output)}`;
    for (const key of ['orders', 'items', 'totalCents', 'bytes'] as const) {
      if (output[key] !== expected[key])
        return `expected ${key} ${expected[key]}, got ${String(output[key])}`;
    }
    return true;
  },
});
