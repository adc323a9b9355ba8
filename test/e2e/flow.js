// What every browser e2e script shares: reading its arguments, running its steps in order (stopping at the first that
// fails, with a screenshot), and the closing `N passed, N failed` line that test/run-all.sh counts.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { log, quickOpen } = require('../tools/browser/lib');
const { collectLogs } = require('../tools/browser/server');

/**
 * Reads `--name value` arguments. `paths` are resolved to absolute paths, `names` kept as written, `flags` take no
 * value; `required` must be given and `existing` must exist on disk. `--out` defaults to a new temporary folder
 * named after `tmpPrefix`, and is created.
 */
function parseArgs(
  argv,
  {
    paths = [],
    names = [],
    flags = [],
    required = [],
    existing = [],
    defaults = {},
    tmpPrefix = 'bigmodel-e2e-out-',
  } = {},
) {
  const out = { ...defaults };
  const camel = (a) => a.slice(2).replace(/-(\w)/g, (_, c) => c.toUpperCase());
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (flags.includes(a.slice(2)) && a.startsWith('--')) out[camel(a)] = true;
    else if (paths.includes(a.slice(2)) && a.startsWith('--') && argv[i + 1]) out[camel(a)] = path.resolve(argv[++i]);
    else if (names.includes(a.slice(2)) && a.startsWith('--') && argv[i + 1]) out[camel(a)] = argv[++i];
    else throw new Error(`unknown or incomplete argument: ${a}`);
  }
  for (const k of required) if (!out[k]) throw new Error(`missing --${k}`);
  for (const k of existing) if (out[k] && !fs.existsSync(out[k])) throw new Error(`--${k} ${out[k]} does not exist`);
  out.out ??= fs.mkdtempSync(path.join(os.tmpdir(), tmpPrefix));
  fs.mkdirSync(out.out, { recursive: true });
  return out;
}

/**
 * Runs `[name, run]` steps in order; a step may return a detail to print. The first failure is counted, shot with
 * `page()` (when there is a page) into `<out>/<screenshot>`, and ends the flow: later steps build on it.
 */
async function runSteps(steps, { page, out, screenshot }) {
  let passed = 0;
  let failed = 0;
  for (const [name, run] of steps) {
    try {
      const detail = await run();
      passed++;
      log(`✔ ${name}${detail ? ` — ${detail}` : ''}`);
    } catch (e) {
      failed++;
      log(`✘ ${name}: ${e.message}`);
      await page()
        ?.screenshot({ path: path.join(out, screenshot) })
        .catch(() => {});
      break;
    }
  }
  return { passed, failed };
}

/** Opens the workbench at `url` and waits until its explorer shows the folder. */
async function openWorkbench(page, url) {
  await page.goto(url);
  await page.locator('.monaco-workbench').waitFor({ timeout: 120000 });
  await page.locator('.explorer-folders-view').waitFor({ timeout: 60000 });
}

/**
 * The first two steps of a flow on one notebook, each a counted test: the workbench opens `args.folder`, then Quick
 * Open opens `args.notebook` and its first cell is drawn.
 */
function openNotebookSteps() {
  return [
    [
      'workbench opens the folder',
      async ({ page, server, args }) => {
        await openWorkbench(page, `${server.url}/?folder=${encodeURIComponent(args.folder)}`);
      },
    ],
    [
      'notebook opens via Quick Open',
      async ({ page, args }) => {
        await quickOpen(page, args.notebook);
        await page.locator('.notebook-editor .code-cell-row').first().waitFor({ timeout: 60000 });
      },
    ],
  ];
}

/** Closes the browser and the server (each if started), keeps code-server's logs in `out`, removes the `remove` folder. */
async function cleanUp({ browser, server, logsOf, out, remove }) {
  if (browser) await browser.close();
  if (server) await server.stop();
  collectLogs(logsOf, out);
  fs.rmSync(remove ?? logsOf, { recursive: true, force: true });
}

/** The closing line test/run-all.sh counts; exit status 0 only when something passed and nothing failed. */
function report({ passed, failed }) {
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

/** Runs `main` and exits with its status; a crash before any count is one failure. */
function exitWith(main) {
  main().then(
    (code) => process.exit(code),
    (e) => {
      console.error(e);
      console.log('0 passed, 1 failed');
      process.exit(1);
    },
  );
}

module.exports = { parseArgs, runSteps, openWorkbench, openNotebookSteps, cleanUp, report, exitWith };
