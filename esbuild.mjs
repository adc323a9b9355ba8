// Builds every bundle into dist/ (extension host, training core, CLI, renderers) and, with --tests, the tests into out/.
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const production = process.argv.includes('--production');
const updateKernels = process.argv.includes('--update-kernels');
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
  // A replica of the model in a worker thread beside the core (src/core/backends/replicaPool.ts starts it).
  { ...node, entryPoints: { replica: 'src/core/backends/replica.ts' }, outdir: 'dist' },
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
// The threaded build also needs its Emscripten factory as a file: each pthread worker loads it (src/core/backends/wasmThreads.ts).
for (const f of [
  'tfjs-backend-wasm.wasm',
  'tfjs-backend-wasm-simd.wasm',
  'tfjs-backend-wasm-threaded-simd.wasm',
  'tfjs-backend-wasm-threaded-simd.js',
]) {
  cpSync(join('node_modules/@tensorflow/tfjs-backend-wasm/wasm-out', f), join('dist', f));
}

// Our own SIMD kernels (src/core/backends/wasmKernels.c), one module for tfjs-wasm's plain memory and one for the shared memory
// of its threaded build, and our matrix products (src/core/backends/wasmGemm.c, relaxed SIMD, for the plain memory only). They
// work in tfjs-wasm's memory, so they must not use the C stack or static data: the stack is 0 bytes at address 0 (a
// push traps, it cannot write into tfjs's data), and a data section fails the build. clang 19: Debian's default clang
// 14 writes relaxed SIMD with the proposal's early opcodes, which no runtime accepts now.
const SHARED_MEMORY = ['-matomics', '-Wl,--shared-memory', '-Wl,--max-memory=4294967296'];
// The compiled modules are committed beside their C sources (`<source>.wasm`), so a machine without clang 19 builds
// from them; where clang 19 is there (CI installs it) each is compiled again and must match the committed one byte for
// byte, custom sections aside (they name the output file): a C change without its module fails the build.
const WASM_KERNELS = {
  'bigmodel-kernels.wasm': ['src/core/backends/wasmKernels.c', 'src/core/backends/wasmKernels.wasm'],
  'bigmodel-kernels-threaded.wasm': [
    'src/core/backends/wasmKernels.c',
    'src/core/backends/wasmKernels.threaded.wasm',
    ...SHARED_MEMORY,
  ],
  'bigmodel-gemm.wasm': ['src/core/backends/wasmGemm.c', 'src/core/backends/wasmGemm.wasm', '-mrelaxed-simd'],
  'bigmodel-winograd.wasm': ['src/core/backends/wasmWinograd.c', 'src/core/backends/wasmWinograd.wasm'],
  // The same two for the threaded build's shared memory, where workers run them beside the core (wasmGemmThreads.ts).
  'bigmodel-gemm-threaded.wasm': [
    'src/core/backends/wasmGemm.c',
    'src/core/backends/wasmGemm.threaded.wasm',
    '-mrelaxed-simd',
    ...SHARED_MEMORY,
  ],
  'bigmodel-winograd-threaded.wasm': [
    'src/core/backends/wasmWinograd.c',
    'src/core/backends/wasmWinograd.threaded.wasm',
    ...SHARED_MEMORY,
  ],
};
let clang = true;
for (const [file, [source, committed, ...flags]] of Object.entries(WASM_KERNELS)) {
  const out = join('dist', file);
  if (clang) {
    try {
      execFileSync(
        'clang-19',
        [
          '--target=wasm32',
          '-O3',
          '-msimd128',
          '-mbulk-memory',
          '-nostdlib',
          '-Wall',
          '-Wextra',
          '-Werror',
          '-Wl,--no-entry',
          '-Wl,--import-memory',
          '-Wl,--stack-first',
          '-Wl,-z,stack-size=0',
          ...flags,
          '-o',
          out,
          source,
        ],
        { stdio: 'inherit' },
      );
    } catch (e) {
      if (e.code !== 'ENOENT') throw e;
      clang = false;
      console.log(
        'esbuild: clang-19 not found, so the SIMD kernels come from the modules committed beside their C sources',
      );
    }
  }
  if (!clang) {
    cpSync(committed, out);
    continue;
  }
  if (wasmSections(readFileSync(out)).includes(11))
    throw new Error(`${out}: ${source} must not have static data (it would be written into tfjs-wasm's memory)`);
  const built = readFileSync(out);
  let current;
  try {
    current = readFileSync(committed);
  } catch {
    current = undefined;
  }
  if (updateKernels || !current) cpSync(out, committed);
  else if (!sameModule(built, current)) {
    throw new Error(
      `${committed} is not what ${source} compiles to: run \`node esbuild.mjs --update-kernels\` and commit ${committed}`,
    );
  }
}

/** Two wasm modules with the same sections, custom sections (names, producers) aside. */
function sameModule(a, b) {
  const code = (bytes) =>
    sectionsOf(bytes)
      .filter((s) => s.id !== 0)
      .map((s) => bytes.subarray(s.start, s.end));
  const [x, y] = [code(a), code(b)];
  return x.length === y.length && x.every((s, i) => Buffer.compare(s, y[i]) === 0);
}

/** The ids of a wasm module's sections (11 is data). */
function wasmSections(bytes) {
  return sectionsOf(bytes).map((s) => s.id);
}

/** Each section of a wasm module: its id and where its bytes (id and size included) start and end. */
function sectionsOf(bytes) {
  const sections = [];
  let at = 8;
  while (at < bytes.length) {
    const start = at;
    const id = bytes[at++];
    let size = 0;
    for (let shift = 0; ; shift += 7) {
      const b = bytes[at++];
      size += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) break;
    }
    at += size;
    sections.push({ id, start, end: at });
  }
  return sections;
}

if (tests) {
  // Tests and the sources they import, transpiled file by file (no bundling) so mocha can load them from out/.
  rmSync('out', { recursive: true, force: true });
  // The transpiled kernel loader in out/src/core/backends loads our kernels from beside it, as dist/core.js does.
  mkdirSync('out/src/core/backends', { recursive: true });
  for (const file of Object.keys(WASM_KERNELS)) cpSync(join('dist', file), join('out/src/core/backends', file));
  builds.push({
    entryPoints: [
      ...files('src', '.ts'),
      ...files('test/unit', '.ts'),
      ...files('test/integration', '.ts'),
      ...files('test/bench', '.ts'),
    ],
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
  console.log(
    `esbuild: built ${builds.length} targets in ${Date.now() - started} ms${production ? ' (production)' : ''}`,
  );
}
