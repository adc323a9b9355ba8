// `bigmodel run | check | doctor`: the headless runner (spec section 5), driving the same core as the editor.
import * as fs from 'node:fs';
import { totalmem } from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import * as l10n from '@vscode/l10n';
import { nativePackageFolders } from '../client/packageFolders';
import { TrainingCore } from '../client/trainingCore';
import { BigModelError } from '../shared/bigModelError';
import { NotebookProblems } from '../shared/notebookProblems';
import { runDoctor } from './doctor';
import { useDisplayLanguage } from '../shared/messagesLanguage';
import { setMachineMemory } from '../shared/modelSize';
import { parseNotebook, serializeNotebook, type NotebookFile, type OutputFile } from '../shared/notebookFile';
import { trainingText, type TrainingPayload, MIME } from '../shared/outputs';
import type { BackendPreference, CellOutput } from '../shared/protocol';

/** The commands and their options; only the heading is words to translate. */
const usage = () =>
  [
    l10n.t('usage:'),
    '  bigmodel run <notebook.bigmodel> [--out <file>] [--backend auto|wasm|cpu|…] [--memory-limit <MB>] [--package-folder <dir>] [--allow-outside] [--language en|zh-cn]',
    '  bigmodel check <notebook.bigmodel> [--language en|zh-cn]',
    '  bigmodel doctor [--json] [--backend …] [--package-folder <dir>] [--language en|zh-cn]',
  ].join('\n');

/** The core's memory limit unless `--memory-limit` says otherwise (the editor's bigmodel.training.memoryLimitMB too). */
const DEFAULT_MEMORY_LIMIT_MB = 4096;

/** How a run's core is started: the options every command shares. */
interface CoreChoice {
  backend: BackendPreference;
  language: string;
  memoryLimitMb: number;
  /** --package-folder, else BIGMODEL_PACKAGE_FOLDER. */
  packageFolder?: string;
  /** --allow-outside: `export` may write outside the notebook's folder. */
  allowOutside: boolean;
}

/** `--language`, else the terminal's locale (LC_ALL, LC_MESSAGES, LANG): `zh_CN.UTF-8` reads as `zh-cn.utf-8`. */
function displayLanguage(flag: string | undefined): string {
  return (flag || process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || 'en')
    .replace('_', '-')
    .toLowerCase();
}

const corePath = path.join(__dirname, 'core.js');

function readNotebook(file: string): NotebookFile {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new ReadError(
      l10n.t('{0}: cannot read the file ({1})', file, (e as NodeJS.ErrnoException).code ?? (e as Error).message),
    );
  }
  try {
    return parseNotebook(text);
  } catch (e) {
    throw new ReadError(`${file}: ${(e as Error).message}`);
  }
}

class ReadError extends Error {}

