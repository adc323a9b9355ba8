#!/usr/bin/env node
// Browser end-to-end of `npm start`'s page: test/tools/start.sh itself (as `npm start` runs it after packaging) prints a
// URL; that page opens xor.bigmodel in the notebook editor with the BigModel kernel already chosen, so one click on
// Run All in the notebook's toolbar trains, without a kernel picker. The examples are copied: training stays out of
// the repository.
//
// Usage: node test/e2e/start.e2e.js --out <dir>   (needs dist-vsix/ from scripts/package.mjs)
// Last stdout line: `N passed, N failed`.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn } = require('child_process');
const { launch, findInNotebook } = require('../tools/browser/lib');
const { freePort } = require('../tools/browser/server');
const flow = require('./flow');

const root = path.join(__dirname, '..', '..');

/** Runs start.sh in its own process group; resolves to the URL it prints, with a stop() that ends the group. */
async function startScript(env, logFile) {
  const proc = spawn('bash', [path.join(root, 'test/tools/start.sh')], {
    env: { ...process.env, ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logStream = fs.createWriteStream(logFile);
  let output = '';
  const stop = async () => {
    try {
      process.kill(-proc.pid, 'SIGINT');
    } catch {
      /* gone */
    }
    const exited = new Promise((r) => proc.once('exit', r));
    if (proc.exitCode === null && proc.signalCode === null) {
      await Promise.race([exited, new Promise((r) => setTimeout(r, 20000))]);
      try {
        process.kill(-proc.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
    logStream.end();
  };
  process.on('exit', () => {
    try {
      process.kill(-proc.pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  });
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`start.sh printed no URL within 240 s:\n${output.slice(-2000)}`)),
      240000,
    );
    const onData = (b) => {
      output += b;
      logStream.write(b);
      const m = output.match(/Open: (http\S+)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', onData);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`start.sh exited (${code}) before printing a URL:\n${output.slice(-2000)}`));
    });
  });
  return { url, stop, output: () => output };
}

async function main() {
  const args = flow.parseArgs(process.argv.slice(2), { paths: ['out'], tmpPrefix: 'bigmodel-start-e2e-' });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bigmodel-start-e2e-run-'));
  const folder = path.join(work, 'examples');
  fs.cpSync(path.join(root, 'examples'), folder, { recursive: true });
  const runDir = path.join(work, 'run');
  let counts = { passed: 0, failed: 0 };
  let started;
  let browser;
  const steps = [
    [
      'start.sh serves the packaged extension and prints a URL that opens xor.bigmodel',
      async () => {
        started = await startScript(
          { PORT: String(await freePort()), BIGMODEL_START_FOLDER: folder, BIGMODEL_START_RUN_DIR: runDir },
          path.join(args.out, 'start.log'),
        );
        if (!/xor\.bigmodel opens in it: choose Run All/.test(started.output()))
          throw new Error('start.sh does not say which notebook opens');
        return started.url.replace(/\?.*/, '?…');
      },
    ],
    [
      'the page shows xor.bigmodel in the notebook editor with the BigModel kernel chosen',
      async () => {
        browser = await launch({ profileBase: work });
        const { page } = browser;
        await page.goto(started.url);
        await page.locator('.tab.active', { hasText: 'xor.bigmodel' }).waitFor({ timeout: 120000 });
        await page.locator('.notebook-editor .code-cell-row').first().waitFor({ timeout: 60000 });
        await page
          .locator('.notebook-editor .notebook-toolbar-container', { hasText: 'BigModel' })
          .first()
          .waitFor({ timeout: 60000 })
          .catch(() => {
            throw new Error('the notebook toolbar names no BigModel kernel: a person would get a kernel picker');
          });
        await page.screenshot({ path: path.join(args.out, 'start-page.png') });
      },
    ],
    [
      'one click on Run All trains: no picker, the curve is drawn',
      async () => {
        const { page } = browser;
        await page
          .locator('.notebook-editor .notebook-toolbar-container .action-item', { hasText: 'Run All' })
          .first()
          .click();
        const picker = page.locator('.quick-input-widget .quick-input-list');
        const found = await Promise.race([
          findInNotebook(page, '.bigmodel-training[data-state="done"]', 180000).then(() => 'trained'),
          picker.waitFor({ state: 'visible', timeout: 180000 }).then(
            () => 'picker',
            () => new Promise(() => {}),
          ),
        ]);
        if (found === 'picker') throw new Error('Run All asked for a kernel first');
        await page.screenshot({ path: path.join(args.out, 'start-trained.png') });
      },
    ],
  ];
  try {
    counts = await flow.runSteps(steps, { page: () => browser?.page, out: args.out, screenshot: 'start-failure.png' });
  } finally {
    await flow.cleanUp({ browser, server: started, logsOf: runDir, out: args.out, remove: work });
  }
  return flow.report(counts);
}

flow.exitWith(main);
