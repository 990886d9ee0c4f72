/**
 * Markup that is already safe: produced by `html`, or by `raw` for trusted text (the page's own CSS and
 * script, SVG serialized by the DOM). Never build one from a results file's strings.
 */
export class SafeHtml {
  readonly #markup: string;
  constructor(markup: string) {
    this.#markup = markup;
  }
  /** The markup. */
  toString(): string {
    return this.#markup;
  }
}

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML text and quoted attribute values: `& < > " '`. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}

/** Marks trusted markup as safe. Only for markup this package generates, never for data. */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

function interpolate(value: unknown): string {
  if (value instanceof SafeHtml) return value.toString();
  if (Array.isArray(value)) return value.map(interpolate).join('');
  if (value === undefined || value === null || value === false) return '';
  return escapeHtml(String(value));
}

/**
 * Tagged template for HTML: every interpolated value is escaped unless it is a `SafeHtml` (from `html` or
 * `raw`); arrays are joined, and `undefined`, `null` and `false` render nothing, so
 * `html\`<td>${name}</td>\`` is safe whatever `name` holds. Attribute values must be quoted.
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let markup = strings[0] ?? '';
  values.forEach((value, i) => {
    markup += interpolate(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(markup);
}

/**
 * Data for the page as `<script type="application/json">`: JSON with `<` written `\u003c` (and the line
 * separators U+2028/U+2029 escaped), so no string in it can close the element or open a comment.
 */
export function jsonScript(id: string, data: unknown): SafeHtml {
  const json = JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  return html`<script type="application/json" id="${id}">${raw(json)}</script>`;
}