async function run(file: string, out: string | undefined, choice: CoreChoice): Promise<number> {
  const nb = readNotebook(file);
  const notebookFolder = path.dirname(path.resolve(file));
  const core = await TrainingCore.start({
    corePath,
    backend: choice.backend,
    notebookFolder,
    // Running a notebook is the user's own act, and it runs the notebook's script cells anyway: native packages may
    // load from the notebook's own folder's node_modules, but from no folder above it unless --package-folder says so.
    packageFolders: nativePackageFolders({ packageFolder: choice.packageFolder, notebookFolder, fromWorkspace: true }),
    memoryLimitMb: choice.memoryLimitMb,
    // `summary.language: auto` follows the terminal's locale, as it follows VS Code's display language in the editor.
    displayLanguage: choice.language,
    // A notebook's `export` writes inside its own folder; elsewhere (symlinks resolved) only with --allow-outside.
    writeRoots: [notebookFolder],
    allowWrite: () => choice.allowOutside,
  });
  console.log(l10n.t('training core: {0} on {1}', core.info.backend, core.info.device));
  let failed = false;
  let order = 0;
  let lastLine = '';
  let epochsShown = 0;
  /** The newest live outputs of the running cell: a core that dies mid-training leaves its curve so far in --out. */
  let live: CellOutput[] = [];
  core.onCellOutputs((p) => {
    live = p.outputs;
    const training = p.outputs.flatMap((o) => o.items).find((i) => i.mime === MIME.training);
    if (!training) return;
    const payload = training.data as TrainingPayload;
    if (process.stdout.isTTY) {
      // A terminal gets a progress bar redrawn in place.
      const line = progressLine(payload);
      if (line !== lastLine) process.stdout.write(`\r${line.padEnd(100).slice(0, 100)}`);
      lastLine = line;
    } else if (payload.epochs.length > epochsShown) {
      // A log (CI, a pipe) gets one line per finished epoch.
      epochsShown = payload.epochs.length;
      console.log(`  ${trainingText({ ...payload, state: 'running' })}`);
    }
  });
  try {
    for (const [i, cell] of nb.cells.entries()) {
      if (cell.kind !== 'code') continue;
      const started = Date.now();
      const language = cell.language ?? 'bigmodel';
      try {
        live = [];
        const result = await core.runCell({ cellId: String(i), language, source: cell.source.join('\n') });
        if (process.stdout.isTTY && lastLine) process.stdout.write('\n');
        lastLine = '';
        epochsShown = 0;
        cell.outputs = result.outputs.map(toOutputFile);
        cell.execution = { order: ++order, success: true, durationMs: Date.now() - started };
        if (result.run) nb.metadata.runs = [...((nb.metadata.runs as unknown[] | undefined) ?? []), result.run];
        for (const o of result.outputs) {
          // A script cell's console output comes as VS Code's stdout / stderr streams.
          const text = o.items.find(
            (it) => it.mime === 'text/plain' || /^application\/vnd\.code\.notebook\.std(out|err)$/.test(it.mime),
          );
          if (text) console.log(l10n.t('[cell {0}] {1}', i + 1, String(text.data).trimEnd()));
        }
      } catch (e) {
        if (process.stdout.isTTY && lastLine) process.stdout.write('\n');
        const err = BigModelError.from(e);
        console.error(
          err.position
            ? l10n.t(
                '{0}: cell {1}, line {2}, column {3}: {4}',
                file,
                i + 1,
                err.position.line,
                err.position.column,
                err.message,
              )
            : l10n.t('{0}: cell {1}: {2}', file, i + 1, err.message),
        );
        cell.outputs = [
          ...(err.outputs ?? live).map(toOutputFile),
          {
            items: [
              {
                mime: 'application/vnd.code.notebook.error',
                data: JSON.stringify({ name: 'BigModel', message: err.message, stack: '' }),
              },
            ],
          },
        ];
        cell.execution = { order: ++order, success: false, durationMs: Date.now() - started };
        failed = true;
        break;
      }
    }
  } finally {
    await core.dispose();
  }
  if (out) {
    writeAtomically(out, serializeNotebook(nb));
    console.log(l10n.t('wrote {0}', out));
  }
  return failed ? 1 : 0;
}

/**
 * Writes `file` whole or not at all: a temporary file beside it, flushed, then renamed over it, so a run killed while
 * writing (or a full disk) never leaves a half notebook where a good one was. Keeps an existing file's permissions.
 */
function writeAtomically(file: string, text: string): void {
  let target = path.resolve(file);
  try {
    target = fs.realpathSync(target); // a link to the notebook: replace the file it points to, not the link
  } catch {
    /* a new file */
  }
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  let mode: number | undefined;
  try {
    mode = fs.statSync(target).mode & 0o7777;
  } catch {
    /* a new file */
  }
  try {
    const fd = fs.openSync(temp, 'w', mode ?? 0o666);
    try {
      fs.writeFileSync(fd, text);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, target);
  } catch (e) {
    fs.rmSync(temp, { force: true });
    throw e;
  }
}

function toOutputFile(o: CellOutput): OutputFile {
  return { items: o.items.map((it) => ({ mime: it.mime, data: it.data })) };
}

function progressLine(p: TrainingPayload): string {
  if (p.progress && p.state === 'running') {
    const { epoch, batch, batchesPerEpoch, loss, etaSeconds } = p.progress;
    const width = 20;
    const filled = Math.round((batch / batchesPerEpoch) * width);
    const bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
    return l10n.t(
      'epoch {0}/{1} {2} loss {3} · {4} samples/s · ETA {5} s',
      epoch,
      p.totalEpochs,
      bar,
      loss.toFixed(4),
      Math.round(p.samplesPerSecond),
      Math.round(etaSeconds),
    );
  }
  return trainingText(p);
}

