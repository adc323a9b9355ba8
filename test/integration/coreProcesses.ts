// Which training core processes exist, read from /proc: a test asserts on processes, not only on what the extension
// says it started.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Pids of live processes (zombies excluded) running this extension's core bundle. */
export function coreProcesses(extensionPath: string): number[] {
  const bundle = path.join(extensionPath, 'dist', 'core.js');
  return fs
    .readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number)
    .filter((pid) => {
      try {
        if (/^\d+ \(.*\) Z /.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'))) return false;
        return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(bundle);
      } catch {
        return false; // ended while we looked
      }
    });
}

/** A package at `<folder>/node_modules/<name>` whose loading appends its folder to `marker`, then throws. */
export function plantPackage(folder: string, name: string, marker: string): void {
  const dir = path.join(folder, 'node_modules', name);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, main: 'index.js' }));
  fs.writeFileSync(
    path.join(dir, 'index.js'),
    `require('fs').appendFileSync(${JSON.stringify(marker)}, ${JSON.stringify(folder)} + '\\n'); throw new Error('planted');`,
  );
}

/** The folders whose planted packages ran, in order. */
export function plantedRuns(marker: string): string[] {
  return fs.existsSync(marker) ? fs.readFileSync(marker, 'utf8').trim().split('\n') : [];
}
