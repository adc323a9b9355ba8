#!/usr/bin/env node
// Browser end-to-end of "Export Model Card" through renderer messaging: a notebook whose cell holds a summary opens in
// code-server with the extension under development; the card's button posts the model card to the extension host,
// the save dialog offers `<notebook>.model-card.md` beside the notebook, Enter accepts, and the card is on disk.
//
// Usage: node test/e2e/modelCard.e2e.js (--vsix <packaged .vsix> | --extension <extension folder, built>) --out <dir>
// Needs `node esbuild.mjs --tests` first (it reads the summary generator and fixtures from out/).
// Last stdout line: `N passed, N failed`.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { launch, findInNotebook, palette, quickOpen, revealInNotebook } = require('../tools/browser/lib');
const { startServer, installVsix } = require('../tools/browser/server');
const flow = require('./flow');

const root = path.join(__dirname, '..', '..');
const { writeSummary } = require(path.join(root, 'out/src/shared/summary/index.js'));
const { MIME, summaryText } = require(path.join(root, 'out/src/shared/outputs.js'));
const { fashionRun } = require(path.join(root, 'out/test/unit/summaryFixtures.js'));

function parseArgs(argv) {
  const out = flow.parseArgs(argv, {
    paths: ['vsix', 'extension', 'out'],
    existing: ['vsix', 'extension'],
    tmpPrefix: 'bigmodel-card-e2e-',
  });
  if (!out.vsix && !out.extension) throw new Error('missing --vsix or --extension');
  return out;
}

/** A notebook whose one cell already shows a summary, as after a run, so nothing has to train. */
function writeNotebook(folder, summary) {
  const notebook = {
    bigmodel: 1,
    metadata: { title: 'Model card', runs: [] },
    cells: [
      {
        kind: 'code',
        language: 'bigmodel',
        source: ['summary:', '  goal: { accuracy: 0.9 }', '  audience: product'],
        outputs: [
          {
            items: [
              { mime: MIME.summary, data: summary },
              { mime: 'text/plain', data: summaryText(summary) },
            ],
          },
        ],
      },
    ],
  };
  fs.writeFileSync(path.join(folder, 'card.bigmodel'), JSON.stringify(notebook, null, 2) + '\n');
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bigmodel-card-e2e-run-'));
  const folder = path.join(runDir, 'workspace');
  fs.mkdirSync(folder);
  const summary = writeSummary(fashionRun(), { audience: 'product', language: 'en', goal: { accuracy: 0.9 } });
  writeNotebook(folder, summary);
  const target = path.join(folder, 'card.model-card.md');
  let counts = { passed: 0, failed: 0 };
  let server;
  let browser;
  try {
    if (args.vsix) installVsix(runDir, args.vsix);
    // the web workbench honours the URL payload's extensionDevelopmentPath only with this option
    server = await startServer({
      runDir,
      folder,
      extraArgs: args.vsix ? [] : ['--vscode-option', 'enable-smoke-test-driver'],
    });
    browser = await launch({ profileBase: runDir });
    const { page } = browser;
    const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${encodeURI(p)}`;
    const payload = JSON.stringify([
      ...(args.vsix ? [] : [['extensionDevelopmentPath', remote(args.extension)]]),
      ['skipWelcome', 'true'],
    ]);
    const steps = [
      [
        'the notebook with a summary opens',
        async () => {
          await flow.openWorkbench(
            page,
            `${server.url}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(payload)}`,
          );
          await quickOpen(page, 'card.bigmodel');
          await page.locator('.notebook-editor .code-cell-row').first().waitFor({ timeout: 60000 });
        },
      ],
      [
        'the summary card has an "Export Model Card" button, and clicking it opens the save dialog',
        async () => {
          const found = await findInNotebook(page, 'button:has-text("Export Model Card")', 90000);
          // Outputs scroll with the notebook inside their frame: bring the button into view, as a person would.
          await revealInNotebook(page, found.locator);
          await found.locator.click({ timeout: 15000 });
          const input = page.locator('.quick-input-widget input');
          await input.waitFor({ state: 'visible', timeout: 30000 });
          // VS Code's own file dialog in the browser: a path to edit, prefilled with the suggested file.
          for (const end = Date.now() + 10000; !(await input.inputValue()).endsWith('card.model-card.md');) {
            if (Date.now() > end) throw new Error(`the save dialog suggests ${await input.inputValue()}`);
            await page.waitForTimeout(200);
          }
          await page.screenshot({ path: path.join(args.out, 'model-card-save-dialog.png') });
          await page.keyboard.press('Enter');
        },
      ],
      [
        'the host writes the card where the dialog said, and says so',
        async () => {
          for (const end = Date.now() + 30000; !fs.existsSync(target);) {
            if (Date.now() > end) throw new Error(`${target} was not written`);
            await page.waitForTimeout(200);
          }
          if (fs.readFileSync(target, 'utf8') !== summary.modelCard)
            throw new Error('the file holds something else than the model card');
          // A toast hides after a while: read the notification in the notification centre.
          await palette(page, 'Notifications: Show Notifications');
          await page
            .locator('.notifications-center', { hasText: 'Model card saved to card.model-card.md' })
            .waitFor({ timeout: 30000 });
          await page.screenshot({ path: path.join(args.out, 'model-card-saved.png') });
        },
      ],
    ];
    counts = await flow.runSteps(steps, { page: () => page, out: args.out, screenshot: 'model-card-failure.png' });
  } catch (e) {
    counts.failed++;
    console.error(`ERROR: ${e.stack || e}`);
  } finally {
    await flow.cleanUp({ browser, server, logsOf: runDir, out: args.out });
  }
  return flow.report(counts);
}

flow.exitWith(main);
