// What a .vsix holds (it is a zip), and whether a platform package holds its own platform's Dawn and no other's.
// Plain Node (no zip library): the packaging script, its unit test and the platform package's e2e test share it.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import { inflateRawSync } from 'node:zlib';

/** The platforms VS Code installs a targeted .vsix on, and the folder of `webgpu`'s dist/ that each one loads. */
export const DAWN_FOLDER = {
  'linux-x64': 'linux-x64',
  'linux-arm64': 'linux-arm64',
  // webgpu's index.js loads dist/darwin-universal on both Macs (one binary for both architectures)
  'darwin-x64': 'darwin-universal',
  'darwin-arm64': 'darwin-universal',
  'win32-x64': 'win32-x64',
  'win32-arm64': 'win32-arm64',
};
export const TARGETS = Object.keys(DAWN_FOLDER);

/** Where the core looks for Dawn: `<extension root>/node_modules/webgpu` (resolveIn in src/core/backends/index.ts). */
export const DAWN_IN_VSIX = 'extension/node_modules/webgpu';

/** The entries of a zip file: name, compression method, sizes and where each one's local header starts. */
export function listVsix(file) {
  return centralDirectory(readFileSync(file), file);
}

function centralDirectory(zip, file) {
  // The end-of-central-directory record sits in the last 22 bytes plus a comment of at most 65,535.
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${file} is not a zip file (no end of central directory)`);
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const entries = [];
  for (let n = 0; n < count; n++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`${file}: central directory entry ${n} is damaged`);
    const nameLength = zip.readUInt16LE(at + 28);
    entries.push({
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
      method: zip.readUInt16LE(at + 10),
      compressedSize: zip.readUInt32LE(at + 20),
      size: zip.readUInt32LE(at + 24),
      headerOffset: zip.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}

/** One entry's bytes (stored or deflated, the two methods vsce writes). */
export function readVsixEntry(file, name) {
  const zip = readFileSync(file);
  const entry = centralDirectory(zip, file).find((e) => e.name === name);
  if (!entry) throw new Error(`${file} has no ${name}`);
  return entryBytes(zip, entry, file);
}

function entryBytes(zip, entry, file) {
  const start =
    entry.headerOffset + 30 + zip.readUInt16LE(entry.headerOffset + 26) + zip.readUInt16LE(entry.headerOffset + 28);
  const data = zip.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return data;
  if (entry.method === 8) return inflateRawSync(data);
  throw new Error(`${file}: ${entry.name} uses zip method ${entry.method}, which this reader does not know`);
}

/** Writes the entries under `extension/` into `folder` (what VS Code installs), refusing paths that leave it. */
export function unpackExtension(file, folder) {
  const into = resolve(folder);
  const zip = readFileSync(file);
  for (const entry of centralDirectory(zip, file)) {
    const { name } = entry;
    if (!name.startsWith('extension/') || name.endsWith('/')) continue;
    const target = resolve(into, name.slice('extension/'.length));
    if (!target.startsWith(into + sep)) throw new Error(`${file}: ${name} points outside the extension folder`);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, entryBytes(zip, entry, file));
  }
  return into;
}

/**
 * What is wrong with a package for `target` (undefined: the universal one), as sentences; empty when it is right.
 * A platform package holds webgpu's package.json, index.js and its platform's dist folder with dawn.node (on Windows the
 * compiler dlls beside it), no other platform's, and nothing else under node_modules; the universal one holds no Dawn.
 */
export function packageProblems(file, target) {
  const names = listVsix(file).map((e) => e.name);
  const problems = [];
  for (const needed of [
    'extension/package.json',
    'extension/dist/extension.js',
    'extension/dist/core.js',
    // the replicas of the model that train on the other cores (src/core/backends/replicaPool.ts)
    'extension/dist/replica.js',
    'extension.vsixmanifest',
  ]) {
    if (!names.includes(needed)) problems.push(`${needed} is missing`);
  }
  const manifest = names.includes('extension.vsixmanifest')
    ? readVsixEntry(file, 'extension.vsixmanifest').toString('utf8')
    : '';
  const modules = names.filter((n) => n.startsWith('extension/node_modules/'));
  if (target === undefined) {
    if (modules.length)
      problems.push(`the universal package holds ${modules.length} files under node_modules (first: ${modules[0]})`);
    if (/TargetPlatform=/.test(manifest))
      problems.push('the universal package names a target platform in extension.vsixmanifest');
    return problems;
  }
  const folder = DAWN_FOLDER[target];
  if (!folder) return [`unknown target ${target} (known: ${TARGETS.join(', ')})`];
  if (!manifest.includes(`TargetPlatform="${target}"`))
    problems.push(`extension.vsixmanifest does not name TargetPlatform="${target}"`);
  const own = `${DAWN_IN_VSIX}/dist/${folder}/`;
  const wanted = [`${DAWN_IN_VSIX}/package.json`, `${DAWN_IN_VSIX}/index.js`, `${own}dawn.node`];
  if (target.startsWith('win32')) wanted.push(`${own}d3dcompiler_47.dll`, `${own}dxcompiler.dll`);
  for (const w of wanted) if (!names.includes(w)) problems.push(`${w} is missing`);
  for (const m of modules) {
    const inOwnFolder = m.startsWith(own);
    const webgpuTop = m.startsWith(`${DAWN_IN_VSIX}/`) && !m.slice(DAWN_IN_VSIX.length + 1).includes('/');
    if (!inOwnFolder && !webgpuTop) problems.push(`${m} does not belong in the ${target} package`);
  }
  return problems;
}
