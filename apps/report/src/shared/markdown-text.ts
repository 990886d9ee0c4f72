/**
 * Escapes text for one GitHub-flavoured Markdown table cell or line: HTML-significant characters become
 * entities (so `<script>` shows as text), Markdown punctuation is backslash-escaped, newlines become spaces.
 */
export function mdText(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~#!]/g, (char) => `\\${char}`);
}

/** A GitHub-flavoured Markdown table; every cell is escaped with `mdText`. */
export function mdTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.map(mdText).join(' | ')} |`;
  return [line(header), `|${header.map(() => '---').join('|')}|`, ...rows.map(line)].join('\n');
}

/** A collapsed block: `<details><summary>…</summary>` with Markdown inside (GitHub renders it). */
export function mdDetails(summary: string, body: string): string {
  return `<details><summary>${mdText(summary)}</summary>\n\n${body}\n\n</details>`;
}
