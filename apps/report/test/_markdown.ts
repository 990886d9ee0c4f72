/** Rows of the first Markdown table after `heading`, each cell unescaped to its plain text. */
export function markdownTable(markdown: string, heading: string): string[][] {
  const start = markdown.indexOf(heading);
  if (start === -1) throw new Error(`no heading ${heading}`);
  const lines = markdown.slice(start).split('\n');
  const first = lines.findIndex((line) => line.startsWith('|'));
  const table: string[] = [];
  for (const line of lines.slice(first)) {
    if (!line.startsWith('|')) break;
    table.push(line);
  }
  return table.slice(2).map((line) =>
    line
      .slice(2, -2)
      .split(/ (?<!\\)\| /)
      .map((cell) =>
        cell.replace(/\\(.)/g, '$1').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'),
      ),
  );
}
