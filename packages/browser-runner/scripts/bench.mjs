// `pnpm bench` in the browser runner: the browsers $PARALAB_BROWSERS names, else Chromium (installed with
// apt-get when missing, as before) and then every other browser found on this machine (Firefox ESR when
// /usr/bin/firefox-esr or $PARALAB_FIREFOX exists). One engine after the other, each writing
// results/<browser>.json at the repository's root.
import { browserCli } from '../dist/index.js';

const chosen = process.env.PARALAB_BROWSERS?.trim() || 'installed';
let code = await browserCli(['--ensure-browser', '--browser', chosen === 'installed' ? 'chromium' : chosen]);
if (code === 0)
  code = await browserCli([
    '--browser',
    chosen,
    '--out',
    '../../results/{browser}.json',
    ...process.argv.slice(2),
  ]);
process.exitCode = code;
