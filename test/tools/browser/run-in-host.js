#!/usr/bin/env node
// Runs an extension's mocha suite inside code-server's real Node extension host, driven by headless chromium.
//
// Usage: node test/tools/browser/run-in-host.js --extension <extensionDevelopmentPath>
//          --tests <absolute path of the suite's index.js exporting run()> --folder <workspace folder>
//          [--out <dir for logs/screenshot>] [--workspace-trust] [--locale <display language, e.g. zh-cn>]
//          [--grep <only the tests whose titles match>]
// Env: TEST_TIMEOUT_MS (default 600000), VERBOSE=1 (echo all workbench output), SHOW_PAGE_ERRORS=1.
// The caller's environment (e.g. BIGMODEL_*) reaches the extension host. Last stdout line: `N passed, N failed`.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const util = require('util');
const { launch, log } = require('./lib');
const { startServer, collectLogs, installVsix } = require('./server');
const { spawnSync } = require('child_process');
const crypto = require('crypto');

function parseArgs(argv) {
  const out = { workspaceTrust: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--workspace-trust') out.workspaceTrust = true;
    else if (['--extension', '--tests', '--folder', '--out'].includes(a) && argv[i + 1]) out[a.slice(2)] = path.resolve(argv[++i]);
    else if (['--locale', '--grep'].includes(a) && argv[i + 1]) out[a.slice(2)] = argv[++i];
    else throw new Error(`unknown or incomplete argument: ${a}`);
  }
  for (const k of ['extension', 'tests', 'folder']) {
    if (!out[k]) throw new Error(`missing --${k}`);
    if (!fs.existsSync(out[k])) throw new Error(`--${k} ${out[k]} does not exist`);
  }
  return out;
}

// Workbench chatter that reaches codeAutomationLog along with the suite's own console output.
// Test output comes from the Node extension host, so anything carrying a workbench (browser) stack frame is noise too.
const NOISE = /^\s*(\[|%c|at |Resolving |Resolved |Creating a socket|getaddrinfo |Updating additional builtin extensions|Ignoring fetching additional builtin extensions)|\/static\/out\/vs\//;
const SUMMARY = /^\d+ passed, \d+ failed\b/;

async function main() {
  let args;
  try { args = parseArgs(process.argv.slice(2)); } catch (e) {
    console.error(`${e.message}\nusage: run-in-host.js --extension <dir> --tests <index.js> --folder <dir> [--out <dir>] [--workspace-trust] [--locale <lang>] [--grep <title>]`);
    console.log('0 passed, 1 failed');
    return 2;
  }
  const out = args.out || fs.mkdtempSync(path.join(os.tmpdir(), 'bigmodel-host-out-'));
  fs.mkdirSync(out, { recursive: true });
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bigmodel-host-'));
  const timeoutMs = Number(process.env.TEST_TIMEOUT_MS || 600000);
  const autoLog = fs.createWriteStream(path.join(out, 'host.log'));
  let server, browser, summary = '', code = 1;
  try {
    if (args.locale) installLanguagePack(runDir, args.locale);
    server = await startServer({
      runDir, folder: args.folder, workspaceTrust: args.workspaceTrust,
      // the web workbench honours the URL payload (extensionDevelopmentPath/extensionTestsPath) only with this
      extraArgs: ['--vscode-option', 'enable-smoke-test-driver', ...(args.locale ? ['--locale', args.locale] : [])],
      // the suite's index.js reads it in the extension host, which inherits the server's environment
      env: {
        ...(args.grep ? { BIGMODEL_TEST_GREP: args.grep } : {}),
        // the folder is not trusted in this pass: the suite's untrusted-workspace tests run instead of pending
        ...(args.workspaceTrust ? { BIGMODEL_TEST_UNTRUSTED: '1' } : {}),
      },
    });
    log(`code-server up at ${server.url} (pid ${server.proc.pid})`);
    browser = await launch({ profileBase: runDir });
    const { page } = browser;

    let finish;
    const done = new Promise((resolve, reject) => { finish = { resolve, reject }; });
    done.catch(() => {});   // late rejections (server stopped by us) must not crash the process
    await page.exposeFunction('codeAutomationExit', c => finish.resolve(Number(c)));
    await page.exposeFunction('codeAutomationLog', (type, logArgs) => {
      const line = util.format(...(logArgs || []).map(a => (typeof a === 'string' ? a : JSON.stringify(a))));
      autoLog.write(`${type}\t${line}\n`);
      if (SUMMARY.test(line.trim())) summary = line.trim();
      if (process.env.VERBOSE || !NOISE.test(line)) console.log(line);
    });
    page.on('console', m => {
      if (m.type() === 'error') {
        autoLog.write(`page-error\t${m.text()}\n`);
        if (process.env.SHOW_PAGE_ERRORS) console.log(`[page error] ${m.text().slice(0, 300)}`);
      }
    });
    page.on('crash', () => finish.reject(new Error('browser page crashed')));
    server.proc.once('exit', c => finish.reject(new Error(`code-server exited early (${c}); see server.log`)));
    const timer = setTimeout(() => finish.reject(new Error(`timeout: no result after ${timeoutMs} ms (TEST_TIMEOUT_MS)`)), timeoutMs);

    const remote = p => `vscode-remote://127.0.0.1:${server.port}${encodeURI(p)}`;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', remote(args.extension)],
      ['extensionTestsPath', remote(args.tests)],
      ['skipWelcome', 'true'],
    ]);
    const url = `${server.url}/?folder=${encodeURIComponent(args.folder)}&payload=${encodeURIComponent(payload)}`;
    log('opening workbench with test payload');
    await page.goto(url);
    try { code = await done; } finally { clearTimeout(timer); }
    log(`suite finished, exit code ${code}`);
  } catch (e) {
    console.error(`ERROR: ${e.stack || e}`);
    code = 1;
  } finally {
    if (browser) {
      await browser.page.screenshot({ path: path.join(out, 'final.png') }).catch(() => {});
      await browser.close();
    }
    if (server) await server.stop();
    await new Promise(r => autoLog.end(r));
    collectLogs(runDir, out);
    fs.rmSync(runDir, { recursive: true, force: true });
    log(`logs in ${out}`);
  }
  if (!summary) {
    console.log('0 passed, 1 failed');
    return code || 1;
  }
  console.log(summary);
  return code;
}

