// The `.bigmodel` file (spec section 1): parse with line/column errors, and write stable pretty JSON.
import { parseTree, findNodeAtLocation, ParseError, ParseErrorCode, printParseErrorCode, type Node } from 'jsonc-parser';

export const FORMAT_VERSION = 1;

export interface OutputItemFile {
  mime: string;
  data: unknown;
  encoding?: 'base64';
  [extra: string]: unknown;
}
export interface OutputFile {
  items: OutputItemFile[];
  [extra: string]: unknown;
}
export interface ExecutionFile {
  order?: number;
  success?: boolean;
  durationMs?: number;
  [extra: string]: unknown;
}
export interface CellFile {
  kind: 'markdown' | 'code';
  language?: string;
  source: string[];
  outputs?: OutputFile[];
  execution?: ExecutionFile;
  [extra: string]: unknown;
}
export interface NotebookFile {
  bigmodel: number;
  metadata: Record<string, unknown>;
  cells: CellFile[];
  [extra: string]: unknown;
}

/** A notebook that cannot be read: says where (1-based line and column) and what was expected. */
export class NotebookFormatError extends Error {
  constructor(
    readonly reason: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`line ${line}, column ${column}: ${reason}`);
    this.name = 'NotebookFormatError';
  }
}

export function emptyNotebook(): NotebookFile {
  return { bigmodel: FORMAT_VERSION, metadata: {}, cells: [] };
}

/** Reads a notebook's text. An empty (or whitespace-only) file is an empty notebook. */
export function parseNotebook(text: string): NotebookFile {
  if (text.trim() === '') return emptyNotebook();
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const at = (offset: number) => lineColumn(text, offset);
  if (errors.length > 0 || !tree) {
    const e = errors[0];
    const where = at(e?.offset ?? 0);
    throw new NotebookFormatError(`not valid JSON (${describeJsonError(e?.error)})`, where.line, where.column);
  }
  const fail = (node: Node | undefined, reason: string): never => {
    const where = at(node?.offset ?? 0);
    throw new NotebookFormatError(reason, where.line, where.column);
  };
  if (tree.type !== 'object') fail(tree, 'expected a JSON object with "bigmodel": 1 and "cells": […]');
  const value = JSON.parse(text) as Record<string, unknown>;
  const node = (...path: (string | number)[]) => findNodeAtLocation(tree, path) ?? tree;

  const version = value.bigmodel;
  if (version === undefined) fail(tree, 'not a .bigmodel notebook: the "bigmodel" version field is missing');
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    fail(node('bigmodel'), `"bigmodel" must be the format version number ${FORMAT_VERSION}`);
  }
  if ((version as number) > FORMAT_VERSION) {
    fail(
      node('bigmodel'),
      `this notebook is format version ${version}, but this version of BigModel Studio reads version ${FORMAT_VERSION}; update the extension to open it`,
    );
  }
  const metadata = value.metadata ?? {};
  if (!isObject(metadata)) fail(node('metadata'), '"metadata" must be an object');
  const cells = value.cells ?? [];
  if (!Array.isArray(cells)) fail(node('cells'), '"cells" must be a list of cells');

  (cells as unknown[]).forEach((cell, i) => {
    if (!isObject(cell)) fail(node('cells', i), `cells[${i}] must be an object`);
    const c = cell as Record<string, unknown>;
    if (c.kind !== 'markdown' && c.kind !== 'code') {
      fail(node('cells', i, 'kind'), `cells[${i}].kind must be "markdown" or "code"`);
    }
    if (c.language !== undefined && typeof c.language !== 'string') {
      fail(node('cells', i, 'language'), `cells[${i}].language must be a string such as "bigmodel"`);
    }
    const src = c.source ?? [];
    if (typeof src === 'string') c.source = src.split(/\r?\n/);
    else if (!Array.isArray(src) || src.some((s) => typeof s !== 'string')) {
      fail(node('cells', i, 'source'), `cells[${i}].source must be a list of lines (strings) or a string`);
    } else c.source = src;
    if (c.outputs !== undefined) {
      if (!Array.isArray(c.outputs)) fail(node('cells', i, 'outputs'), `cells[${i}].outputs must be a list`);
      (c.outputs as unknown[]).forEach((o, j) => {
        const items = isObject(o) ? (o as Record<string, unknown>).items : undefined;
        if (!Array.isArray(items)) fail(node('cells', i, 'outputs', j), `cells[${i}].outputs[${j}] must have "items": […]`);
        (items as unknown[]).forEach((item, k) => {
          const it = item as Record<string, unknown>;
          if (!isObject(item) || typeof it.mime !== 'string' || !('data' in it)) {
            fail(node('cells', i, 'outputs', j, 'items', k), `cells[${i}].outputs[${j}].items[${k}] must have "mime" and "data"`);
          }
        });
      });
    }
    if (c.execution !== undefined && !isObject(c.execution)) {
      fail(node('cells', i, 'execution'), `cells[${i}].execution must be an object`);
    }
  });
  return { ...value, bigmodel: version as number, metadata: metadata as Record<string, unknown>, cells: cells as CellFile[] };
}

/** Writes stable pretty JSON: known keys first in the spec's order, unknown keys after in their own order. */
export function serializeNotebook(nb: NotebookFile): string {
  const cells = nb.cells.map((c) => {
    const cell = ordered(c, ['kind', 'language', 'source', 'outputs', 'execution']);
    if (c.outputs) cell.outputs = c.outputs.map((o) => ({ ...ordered(o, ['items']), items: o.items.map((it) => ordered(it, ['mime', 'encoding', 'data'])) }));
    if (c.execution) cell.execution = ordered(c.execution, ['order', 'success', 'durationMs']);
    return cell;
  });
  const top = ordered({ ...nb, bigmodel: FORMAT_VERSION }, ['bigmodel', 'metadata', 'cells']);
  top.cells = cells;
  return JSON.stringify(top, null, 2) + '\n';
}

function ordered<T extends object>(obj: T, first: string[]): Record<string, unknown> {
  const src = obj as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of first) if (src[k] !== undefined) out[k] = src[k];
  for (const k of Object.keys(src)) if (!(k in out) && src[k] !== undefined) out[k] = src[k];
  return out;
}

/** Whether an output item's data is kept as JSON in the file (spec: `application/json` and `*+json`). */
export function isJsonMime(mime: string): boolean {
  return mime === 'application/json' || mime.endsWith('+json');
}
export function isTextMime(mime: string): boolean {
  return mime.startsWith('text/') || mime === 'application/javascript' || mime === 'image/svg+xml' ||
    mime === 'application/vnd.code.notebook.stdout' || mime === 'application/vnd.code.notebook.stderr' ||
    mime === 'application/vnd.code.notebook.error';
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function describeJsonError(code: ParseErrorCode | undefined): string {
  switch (code) {
    case ParseErrorCode.CommaExpected: return 'expected a comma';
    case ParseErrorCode.ColonExpected: return 'expected a colon';
    case ParseErrorCode.PropertyNameExpected: return 'expected a property name in double quotes';
    case ParseErrorCode.ValueExpected: return 'expected a value';
    case ParseErrorCode.CloseBraceExpected: return 'expected }';
    case ParseErrorCode.CloseBracketExpected: return 'expected ]';
    case ParseErrorCode.EndOfFileExpected: return 'expected the end of the file';
    case ParseErrorCode.InvalidCommentToken: return 'comments are not allowed';
    case ParseErrorCode.UnexpectedEndOfString: return 'unterminated string';
    default: return code === undefined ? 'unreadable' : printParseErrorCode(code);
  }
}
