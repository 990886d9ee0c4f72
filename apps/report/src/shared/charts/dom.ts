import type * as Plot from '@observablehq/plot';
import { plot } from '@observablehq/plot';
import { bug } from '@paralab/core';
import { parseHTML } from 'linkedom';
import { raw, type SafeHtml } from '../html/escape.js';

let shared: Document | undefined;

/** A server-side DOM document (linkedom) for Observable Plot to render into. */
function serverDocument(): Document {
  // linkedom implements the part of the DOM that Plot uses; its types are its own, hence the cast.
  shared ??= parseHTML('<!doctype html><html><head></head><body></body></html>')
    .document as unknown as Document;
  return shared;
}

/** SVG attributes that hold only geometry, in px: rounded to 0.1 px, which no screen shows. */
const GEOMETRY = /\s(d|transform|x|y|x1|x2|y1|y2|cx|cy|r|width|height|points)="([^"]*)"/g;

/** The chart's markup with its coordinates rounded (Plot writes 15 digits; this keeps the page light). */
function rounded(markup: string): string {
  return markup.replace(GEOMETRY, (_, name: string, value: string) => {
    const short = value.replace(/-?\d+\.\d{2,}(e-?\d+)?/g, (n) => String(Math.round(Number(n) * 10) / 10));
    return ` ${name}="${short}"`;
  });
}

/**
 * Renders an Observable Plot chart to static SVG markup at build time (no script, no external URL). Text
 * from the data is escaped by the DOM's serializer; as a second line of defence, markup holding a script
 * element is refused. `label` becomes the chart's accessible name (`role="img"`, `aria-label`).
 */
export function renderPlot(options: Plot.PlotOptions, label: string): SafeHtml {
  // Attribute values keep `<` as it is when serialized (valid HTML); the label is the one attribute built
  // from names in results files, so its angle brackets become look-alikes and the check below stays strict.
  const ariaLabel = label.replace(/</g, '‹').replace(/>/g, '›');
  const figure = plot({ ...options, ariaLabel, document: serverDocument() });
  figure.setAttribute('role', 'img');
  const markup = rounded(figure.outerHTML);
  if (/<script/i.test(markup)) throw bug('chart markup holds a script element');
  return raw(markup);
}
