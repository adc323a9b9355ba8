// Builds every bundle into dist/ (extension host, training core, CLI, renderers) and, with --tests, the tests into out/.
import * as esbuild from 'esbuild';
import { cpSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const tests = process.argv.includes('--tests');

const node = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  // tfjs-core looks for node-fetch only when fetch is missing; Node 20 has fetch.
  external: ['vscode', 'node-fetch', '@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu'],
  // jsonc-parser's UMD build requires its own files at run time; its ES module build bundles cleanly.
  alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
};

const builds = [
  { ...node, entryPoints: { extension: 'src/extension.ts' }, outdir: 'dist' },
  { ...node, entryPoints: { core: 'src/core/main.ts' }, outdir: 'dist' },
  { ...node, entryPoints: { cli: 'src/cli/main.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } },
  {
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    sourcemap: production ? false : 'inline',
    minify: production,
    logLevel: 'warning',
    entryPoints: {
      'renderers/training': 'webview/renderers/training.ts',
      'renderers/results': 'webview/renderers/results.ts',
      'dashboard/main': 'webview/dashboard/main.ts',
    },
    outdir: 'dist/webview',
  },
];

function files(dir, suffix) {
  return readdirSync(dir).flatMap((f) => {
    if (f === 'node_modules') return [];
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p, suffix) : p.endsWith(suffix) ? [p] : [];
  });
}

rmSync('dist', { recursive: true, force: true });
mkdirSync('dist', { recursive: true });
// The wasm backend loads its binaries from beside the core bundle.
// The threaded build also needs its Emscripten factory as a file: each pthread worker loads it (src/core/wasmThreads.ts).
for (const f of ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm', 'tfjs-backend-wasm-threaded-simd.js']) {
  cpSync(join('node_modules/@tensorflow/tfjs-backend-wasm/wasm-out', f), join('dist', f));
}

if (tests) {
  // Tests and the sources they import, transpiled file by file (no bundling) so mocha can load them from out/.
  rmSync('out', { recursive: true, force: true });
  builds.push({
    entryPoints: [...files('src', '.ts'), ...files('test/unit', '.ts'), ...files('test/integration', '.ts'), ...files('test/bench', '.ts')],
    outdir: 'out',
    outbase: '.',
    bundle: false,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    logLevel: 'warning',
  });
}

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
  console.log('esbuild: watching');
} else {
  const started = Date.now();
  await Promise.all(builds.map((b) => esbuild.build(b)));
  console.log(`esbuild: built ${builds.length} targets in ${Date.now() - started} ms${production ? ' (production)' : ''}`);
}
