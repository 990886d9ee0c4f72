/**
 * The report page's own script, inlined into the page as `(${clientMain})()`: it must not reference anything
 * outside its body. It shows the filter bar (hidden without JavaScript, where the page stays fully readable),
 * hides elements whose `data-runtime` / `data-workload` / `data-kind` lists do not hold the chosen value, and
 * shows a cell's raw samples from the embedded data when its row is clicked. It only ever sets
 * `textContent`, never markup, so data from results files cannot become code.
 */
export function clientMain(): void {
  const bar = document.getElementById('filters');
  const selects = Array.from(document.querySelectorAll<HTMLSelectElement>('#filters select'));
  const status = document.getElementById('filter-status');
  const apply = (): void => {
    let shown = 0;
    let total = 0;
    for (const element of Array.from(document.querySelectorAll<HTMLElement>('[data-f]'))) {
      const visible = selects.every((select) => {
        const have = element.getAttribute(`data-${select.name}`);
        return select.value === '' || have === null || have.split(' ').includes(select.value);
      });
      element.hidden = !visible;
      if (element.tagName === 'TR') {
        total += 1;
        if (visible) shown += 1;
      }
    }
    if (status) status.textContent = `${shown} of ${total} table rows shown`;
  };
  for (const select of selects) select.addEventListener('change', apply);
  if (bar) bar.hidden = false;
  apply();

  const dataNode = document.getElementById('paralab-data');
  const data = dataNode
    ? (JSON.parse(dataNode.textContent ?? '{}') as {
        runs?: Record<string, { path: string; cells: Array<Record<string, unknown>> }>;
      })
    : {};
  const inspector = document.getElementById('inspector');
  const title = document.getElementById('inspector-title');
  const body = document.getElementById('inspector-body');
  const show = (ref: string): void => {
    const [runId, index] = ref.split(':');
    const run = data.runs?.[runId ?? ''];
    const cell = run?.cells[Number(index)];
    if (!cell || !inspector || !title || !body) return;
    const stats = cell.stats as Record<string, unknown> | undefined;
    const samples = (cell.samples as number[]).map((v) => v.toFixed(3)).join(', ');
    title.textContent = `${String(cell.id)} (${run?.path ?? ''})`;
    body.textContent = [
      `status: ${String(cell.status)}${cell.reason ? ` (${String(cell.reason)})` : ''}`,
      `flags: ${(cell.flags as string[]).join(', ') || 'none'}`,
      `samples (ms): ${samples || 'none'}`,
      `warm-ups (ms): ${(cell.warmups as number[]).map((v) => v.toFixed(3)).join(', ') || 'none'}`,
      `stats: ${stats ? JSON.stringify(stats, null, 1) : 'none'}`,
      `speedup: ${cell.speedup ? JSON.stringify(cell.speedup) : 'none'}`,
      `tasks per sample: ${String(cell.tasksPerSample)}; start-up: ${cell.startupMs === undefined ? 'n/a' : `${Number(cell.startupMs).toFixed(2)} ms`}`,
      `options: ${JSON.stringify(cell.options)}`,
      `params: ${JSON.stringify(cell.params)}`,
    ].join('\n');
    inspector.hidden = false;
  };
  document.addEventListener('click', (event) => {
    const row = (event.target as Element | null)?.closest?.('[data-cell]');
    const ref = row?.getAttribute('data-cell');
    if (ref) show(ref);
  });
  document.addEventListener('keydown', (event) => {
    const ref = (event.target as Element | null)?.getAttribute?.('data-cell');
    if (event.key === 'Enter' && ref) show(ref);
    if (event.key === 'Escape' && inspector) inspector.hidden = true;
  });
  document.getElementById('inspector-close')?.addEventListener('click', () => {
    if (inspector) inspector.hidden = true;
  });
}
