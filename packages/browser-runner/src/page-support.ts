// Which of a user's workloads can run in a web page: a workload whose code (with everything it imports,
// tree-shaken to that one export) still reaches a Node built-in module cannot; the others of the same
// module still run, with the built-ins the page never calls replaced by an empty stand-in.

import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { isWorkload } from '@paralab/core';
import type { CatalogEntry, RunModule } from '@paralab/host';
import { build, type Loader, type Plugin } from 'esbuild';

/** Node's built-in modules (`node:fs`, `fs/promises`, `path` ...): what a page does not have. */
const NODE_BUILTIN =
  /^(node:.*|(assert|buffer|child_process|cluster|crypto|dgram|dns|events|fs|http|http2|https|inspector|module|net|os|path|perf_hooks|process|querystring|readline|stream|string_decoder|timers|tls|tty|url|util|v8|vm|worker_threads|zlib)(\/.*)?)$/;

/** The namespace esbuild gives the stand-ins: an input named `unavailable:node:fs` was reached. */
const UNAVAILABLE = 'unavailable';

/**
 * An esbuild plugin that resolves Node's built-in modules to an empty CommonJS stand-in without side
 * effects: a module whose page code never calls them bundles and loads; where they were reached shows in
 * the metafile's inputs (`unavailable:node:fs/promises`).
 */
export const nodeBuiltinsUnavailable: Plugin = {
  name: 'paralab-node-builtins-unavailable',
  setup(builder) {
    builder.onResolve({ filter: NODE_BUILTIN }, (args) => ({
      path: args.path,
      namespace: UNAVAILABLE,
      sideEffects: false,
    }));
    builder.onLoad({ filter: /.*/, namespace: UNAVAILABLE }, () => ({
      contents: 'module.exports = {};',
      loader: 'js',
    }));
  },
};

/**
 * The workloads of the user's modules that cannot run in a page, by workload id, each with a one-line
 * reason naming the Node modules it reaches. Built-in modules are the browser runner's own and always run.
 */
export async function pageUnsupported(
  modules: readonly RunModule[],
  catalog: readonly CatalogEntry[],
): Promise<Map<string, string>> {
  const unsupported = new Map<string, string>();
  for (const module of modules) {
    if (module.builtin || !module.source) continue;
    const ids = new Set(catalog.filter((entry) => entry.module === module).map((entry) => entry.workload.id));
    for (const [name, workloadIds] of await exportsOf(module, ids)) {
      const reached = await nodeModulesReached(module.source, name);
      if (reached.length === 0) continue;
      const reason = `it imports ${reached.join(', ')}, which a web page does not have (measure it with paralab-node or paralab-bun)`;
      for (const id of workloadIds) unsupported.set(id, reason);
    }
  }
  return unsupported;
}

/** The module's exports that hold workloads of `ids` (a workload or an array of them), by export name. */
async function exportsOf(module: RunModule, ids: ReadonlySet<string>): Promise<Map<string, string[]>> {
  const namespace = (await import(module.url)) as Record<string, unknown>;
  const found = new Map<string, string[]>();
  for (const [name, value] of Object.entries(namespace)) {
    const held = (Array.isArray(value) ? value : [value]).filter(isWorkload).map((w) => w.id);
    const own = held.filter((id) => ids.has(id));
    if (own.length > 0) found.set(name, own);
  }
  return found;
}

/**
 * The Node built-ins that the export `name` of `source` reaches once bundled alone for a browser. The
 * source's `defineWorkload(...)` calls are marked pure, so tree-shaking drops the workloads not exported
 * (workloads built another way, or in other files, are kept whole: they are judged with their neighbours).
 */
async function nodeModulesReached(source: string, name: string): Promise<string[]> {
  const pureDefinitions: Plugin = {
    name: 'paralab-pure-definitions',
    setup(builder) {
      builder.onLoad({ filter: /.*/ }, async (args) =>
        args.path === source
          ? {
              contents: (await readFile(source, 'utf8')).replace(
                /\bdefineWorkload\s*\(/g,
                '/* @__PURE__ */ defineWorkload(',
              ),
              loader: loaderOf(source),
            }
          : undefined,
      );
    },
  };
  const result = await build({
    stdin: { contents: `export { ${name} } from ${JSON.stringify(source)};`, resolveDir: '/', loader: 'js' },
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'esm',
    logLevel: 'silent',
    metafile: true,
    plugins: [nodeBuiltinsUnavailable, pureDefinitions],
  });
  const inputs = Object.values(result.metafile.outputs).flatMap((output) => Object.keys(output.inputs));
  const prefix = `${UNAVAILABLE}:`;
  return [...new Set(inputs.filter((input) => input.startsWith(prefix)).map((i) => i.slice(prefix.length)))];
}

function loaderOf(path: string): Loader {
  const extension = extname(path);
  if (extension === '.tsx' || extension === '.jsx') return extension.slice(1) as Loader;
  return ['.ts', '.mts', '.cts'].includes(extension) ? 'ts' : 'js';
}