/**
 * VS Code reports a display language only when a language pack for it is installed, and none can be downloaded
 * here: package the test fixture's minimal pack for the locale and install it into this run's extensions dir.
 */
function installLanguagePack(runDir, locale) {
  const fixture = path.join(__dirname, '..', '..', 'fixtures', `language-pack-${locale.toLowerCase()}`);
  if (!fs.existsSync(fixture)) throw new Error(`no test language pack for --locale ${locale} (looked for ${fixture})`);
  const vsix = path.join(runDir, `language-pack-${locale}.vsix`);
  const vsce = path.join(__dirname, '..', '..', '..', 'node_modules', '.bin', 'vsce');
  const r = spawnSync(vsce, ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '-o', vsix],
    { cwd: fixture, encoding: 'utf8', timeout: 120000 });
  if (r.status !== 0) throw new Error(`packaging the ${locale} language pack failed:\n${r.stdout}${r.stderr}`);
  installVsix(runDir, vsix);
  // The CLI install does not index the pack (the running server does that on install); write the index VS Code
  // reads at startup, in the shape it writes it.
  const manifest = JSON.parse(fs.readFileSync(path.join(fixture, 'package.json'), 'utf8'));
  const id = `${manifest.publisher}.${manifest.name}`;
  const installed = path.join(runDir, 'extensions', `${id}-${manifest.version}`);
  const [localization] = manifest.contributes.localizations;
  const index = {
    [localization.languageId]: {
      hash: crypto.createHash('md5').update(id).update(manifest.version).digest('hex'),
      extensions: [{ extensionIdentifier: { id }, version: manifest.version }],
      translations: Object.fromEntries(localization.translations.map(t => [t.id, path.join(installed, t.path)])),
      label: localization.localizedLanguageName,
    },
  };
  fs.mkdirSync(path.join(runDir, 'user-data'), { recursive: true });
  fs.writeFileSync(path.join(runDir, 'user-data', 'languagepacks.json'), JSON.stringify(index));
  log(`installed the ${localization.languageId} test language pack`);
}

main().then(c => process.exit(c), e => { console.error(e); console.log('0 passed, 1 failed'); process.exit(1); });
