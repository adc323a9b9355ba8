// Webview code in plain Node tests: a jsdom window's globals on globalThis, and a webview entry bundled for the
// browser as esbuild.mjs bundles it (webview code is not transpiled into out/).
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { JSDOM } from 'jsdom';
import type { OutputItem, RendererContext } from 'vscode-notebook-renderer';

/** Puts `names` of `window` on globalThis (its functions bound to it); returns what puts the earlier ones back. */
export function installGlobals(window: object, names: readonly string[]): () => void {
  const w = window as Record<string, unknown>;
  const saved = new Map<string, PropertyDescriptor | undefined>();
  for (const name of names) {
    saved.set(name, Object.getOwnPropertyDescriptor(globalThis, name));
    const value = name === 'window' ? window : w[name];
    Object.defineProperty(globalThis, name, {
      value: typeof value === 'function' && /^[a-z]/.test(name) ? (value as () => unknown).bind(window) : value,
      configurable: true,
      writable: true,
    });
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
  const out = await build({
    entryPoints: [entry],
    absWorkingDir: root,
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
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
  return existsSync(path.join(dir, 'webview', 'dashboard')) || path.dirname(dir) === dir
    ? dir
    : repositoryRoot(path.dirname(dir));
}

/** The browser globals a notebook renderer's bundle and Chart.js look for; put back afterwards. */
export const RENDERER_GLOBALS = [
  'window',
  'document',
  'navigator',
  'Node',
  'HTMLElement',
  'HTMLCanvasElement',
  'getComputedStyle',
  'MutationObserver',
  'ResizeObserver',
  'requestAnimationFrame',
  'cancelAnimationFrame',
  'devicePixelRatio',
];

/** The browser globals the dashboard's bundle looks for: a renderer's, and those of FAST (the toolkit) and the webview API; put back afterwards. */
export const DASHBOARD_GLOBALS = [
  ...RENDERER_GLOBALS,
  'Document',
  'Text',
  'Comment',
  'HTMLTemplateElement',
  'HTMLSlotElement',
  'HTMLInputElement',
  'HTMLFormElement',
  'NodeFilter',
  'FocusEvent',
  'Element',
  'ShadowRoot',
  'DocumentFragment',
  'Event',
  'CustomEvent',
  'MessageEvent',
  'KeyboardEvent',
  'MouseEvent',
  'customElements',
  'matchMedia',
  'CSSStyleSheet',
  'HTMLStyleElement',
  'acquireVsCodeApi',
];

/**
 * A page for webview code: `body` inside, a ResizeObserver that sees nothing (jsdom has none), and canvases whose 2D
 * context is `context(canvas)` — by default none, as in jsdom (the views then show their tables instead of charts).
 */
export function webviewDom(body = '', context: (canvas: HTMLCanvasElement) => unknown = () => null): JSDOM {
  const dom = new JSDOM(`<!doctype html><html><head></head><body>${body}</body></html>`, { pretendToBeVisual: true });
  const w = dom.window as unknown as Record<string, unknown>;
  w.ResizeObserver = class {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  };
  (dom.window.HTMLCanvasElement.prototype as { getContext: unknown }).getContext = function (this: HTMLCanvasElement) {
    return context(this);
  };
  return dom;
}

/** A page with the dashboard's root and matchMedia, as the dashboard's bundle expects. */
export function dashboardDom(context?: (canvas: HTMLCanvasElement) => unknown): JSDOM {
  const dom = webviewDom('<div id="dashboard"></div>', context);
  const w = dom.window as unknown as Record<string, unknown>;
  w.matchMedia ??= () => ({
    matches: false,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    addListener: () => undefined,
    removeListener: () => undefined,
  });
  return dom;
}

/**
 * Gives every element a box (400×300 unless told): jsdom lays nothing out, and Chart.js sizes a chart from its
 * container's box and draws nothing in an empty one. Returns what takes the boxes away again.
 */
export function layOut(dom: JSDOM, width = 400, height = 300): () => void {
  const proto = dom.window.HTMLElement.prototype as unknown as Record<string, unknown>;
  proto.getBoundingClientRect = () => ({ x: 0, y: 0, top: 0, left: 0, right: width, bottom: height, width, height });
  return () => {
    delete proto.getBoundingClientRect;
  };
}

/**
 * Ends a page: its content removed first, so that the charts see their canvases go (a MutationObserver, asynchronously)
 * while the globals still exist; then the globals put back and the window closed.
 */
export async function closeDom(dom: JSDOM | undefined, restoreGlobals: (() => void) | undefined): Promise<void> {
  dom?.window.document.body.replaceChildren();
  await new Promise((r) => setTimeout(r, 20));
  restoreGlobals?.();
  dom?.window.close();
}

/** An output item as VS Code hands it to a renderer: json() parses the text, as VS Code's does (JSON has no NaN). */
export function outputItem(id: string, mime: string, payload: unknown): OutputItem {
  const text = JSON.stringify(payload) ?? 'undefined';
  return {
    id,
    mime,
    metadata: undefined,
    json: () => JSON.parse(text),
    text: () => text,
    data: () => new TextEncoder().encode(text),
    blob: () => new Blob([text]),
  };
}

/** What a renderer is activated with in a trusted notebook; `extra` adds messaging (postMessage, onDidReceiveMessage). */
export function rendererContext(extra: object = {}): RendererContext<unknown> {
  return {
    workspace: { isTrusted: true },
    settings: { lineLimit: 30, outputScrolling: false, outputWordWrap: false },
    ...extra,
  } as unknown as RendererContext<unknown>;
}
