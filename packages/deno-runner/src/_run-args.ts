/**
 * The arguments of `deno` that run one of this package's entries: all permissions, packages from the local
 * node_modules only (never the registry: `auto` and `none` try it and fail offline), and the heap limit (Deno
 * passes V8 flags through `--v8-flags`), plus any further V8 flags (`--expose-gc`).
 */
export function denoRunArgs(entry: string, heapMb: number, v8Flags: readonly string[] = []): string[] {
  const flags = [`--max-old-space-size=${heapMb}`, ...v8Flags].join(',');
  return ['run', '-A', '--node-modules-dir=manual', `--v8-flags=${flags}`, entry];
}
