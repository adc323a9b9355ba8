// Browser helpers for the test harness: headless Debian chromium via playwright-core, frame search, command palette.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
// Offline-safe: no component/update/sync traffic, no QUIC; --no-sandbox because CI runs as root in a container.
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic', '--disable-dev-shm-usage'];

const t0 = Date.now();
/** Log with seconds since process start. */
function log(...args) {
  console.log(`[${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...args);
}

const sleep = ms => new Promise(r => setTimeout(r, ms));

/** Launch headless chromium with a fresh profile; returns { context, page, close() }. */
async function launch({ profileBase = os.tmpdir(), viewport = { width: 1400, height: 900 } } = {}) {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found (apt-get install chromium, or set CHROMIUM_PATH)`);
  fs.mkdirSync(profileBase, { recursive: true });
  const userDataDir = fs.mkdtempSync(path.join(profileBase, 'chromium-profile-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport,
  });
  const page = context.pages()[0] || await context.newPage();
  const close = async () => {
    await context.close().catch(() => {});
    fs.rmSync(userDataDir, { recursive: true, force: true });
  };
  return { context, page, close };
}

/**
 * Find `selector` in any frame of the page (notebook outputs and webviews live in nested iframes).
 * Resolves to { frame, locator } for the first match; rejects after timeoutMs.
 */
async function findInFrames(page, selector, timeoutMs = 30000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      try {
        const locator = frame.locator(selector);
        if (await locator.count() > 0) return { frame, locator: locator.first() };
      } catch { /* frame detached or navigating: try the next one */ }
    }
    if (Date.now() > end) throw new Error(`timeout after ${timeoutMs} ms: ${selector} not found in any frame`);
    await sleep(250);
  }
}

/** Fill the quick input with `value`, wait for a row containing `rowText`, press Enter. */
async function quickInput(page, key, value, rowText, timeoutMs = 30000) {
  await page.keyboard.press(key);
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: timeoutMs });
  await input.fill(value);
  await page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: rowText })
    .first().waitFor({ state: 'visible', timeout: timeoutMs });
  await page.keyboard.press('Enter');
}

/** Run a command from the command palette (F1), e.g. palette(page, 'Notebook: Run All'). */
function palette(page, text, timeoutMs) {
  return quickInput(page, 'F1', '>' + text, text, timeoutMs);
}

/** Open a file by name with Quick Open (Ctrl+P), as a person would. */
function quickOpen(page, fileName, timeoutMs) {
  return quickInput(page, 'Control+P', fileName, fileName, timeoutMs);
}

/**
 * Scroll the notebook editor (mouse wheel over it) until `locator` (e.g. an output element inside the
 * notebook's webview frame, which follows the cell list) is fully in view, or as close to it as possible.
 */
async function revealInNotebook(page, locator, { editor = '.notebook-editor', margin = 20 } = {}) {
  const area = await page.locator(editor).first().boundingBox();
  if (!area) throw new Error(`${editor} not visible`);
  await page.mouse.move(area.x + area.width / 2, area.y + area.height / 2);
  for (let i = 0; i < 30; i++) {
    const box = await locator.boundingBox();
    if (!box) throw new Error('element to reveal has no layout box');
    const top = area.y + margin, bottom = area.y + area.height - margin;
    // fits: align its bottom (end of a curve) in view; taller than the editor: align its top
    let delta = 0;
    if (box.height > bottom - top) delta = box.y - top;
    else if (box.y < top) delta = box.y - top;
    else if (box.y + box.height > bottom) delta = box.y + box.height - bottom;
    if (Math.abs(delta) < 2) return;
    await page.mouse.wheel(0, delta);
    await sleep(300);
  }
}

// Like findInFrames, but scrolls the notebook down meanwhile: VS Code renders a cell's outputs only when the
// cell comes near the viewport, so an output below the fold does not exist in any frame until a person scrolls.
async function findInNotebook(page, selector, timeoutMs = 30000, { editor = '.notebook-editor', step = 400 } = {}) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await findInFrames(page, selector, 1000);
    } catch (e) {
      if (Date.now() > end) throw new Error(`timeout after ${timeoutMs} ms: ${selector} not found in the notebook`);
    }
    const area = await page.locator(editor).first().boundingBox();
    if (area) {
      await page.mouse.move(area.x + area.width / 2, area.y + area.height / 2);
      await page.mouse.wheel(0, step);
    }
  }
}

module.exports = { launch, log, sleep, findInFrames, findInNotebook, palette, quickOpen, revealInNotebook, CHROMIUM, CHROMIUM_ARGS };
