// `bigmodel run | check | doctor`: the headless runner (spec section 5), driving the same core as the editor.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { CoreCellError, TrainingCore } from '../client/trainingCore';
import { cellModelProblems } from '../shared/cellModelCheck';
import { parseCell, type CellSpec } from '../shared/cellSpec';
import { parseNotebook, serializeNotebook, type NotebookFile, type OutputFile } from '../shared/notebookFile';
import { trainingText, type TrainingPayload, MIME } from '../shared/outputs';
import type { BackendPreference, CellOutput } from '../shared/protocol';

const USAGE = `usage:
  bigmodel run <notebook.bigmodel> [--out <file>] [--backend auto|wasm|cpu|…]
  bigmodel check <notebook.bigmodel>
  bigmodel doctor [--backend …]`;

const corePath = path.join(__dirname, 'core.js');

function readNotebook(file: string): NotebookFile {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new ReadError(`${file}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  try {
    return parseNotebook(text);
  } catch (e) {
    throw new ReadError(`${file}: ${(e as Error).message}`);
  }
}

class ReadError extends Error {}

async function run(file: string, out: string | undefined, backend: BackendPreference): Promise<number> {
  const nb = readNotebook(file);
  const core = await TrainingCore.start({
    corePath,
    backend,
    notebookFolder: path.dirname(path.resolve(file)),
    packageFolder: process.env.BIGMODEL_PACKAGE_FOLDER,
    // `summary.language: auto` follows the terminal's locale, as it follows VS Code's display language in the editor.
    displayLanguage: (process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || 'en').replace('_', '-').toLowerCase(),
  });
  console.log(`training core: ${core.info.backend} on ${core.info.device}`);
  let failed = false;
  let order = 0;
  let lastLine = '';
  let epochsShown = 0;
  core.onCellOutputs((p) => {
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
        const result = await core.runCell({ cellId: String(i), language, source: cell.source.join('\n') });
        if (process.stdout.isTTY && lastLine) process.stdout.write('\n');
        lastLine = '';
        epochsShown = 0;
        cell.outputs = result.outputs.map(toOutputFile);
        cell.execution = { order: ++order, success: true, durationMs: Date.now() - started };
        if (result.run) nb.metadata.runs = [...((nb.metadata.runs as unknown[] | undefined) ?? []), result.run];
        for (const o of result.outputs) {
          // A script cell's console output comes as VS Code's stdout / stderr streams.
          const text = o.items.find((it) => it.mime === 'text/plain' || /^application\/vnd\.code\.notebook\.std(out|err)$/.test(it.mime));
          if (text) console.log(`[cell ${i + 1}] ${String(text.data).trimEnd()}`);
        }
      } catch (e) {
        if (process.stdout.isTTY && lastLine) process.stdout.write('\n');
        const err = e instanceof CoreCellError ? e : new CoreCellError((e as Error).message, 'internal');
        const where = err.line ? `, line ${err.line}, column ${err.column ?? 1}` : '';
        console.error(`${file}: cell ${i + 1}${where}: ${err.message}`);
        cell.outputs = [
          ...(err.outputs ?? []).map(toOutputFile),
          { items: [{ mime: 'application/vnd.code.notebook.error', data: JSON.stringify({ name: 'BigModel', message: err.message, stack: '' }) }] },
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
    fs.writeFileSync(out, serializeNotebook(nb));
    console.log(`wrote ${out}`);
  }
  return failed ? 1 : 0;
}

function toOutputFile(o: CellOutput): OutputFile {
  return { items: o.items.map((it) => ({ mime: it.mime, data: it.data })) };
}

function progressLine(p: TrainingPayload): string {
  if (p.progress && p.state === 'running') {
    const { epoch, batch, batchesPerEpoch, loss, etaSeconds } = p.progress;
    const width = 20;
    const filled = Math.round((batch / batchesPerEpoch) * width);
    return `epoch ${epoch}/${p.totalEpochs} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] loss ${loss.toFixed(4)} · ${Math.round(p.samplesPerSecond)} samples/s · ETA ${Math.round(etaSeconds)} s`;
  }
  return trainingText(p);
}

function check(file: string): number {
  const nb = readNotebook(file);
  let problems = 0;
  let errors = 0;
  const earlier: CellSpec[] = [];
  nb.cells.forEach((cell, i) => {
    if (cell.kind !== 'code' || (cell.language ?? 'bigmodel') !== 'bigmodel') return;
    const parsed = parseCell(cell.source.join('\n'));
    // The model checks read the data and model of the cells above, as the editor's do.
    const found = [...parsed.problems, ...(parsed.problems.length === 0 ? cellModelProblems(parsed, earlier) : [])];
    earlier.push(parsed.spec);
    for (const p of found) {
      problems++;
      if (p.severity === 'error') errors++;
      console.log(`${file}: cell ${i + 1}, line ${p.line}, column ${p.column}: ${p.severity}: ${p.message}`);
    }
  });
  console.log(problems === 0 ? `${file}: no problems found` : `${file}: ${problems} problem${problems > 1 ? 's' : ''}`);
  return errors === 0 ? 0 : 1; // warnings are printed, but do not fail the check
}

async function doctor(backend: BackendPreference): Promise<number> {
  const core = await TrainingCore.start({ corePath, backend, packageFolder: process.env.BIGMODEL_PACKAGE_FOLDER });
  try {
    console.log(`TensorFlow.js ${core.info.tfjsVersion}; training would use: ${core.info.backend} on ${core.info.device}`);
    for (const c of core.info.checks) console.log(`  ${c.usable ? 'ok  ' : 'no  '} ${c.name.padEnd(15)} ${c.reason}`);
    return 0;
  } finally {
    await core.dispose();
  }
}

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { out: { type: 'string' }, backend: { type: 'string', default: 'auto' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (e) {
    console.error(`bigmodel: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const { positionals, values } = parsed;
  const [command, file] = positionals;
  const backend = values.backend as BackendPreference;
  if (values.help || !command) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  if (command === 'doctor') return doctor(backend);
  if ((command === 'run' || command === 'check') && file) {
    return command === 'run' ? run(file, values.out, backend) : check(file);
  }
  console.error(USAGE);
  return 2;
}

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
