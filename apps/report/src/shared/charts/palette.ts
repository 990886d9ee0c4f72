/**
 * Colours, shapes and dashes that charts use for families and runtimes. Colours come from the Okabe-Ito
 * palette (safe for the common colour-vision deficiencies); every series also gets its own symbol and,
 * for lines, its own dash pattern, and charts label series in text, so nothing is told by colour alone
 * (a chart printed in grey still reads).
 */
export interface SeriesStyle {
  colour: string;
  /** An Observable Plot symbol name. */
  symbol: string;
  /** An SVG stroke-dasharray ('' for a solid line). */
  dash: string;
}

const FAMILY_STYLES: Readonly<Record<string, SeriesStyle>> = {
  sequential: { colour: '#000000', symbol: 'circle', dash: '' },
  async: { colour: '#0072b2', symbol: 'square', dash: '6,3' },
  threads: { colour: '#e69f00', symbol: 'triangle', dash: '' },
  hybrid: { colour: '#009e73', symbol: 'diamond', dash: '2,2' },
  processes: { colour: '#d55e00', symbol: 'cross', dash: '8,3,2,3' },
};

const SPARE_STYLES: readonly SeriesStyle[] = [
  { colour: '#cc79a7', symbol: 'star', dash: '4,4' },
  { colour: '#56b4e9', symbol: 'wye', dash: '1,3' },
  { colour: '#f0e442', symbol: 'times', dash: '10,4' },
];

function spare(name: string): SeriesStyle {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return SPARE_STYLES[hash % SPARE_STYLES.length] as SeriesStyle;
}

/** The style of a family (`cell.family`); a family this report does not know gets a spare one by name. */
export function familyStyle(family: string): SeriesStyle {
  return FAMILY_STYLES[family] ?? spare(family);
}

const RUNTIME_STYLES: readonly SeriesStyle[] = [
  { colour: '#0072b2', symbol: 'circle', dash: '' },
  { colour: '#d55e00', symbol: 'square', dash: '6,3' },
  { colour: '#009e73', symbol: 'triangle', dash: '2,2' },
  { colour: '#cc79a7', symbol: 'diamond', dash: '8,3,2,3' },
  { colour: '#e69f00', symbol: 'star', dash: '4,4' },
  { colour: '#000000', symbol: 'cross', dash: '1,3' },
];

/** The style of the i-th runtime of a chart (runtimes in report order), cycling after six. */
export function runtimeStyle(index: number): SeriesStyle {
  return RUNTIME_STYLES[index % RUNTIME_STYLES.length] as SeriesStyle;
}

/**
 * The style of the i-th series of a chart whose series are strategies rather than families (several
 * strategies of one family side by side, as in the serving and task-size charts): the runtimes' six styles,
 * each with its own colour, symbol and dash, cycling after six.
 */
export function seriesStyle(index: number): SeriesStyle {
  return runtimeStyle(index);
}

/**
 * A light-to-dark blue for a factor relative to the fastest (1 = fastest, lightest; 3 or more, darkest):
 * one hue whose lightness falls steadily, so it also reads in grey. Returns the background and a text
 * colour that stays legible on it.
 */
export function factorShade(factor: number): { background: string; text: string } {
  const t = Math.max(0, Math.min(1, Math.log(Math.max(1, factor)) / Math.log(3)));
  const lightness = Math.round(96 - t * 62);
  return { background: `hsl(207 70% ${lightness}%)`, text: lightness < 55 ? '#ffffff' : '#1f2328' };
}
