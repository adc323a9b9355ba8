// `bigmodel doctor [--json]`: starts a core as `run` would and says which backend trains, on which adapter, and why
// each other backend was passed over; `--json` prints the same as one object for a bug report.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import type { TrainingCore } from '../client/trainingCore';
import { adapterText } from '../shared/gpuAdapterText';
import type { BackendCheck, CoreInfo } from '../shared/protocol';

/** What a bug report needs about this machine and its setup: versions, system, every backend with its reason. */
export interface DoctorReport {
  schema: 1;
  versions: { bigmodel: string; node: string; tfjs: string };
  system: { os: string; release: string; arch: string; cpus: number; cpuModel: string; memoryBytes: number };
  chosen: { backend: string; device: string };
  backends: BackendCheck[];
}

export function doctorReport(info: CoreInfo): DoctorReport {
  const cpus = os.cpus();
  return withoutHome({
    schema: 1,
    versions: { bigmodel: ownVersion(), node: process.version, tfjs: info.tfjsVersion },
    system: {
      os: os.platform(),
      release: os.release(),
      arch: os.arch(),
      cpus: os.availableParallelism(),
      cpuModel: cpus[0]?.model?.trim() ?? '',
      memoryBytes: os.totalmem(),
    },
    chosen: { backend: info.backend, device: info.device },
    backends: info.checks,
  });
}

/** The doctor's lines: the chosen backend, then one line per backend (and one for a GPU adapter Dawn found). */
export function doctorText(info: CoreInfo): string[] {
  const lines = [
    l10n.t('TensorFlow.js {0}; training would use: {1} on {2}', info.tfjsVersion, info.backend, info.device),
  ];
  for (const c of withoutHome(info.checks)) {
    lines.push(`  ${c.usable ? 'ok  ' : 'no  '} ${c.name.padEnd(15)} ${c.reason}`);
    if (c.adapter) lines.push(`       ${''.padEnd(15)} ${adapterText(c.adapter)}`);
  }
  return lines;
}

export async function runDoctor(core: TrainingCore, json: boolean): Promise<number> {
  if (json) console.log(JSON.stringify(doctorReport(core.info), null, 2));
  else for (const line of doctorText(core.info)) console.log(line);
  return 0;
}

/** BigModel Studio's version, from the package.json beside dist/ (the extension's own, or the repository's). */
function ownVersion(): string {
  try {
    return (
      (JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as { version?: string })
        .version ?? ''
    );
  } catch {
    return '';
  }
}

/** The user's home folder as `~` in every string: a report names where a package was found, not whose machine. */
function withoutHome<T>(value: T): T {
  const home = os.homedir();
  if (!home || home === '/') return value;
  const scrub = (v: unknown): unknown =>
    typeof v === 'string'
      ? v.split(home).join('~')
      : Array.isArray(v)
        ? v.map(scrub)
        : v && typeof v === 'object'
          ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, scrub(x)]))
          : v;
  return scrub(value) as T;
}
