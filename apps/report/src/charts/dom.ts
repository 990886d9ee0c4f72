import type * as Plot from '@observablehq/plot';
import { plot } from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { raw, type SafeHtml } from '../render/html/escape.js';

let shared: Document | undefined;

/** A server-side DOM document (linkedom) for Observable Plot to render into. */
function serverDocument(): Document {
  // linkedom implements the part of the DOM that Plot uses; its types are its own, hence the cast.
  shared ??= parseHTML('<!doctype html><html><head></head><body></body></html>')
    .document as unknown as Document;
  return shared;
}

/**
 * Renders an Observable Plot chart to static SVG markup at build time. Text from the data is escaped by the
 * DOM's serializer; as a second line of defence, markup holding a script element is refused.
 */
export function renderPlot(options: Plot.PlotOptions): SafeHtml {
  const figure = plot({ ...options, document: serverDocument() });
  const markup = figure.outerHTML;
  if (/<script/i.test(markup))
    throw new Error('chart markup holds a script element (this is a bug in paralab)');
  return raw(markup);
}
