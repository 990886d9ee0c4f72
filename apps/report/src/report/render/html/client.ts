/**
 * The report page's own script, inlined into the page as `(${clientMain})()`: it must not reference anything
 * outside its body. It shows the filter bar (hidden without JavaScript, where the page stays fully readable),
 * hides elements whose `data-runtime` / `data-workload` / `data-kind` lists do not hold the chosen value,
 * opens the collapsed part that a link points into, and shows a cell's raw samples from the embedded data
 * when its row is clicked (or focused and Enter or Space pressed). It only ever sets `textContent`, never
 * markup, so data from results files cannot become code.
 */
export function clientMain(): void {
  const bar = document.getElementById('filters');
  const selects = Array.from(document.querySelectorAll<HTMLSelectElement>('#filters select'));
  const status = document.getElementById('filter-status');
  const apply = (): void => {
    let [shown, total] = [0, 0];
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

  const openTarget = (): void => {
    const target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
    for (let node = target?.parentElement; node; node = node.parentElement) {
      if (node.tagName === 'DETAILS') (node as HTMLDetailsElement).open = true;
    }
    target?.scrollIntoView();
  };
  window.addEventListener('hashchange', openTarget);
  if (location.hash) openTarget();

  const dataNode = document.getElementById('paralab-data');
  const data = JSON.parse(dataNode?.textContent ?? '{}') as {
    runs?: Record<string, { path: string; cells: Array<Record<string, unknown>> }>;
  };
  const inspector = document.getElementById('inspector');
  const title = document.getElementById('inspector-title');
  const body = document.getElementById('inspector-body');
  const list = (values: unknown): string =>
    (Array.isArray(values) ? values.map(String).join(', ') : 'none') || 'none';
  const show = (ref: string): void => {
    const [runId, index] = ref.split(':');
    const run = data.runs?.[runId ?? ''];
    const cell = run?.cells[Number(index)];
    if (!cell || !inspector || !title || !body) return;
    title.textContent = `${String(cell.id)} (${run?.path ?? ''})`;
    body.textContent = [
      `status: ${String(cell.status)}${cell.reason ? ` (${String(cell.reason)})` : ''}; family: ${String(cell.family)}`,
      `flags: ${list(cell.flags)}`,
      `samples (ms): ${list(cell.samples)}`,
      `warm-ups (ms): ${list(cell.warmups)}`,
      `stats: ${cell.stats ? JSON.stringify(cell.stats) : 'none'}`,
      `speedup: ${cell.speedup ? JSON.stringify(cell.speedup) : 'none'}`,
      `tasks per sample: ${String(cell.tasksPerSample)}; start-up: ${cell.startupMs === undefined ? 'n/a' : `${String(cell.startupMs)} ms`}`,
      `options: ${JSON.stringify(cell.options)}`,
      `params: ${JSON.stringify(cell.params)}`,
    ].join('\n');
    inspector.hidden = false;
  };
  document.addEventListener('click', (event) => {
    const ref = (event.target as Element | null)?.closest?.('[data-cell]')?.getAttribute('data-cell');
    if (ref) show(ref);
  });
  document.addEventListener('keydown', (event) => {
    const ref = (event.target as Element | null)?.getAttribute?.('data-cell');
    if ((event.key === 'Enter' || event.key === ' ') && ref) {
      event.preventDefault();
      show(ref);
    }
    if (event.key === 'Escape' && inspector) inspector.hidden = true;
  });
  document.getElementById('inspector-close')?.addEventListener('click', () => {
    if (inspector) inspector.hidden = true;
  });
}
