// `npm run package`: builds once, then writes the universal .vsix (WebAssembly only) and one .vsix per platform holding
// that platform's Dawn (`webgpu`) where the core looks for it, so WebGPU works without any `npm i`; checks each one.
//
//   node scripts/package.mjs                          every platform + universal
//   node scripts/package.mjs --targets linux-x64      some (comma separated; `host`: this machine's) + universal
//   options: --out <folder> (default dist-vsix), --no-build (package the dist/ already built)
//
// Writes <out>/bigmodel-studio.vsix and <out>/bigmodel-studio-<target>.vsix.
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DAWN_FOLDER, TARGETS, packageProblems } from './vsixContents.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
// vsce's CLI leaves node_modules out with --no-dependencies and cannot take one package's files with it otherwise
// (its `npm list` mode takes every production dependency). Its own steps (file list from .vscodeignore, manifest,
// README and NLS processing) are used here, with Dawn's files added, and the zip is written as vsce writes it.
const vsce = require('@vscode/vsce/out/package.js');
const yazl = createRequire(require.resolve('@vscode/vsce/package.json'))('yazl');

function parseArgs(argv) {
  const args = { targets: TARGETS, out: join(root, 'dist-vsix'), build: true };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--targets' && argv[i + 1]) {
      const host = `${process.platform}-${process.arch}`;
      const asked = argv[++i].split(',').filter(Boolean);
      // `host` on a machine Dawn has no build for (e.g. linux-ppc64le) asks for the universal package only
      if (asked.includes('host') && !DAWN_FOLDER[host])
        console.log(`package: no Dawn build for ${host}: universal package only`);
      args.targets = [...new Set(asked.map((t) => (t === 'host' ? host : t)))].filter(
        (t) => t !== host || DAWN_FOLDER[t],
      );
      const unknown = args.targets.filter((t) => !DAWN_FOLDER[t]);
      if (unknown.length)
        throw new Error(
          `--targets: ${unknown.join(', ')} is not a platform Dawn ships for (known: ${TARGETS.join(', ')}, host)`,
        );
    } else if (argv[i] === '--out' && argv[i + 1]) args.out = resolve(argv[++i]);
    else if (argv[i] === '--no-build') args.build = false;
    else
      throw new Error(`unknown or incomplete argument: ${argv[i]} (use --targets a,b | --out <folder> | --no-build)`);
  }
  return args;
}

/** Every file under `dir`, as paths relative to the repository root with forward slashes. */
function filesUnder(dir) {
  return readdirSync(dir, { recursive: true })
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile())
    .map((f) => relative(root, f).split('\\').join('/'));
}

/** Dawn for one platform: webgpu's entry, manifest and licence, and its own dist folder (on Windows the dlls too). */
function dawnFiles(target) {
  const pkg = join(root, 'node_modules/webgpu');
  const folder = join(pkg, 'dist', DAWN_FOLDER[target]);
  if (!existsSync(join(folder, 'dawn.node'))) {
    throw new Error(
      `${relative(root, folder)}/dawn.node is missing: run \`npm ci\` (the webgpu package ships every platform's Dawn)`,
    );
  }
  const top = ['package.json', 'index.js', 'LICENSE.md']
    .filter((f) => existsSync(join(pkg, f)))
    .map((f) => `node_modules/webgpu/${f}`);
  return [...top, ...filesUnder(folder)];
}

async function writeVsix(target, out) {
  const manifest = await vsce.readManifest(root);
  const listed = await vsce.listFiles({ cwd: root, manifest, dependencies: false });
  const extra = target ? dawnFiles(target) : [];
  const files = [...listed, ...extra].sort().map((f) => ({ path: `extension/${f}`, localPath: join(root, f) }));
  const options = { cwd: root, target, rewriteRelativeLinks: false, allowMissingRepository: true };
  const processed = await vsce.processFiles(vsce.createDefaultProcessors(manifest, options), files);
  const file = join(out, target ? `bigmodel-studio-${target}.vsix` : 'bigmodel-studio.vsix');
  rmSync(file, { force: true });
  await new Promise((done, fail) => {
    const zip = new yazl.ZipFile();
    for (const f of processed) {
      if (f.localPath) zip.addFile(f.localPath, f.path, { mode: f.mode });
      else
        zip.addBuffer(Buffer.isBuffer(f.contents) ? f.contents : Buffer.from(f.contents, 'utf8'), f.path, {
          mode: f.mode,
        });
    }
    zip.end();
    const stream = createWriteStream(file);
    zip.outputStream.pipe(stream).once('finish', done).once('error', fail);
    zip.outputStream.once('error', fail);
  });
  const problems = packageProblems(file, target);
  if (problems.length) throw new Error(`${relative(root, file)} is wrong:\n  ${problems.join('\n  ')}`);
  const mb = (statSync(file).size / 1e6).toFixed(1);
  console.log(
    `package: ${relative(root, file)} (${processed.length} files, ${mb} MB${target ? `, Dawn for ${target}` : ', WebAssembly only'})`,
  );
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.build) {
    const built = spawnSync(process.execPath, [join(root, 'esbuild.mjs'), '--production'], {
      cwd: root,
      stdio: 'inherit',
    });
    if (built.status !== 0) throw new Error('the production build failed');
  }
  if (!existsSync(join(root, 'dist/extension.js')))
    throw new Error('dist/extension.js is missing: build first (drop --no-build)');
  mkdirSync(args.out, { recursive: true });
  for (const target of [undefined, ...args.targets]) await writeVsix(target, args.out);
  console.log(
    `package: in ${relative(root, args.out) || '.'}: bigmodel-studio.vsix for any platform, bigmodel-studio-<platform>.vsix with WebGPU`,
  );
}

main().catch((e) => {
  console.error(`package: ${e.message ?? e}`);
  process.exit(1);
});