function check(file: string): number {
  // The model-size checks weigh a model against this machine's memory, as the editor's and the core's do.
  setMachineMemory(totalmem());
  const nb = readNotebook(file);
  let problems = 0;
  let errors = 0;
  const cells = nb.cells
    .map((cell, i) => ({ cell, number: i + 1 }))
    .filter(({ cell }) => cell.kind === 'code' && (cell.language ?? 'bigmodel') === 'bigmodel');
  // The editor's checks, word for word (its NotebookProblems, each cell parsed once): unknown keys, types and ranges,
  // and the model against the cells above.
  const found = new NotebookProblems().update(cells.map(({ cell }) => cell.source.join('\n')));
  cells.forEach(({ number }, c) => {
    const i = number - 1;
    for (const p of found[c]) {
      problems++;
      if (p.severity === 'error') errors++;
      console.log(
        l10n.t(
          '{0}: cell {1}, line {2}, column {3}: {4}: {5}',
          file,
          i + 1,
          p.line,
          p.column,
          p.severity === 'error' ? l10n.t('error') : l10n.t('warning'),
          p.message,
        ),
      );
    }
  });
  console.log(
    problems === 0
      ? l10n.t('{0}: no problems found', file)
      : problems === 1
        ? l10n.t('{0}: 1 problem', file)
        : l10n.t('{0}: {1} problems', file, problems),
  );
  return errors === 0 ? 0 : 1; // warnings are printed, but do not fail the check
}

async function doctor(choice: CoreChoice, json: boolean): Promise<number> {
  const core = await TrainingCore.start({
    corePath,
    backend: choice.backend,
    packageFolders: nativePackageFolders({ packageFolder: choice.packageFolder, fromWorkspace: false }),
    memoryLimitMb: choice.memoryLimitMb,
    displayLanguage: choice.language,
  });
  try {
    return await runDoctor(core, json);
  } finally {
    await core.dispose();
  }
}

async function main(argv: string[]): Promise<number> {
  // Messages (the CLI's, the client's and shared parsing's) from the l10n bundle shipped beside dist/.
  useDisplayLanguage(displayLanguage(languageFlag(argv)), path.join(__dirname, '..', 'l10n'));
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        backend: { type: 'string', default: 'auto' },
        language: { type: 'string' },
        'memory-limit': { type: 'string' },
        'package-folder': { type: 'string' },
        'allow-outside': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    console.error(`bigmodel: ${(e as Error).message}\n${usage()}`);
    return 2;
  }
  const { positionals, values } = parsed;
  const [command, file] = positionals;
  const backend = values.backend as BackendPreference;
  if (values.help || !command) {
    console.log(usage());
    return values.help ? 0 : 2;
  }
  const memoryLimitMb = values['memory-limit'] === undefined ? DEFAULT_MEMORY_LIMIT_MB : Number(values['memory-limit']);
  if (!Number.isInteger(memoryLimitMb) || (memoryLimitMb !== 0 && memoryLimitMb < 256)) {
    console.error(l10n.t('bigmodel: --memory-limit takes a whole number of MB, 256 or more (0: no limit)'));
    return 2;
  }
  const choice: CoreChoice = {
    backend,
    language: displayLanguage(values.language),
    memoryLimitMb,
    packageFolder: values['package-folder'] || process.env.BIGMODEL_PACKAGE_FOLDER || undefined,
    allowOutside: values['allow-outside'] === true,
  };
  if (command === 'doctor') return doctor(choice, values.json === true);
  if ((command === 'run' || command === 'check') && file) {
    return command === 'run' ? run(file, values.out, choice) : check(file);
  }
  console.error(usage());
  return 2;
}

/** `--language x` or `--language=x`, read before the arguments are parsed: parseArgs' own errors are messages too. */
function languageFlag(argv: string[]): string | undefined {
  const i = argv.findIndex((a) => a === '--language' || a.startsWith('--language='));
  if (i < 0) return undefined;
  return argv[i].includes('=') ? argv[i].slice('--language='.length) : argv[i + 1];
}

// Every way this process ends also ends its training core, which would otherwise train on, re-parented, holding a
// CPU or GPU: a normal exit, Ctrl+C, a kill, a closed terminal, and an error of our own. (A core whose CLI is killed
// with SIGKILL ends itself: src/core/watchdog.ts.)
process.on('exit', () => TrainingCore.killAll());
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
  ['SIGHUP', 129],
] as const) {
  process.on(signal, () => {
    TrainingCore.killAll();
    console.error(l10n.t('bigmodel: stopped by {0}; the training core was ended and no --out file written', signal));
    process.exit(code);
  });
}
process.on('uncaughtException', (e) => {
  TrainingCore.killAll();
  console.error(`bigmodel: ${e.stack ?? e.message}`);
  process.exit(1);
});

// Output piped into `head` and the like: a closed pipe ends the run quietly, as with other command-line tools.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof ReadError ? e.message : `bigmodel: ${(e as Error).message}`);
    process.exit(e instanceof ReadError ? 2 : 1);
  },
);
