#!/usr/bin/env node
// Browser end-to-end of a platform package: the linux-x64 .vsix holds this platform's Dawn and no other's, code-server
// installs it (no `npm i` anywhere), and "BigModel: Check Training Setup" from the palette reports WebGPU on the
// adapter Dawn finds. The test machine has no GPU: Dawn runs on Mesa's software GL driver (llvmpipe), which
// `bigmodel.training.allowSoftwareGpu` lets the core use, as a user with only a software adapter would set it.
//
// Usage: node test/e2e/platformPackage.e2e.js --vsix dist-vsix/bigmodel-studio-linux-x64.vsix --out <dir>
// Last stdout line: `N passed, N failed`.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { pathToFileURL } = require('url');
const { launch, palette } = require('../tools/browser/lib');
const { startServer, installVsix } = require('../tools/browser/server');
const flow = require('./flow');

const root = path.join(__dirname, '..', '..');
const TARGET = `${process.platform}-${process.arch}`;
// Dawn on Mesa's GL driver without a display: the same flags as test/unit/webgpu.test.ts.
const HEADLESS_GL = { EGL_PLATFORM: 'surfaceless', BIGMODEL_DAWN_FLAGS: 'backend=opengl', BIGMODEL_GPU_COMPAT: '1' };

function parseArgs(argv) {
  const out = flow.parseArgs(argv, { paths: ['vsix', 'out'], tmpPrefix: 'bigmodel-platform-e2e-' });
  if (!out.vsix)
    throw new Error(`missing --vsix (dist-vsix/bigmodel-studio-${TARGET}.vsix, written by npm run package)`);
  return out;
}

/** The palette lists an extension's commands only once the extension host has scanned it: ask again until it does. */
async function paletteOnceListed(page, command, timeoutMs = 90000) {
  for (const end = Date.now() + timeoutMs; ;) {
    try {
      return await palette(page, command, 5000);
    } catch (e) {
      if (Date.now() > end) throw e;
      await page.keyboard.press('Escape');
      await page.waitForTimeout(1000);
    }
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const { packageProblems, DAWN_FOLDER } = await import(
    pathToFileURL(path.join(root, 'scripts/vsixContents.mjs')).href
  );
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bigmodel-platform-e2e-run-'));
  const folder = path.join(runDir, 'workspace');
  fs.mkdirSync(folder);
  fs.copyFileSync(path.join(root, 'examples/xor.bigmodel'), path.join(folder, 'xor.bigmodel'));
  let counts = { passed: 0, failed: 0 };
  let server;
  let browser;
  const steps = [
    [
      `the package holds Dawn for ${TARGET} and no other platform's`,
      async () => {
        const problems = packageProblems(args.vsix, TARGET);
        if (problems.length) throw new Error(problems.join('; '));
      },
    ],
    [
      'code-server installs it, and dawn.node lands where the core looks (<extension>/node_modules/webgpu)',
      async () => {
        installVsix(runDir, args.vsix);
        const extensions = path.join(runDir, 'extensions');
        const installed = fs.readdirSync(extensions).find((d) => d.startsWith('bigmodel.bigmodel-studio'));
        if (!installed) throw new Error(`no bigmodel.bigmodel-studio* folder in ${extensions}`);
        const dist = path.join(extensions, installed, 'node_modules/webgpu/dist');
        const folders = fs.existsSync(dist) ? fs.readdirSync(dist) : [];
        if (folders.join() !== DAWN_FOLDER[TARGET])
          throw new Error(`${dist} holds [${folders.join(', ')}], expected [${DAWN_FOLDER[TARGET]}]`);
        if (!fs.existsSync(path.join(dist, DAWN_FOLDER[TARGET], 'dawn.node'))) throw new Error('dawn.node is missing');
        return installed;
      },
    ],
    [
      'Check Training Setup from the palette says it trains on WebGPU, on llvmpipe',
      async () => {
        server = await startServer({
          runDir,
          folder,
          env: HEADLESS_GL,
          settings: { 'bigmodel.training.allowSoftwareGpu': true },
        });
        browser = await launch({ profileBase: runDir });
        const { page } = browser;
        await flow.openWorkbench(page, `${server.url}/?folder=${encodeURIComponent(folder)}`);
        await paletteOnceListed(page, 'BigModel: Check Training Setup');
        const toast = page.locator('.notifications-toasts', { hasText: 'BigModel trains on webgpu' });
        await toast.waitFor({ timeout: 120000 });
        const text = (await toast.innerText()).replace(/\s+/g, ' ');
        if (!/llvmpipe/i.test(text)) throw new Error(`the notification names another device: ${text}`);
        await page.screenshot({ path: path.join(args.out, 'platform-check-setup.png') });
        return text.match(/BigModel trains on .*?(?=\. Details|$)/)?.[0];
      },
    ],
    [
      'the BigModel output lists WebGPU as usable, with the adapter and the software setting',
      async () => {
        const { page } = browser;
        // The output panel shows the channel (the command reveals it); its editor renders the lines as text.
        const lines = page.locator('.panel .monaco-editor .view-lines');
        let text = '';
        for (const end = Date.now() + 30000; !/✓ webgpu:/.test(text);) {
          if (Date.now() > end)
            throw new Error(`the output panel does not show "✓ webgpu:"; it shows: ${text.slice(0, 500)}`);
          text = (
            await lines
              .first()
              .innerText()
              .catch(() => '')
          ).replace(/\u00a0/g, ' ');
          await page.waitForTimeout(250);
        }
        // The panel wraps long lines: read from the WebGPU mark to the next line's timestamp.
        const line = text.replace(/\n/g, '').match(/✓ webgpu:.*?(?=\d{4}-\d\d-\d\d \d\d:|$)/)[0];
        if (!/llvmpipe/i.test(line) || !/software adapter/.test(line)) throw new Error(`the WebGPU line says: ${line}`);
        await page.screenshot({ path: path.join(args.out, 'platform-check-setup-output.png') });
        return line.trim();
      },
    ],
  ];
  try {
    counts = await flow.runSteps(steps, {
      page: () => browser?.page,
      out: args.out,
      screenshot: 'platform-failure.png',
    });
  } catch (e) {
    counts.failed++;
    console.error(`ERROR: ${e.stack || e}`);
  } finally {
    await flow.cleanUp({ browser, server, logsOf: runDir, out: args.out });
  }
  return flow.report(counts);
}

flow.exitWith(main);
