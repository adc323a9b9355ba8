// Webview code in plain Node tests: a jsdom window's globals on globalThis, and a webview entry bundled for the
// browser as esbuild.mjs bundles it (webview code is not transpiled into out/).
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { JSDOM } from 'jsdom';

/** Puts `names` of `window` on globalThis (its functions bound to it); returns what puts the earlier ones back. */
export function installGlobals(window: object, names: readonly string[]): () => void {
  const w = window as Record<string, unknown>;
  const saved = new Map<string, PropertyDescriptor | undefined>();
  for (const name of names) {
    saved.set(name, Object.getOwnPropertyDescriptor(globalThis, name));
    const value = name === 'window' ? window : w[name];
    Object.defineProperty(globalThis, name, { value: typeof value === 'function' && /^[a-z]/.test(name) ? (value as () => unknown).bind(window) : value, configurable: true, writable: true });
  }
  return () => {
    for (const [name, descriptor] of saved) {
      if (descriptor) Object.defineProperty(globalThis, name, descriptor);
      else delete (globalThis as Record<string, unknown>)[name];
    }
  };
}

/** `entry` bundled into one ES module for the browser, imported from a scratch folder (removed once it is loaded). */
export async function importWebviewBundle<T>(entry: string, root: string): Promise<T> {
  const out = await build({ entryPoints: [entry], absWorkingDir: root, bundle: true, platform: 'browser', format: 'esm', target: 'es2022', write: false, logLevel: 'silent' });
  const dir = mkdtempSync(path.join(tmpdir(), 'bigmodel-webview-'));
  try {
    const file = path.join(dir, `${path.basename(entry, '.ts')}.mjs`);
    writeFileSync(file, out.outputFiles[0].text);
    return (await import(pathToFileURL(file).href)) as T;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The repository: the first folder above this test (in out/ or elsewhere) that holds webview/dashboard. */
export function repositoryRoot(dir = __dirname): string {
  return existsSync(path.join(dir, 'webview', 'dashboard')) || path.dirname(dir) === dir ? dir : repositoryRoot(path.dirname(dir));
}

/** The browser globals the dashboard's bundle, FAST (the toolkit) and Chart.js look for; put back afterwards. */
export const DASHBOARD_GLOBALS = [
  'window', 'document', 'navigator', 'Node', 'Document', 'Text', 'Comment', 'HTMLTemplateElement', 'HTMLSlotElement', 'HTMLInputElement', 'HTMLFormElement', 'NodeFilter', 'FocusEvent', 'Element', 'HTMLElement', 'HTMLCanvasElement', 'ShadowRoot', 'DocumentFragment', 'Event', 'CustomEvent',
  'MessageEvent', 'KeyboardEvent', 'MouseEvent', 'customElements', 'getComputedStyle', 'MutationObserver', 'ResizeObserver', 'requestAnimationFrame',
  'cancelAnimationFrame', 'devicePixelRatio', 'matchMedia', 'CSSStyleSheet', 'HTMLStyleElement', 'acquireVsCodeApi',
];

/** A laid-out page with the dashboard's root, ResizeObserver and matchMedia, as the webview bundles expect. */
export function dashboardDom(): JSDOM {
  const dom = new JSDOM('<!doctype html><html><head></head><body><div id="dashboard"></div></body></html>', { pretendToBeVisual: true });
  const w = dom.window as unknown as Record<string, unknown>;
  w.ResizeObserver = class {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  };
  w.matchMedia ??= () => ({ matches: false, addEventListener: () => undefined, removeEventListener: () => undefined, addListener: () => undefined, removeListener: () => undefined });
  return dom;
}
