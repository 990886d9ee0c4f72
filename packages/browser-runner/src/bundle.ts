import { createRequire } from 'node:module';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ParalabError } from '@paralab/core';
import { type BuildFailure, type BuildOptions, build, type OutputFile } from 'esbuild';
import type { ServedFile } from './page-server.js';
import { nodeBuiltinsUnavailable } from './page-support.js';
import type { PageAssets, PageModule } from './protocol.js';

/** Where the bundles are served, under the page server's root. */
const BASE = '/paralab';

/** The built page harness and worker scripts this package bundles for every run. */
const ENTRIES = {
  page: fileURLToPath(new URL('./page/main.js', import.meta.url)),
  worker: fileURLToPath(new URL('./entry/peer-worker.js', import.meta.url)),
  'workerpool-worker': fileURLToPath(new URL('./entry/workerpool-worker.js', import.meta.url)),
};

/** Everything a run's page needs, bundled: the files to serve, and where each part is. */
export interface PageBundle {
  readonly files: ReadonlyMap<string, ServedFile>;
  readonly assets: PageAssets;
  readonly modules: readonly PageModule[];
  /** Versions of the libraries bundled into the page. */
  readonly libraries: { readonly workerpool: string };
}

const HTML = `<!doctype html>
<html lang="en"><meta charset="utf-8"><title>paralab</title>
<script type="module" src="${BASE}/page.js"></script>
</html>
`;

/**
 * Bundles the page harness, its worker scripts and the workload modules for the browser with esbuild, in
 * memory. Each module is a `file:` URL or package name, or `{ key, path }`: the name the page is asked for
 * (the URL the host plans with) and the file to bundle (the user's own source, TypeScript included). ES modules with
 * shared chunks, so the page and its workers load the same workload code; the peer worker a second time as
 * a classic script. Node's built-in modules bundle as empty stand-ins (the workloads that reach them are
 * recorded unsupported before the run, see `pageUnsupported`); a module that cannot be bundled for a
 * browser for another reason is a one-line `ParalabError` naming it.
 */
export async function bundlePage(
  specifiers: readonly (string | { readonly key: string; readonly path: string })[],
): Promise<PageBundle> {
  const modules = specifiers.map((entry, i) => {
    const { key, path } = typeof entry === 'string' ? { key: entry, path: entry } : entry;
    return { specifier: key, name: `workloads/w${i}`, path: path.startsWith('/') ? path : pathOf(path) };
  });
  const outdir = '/paralab-page';
  const common: BuildOptions = {
    bundle: true,
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    outdir,
    // workerpool's browser build requires these only when it finds itself on Node: never in a page.
    external: ['worker_threads', 'child_process', 'os'],
    // A module whose other workloads import Node's modules still loads (those are never run in a page).
    plugins: [nodeBuiltinsUnavailable],
  };
  const [modular, classic] = await Promise.all([
    run(
      build({
        ...common,
        entryPoints: { ...ENTRIES, ...Object.fromEntries(modules.map((m) => [m.name, m.path])) },
        format: 'esm',
        splitting: true,
        entryNames: '[dir]/[name]',
        chunkNames: 'chunks/[name]-[hash]',
      }),
    ),
    run(
      build({
        ...common,
        entryPoints: { 'worker-classic': ENTRIES.worker },
        format: 'iife',
      }),
    ),
  ]);
  const files = new Map<string, ServedFile>([['/', { body: HTML, type: 'text/html; charset=utf-8' }]]);
  for (const output of [...modular, ...classic]) {
    if (!output.path.endsWith('.js')) continue;
    files.set(`${BASE}/${relative(outdir, output.path)}`, {
      body: output.contents,
      type: 'text/javascript; charset=utf-8',
    });
  }
  return {
    files,
    assets: {
      worker: `${BASE}/worker.js`,
      workerClassic: `${BASE}/worker-classic.js`,
      workerpoolWorker: `${BASE}/workerpool-worker.js`,
    },
    modules: modules.map(({ specifier, name }) => ({ specifier, url: `${BASE}/${name}.js` })),
    libraries: { workerpool: versionOf('workerpool') },
  };
}

async function run(building: Promise<{ outputFiles?: OutputFile[] }>): Promise<OutputFile[]> {
  try {
    return (await building).outputFiles ?? [];
  } catch (thrown) {
    const first = (thrown as Partial<BuildFailure>).errors?.[0];
    if (!first) throw thrown;
    const where = first.location ? `${first.location.file}:${first.location.line}: ` : '';
    throw new ParalabError(
      'ERR_MODULE',
      `cannot bundle the workloads for the browser: ${where}${first.text}`,
    );
  }
}

/** The file a workload module specifier names: `file:` URLs as they are, packages as Node resolves them. */
function pathOf(specifier: string): string {
  if (specifier.startsWith('file:')) return fileURLToPath(specifier);
  try {
    return fileURLToPath(import.meta.resolve(specifier));
  } catch {
    throw new ParalabError('ERR_MODULE', `cannot resolve workload module "${specifier}" for the browser`);
  }
}

function versionOf(name: string): string {
  const require = createRequire(import.meta.url);
  return (require(`${name}/package.json`) as { version: string }).version;
}
