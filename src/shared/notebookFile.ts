// The `.bigmodel` file (spec section 1): parse with line/column errors, and write stable pretty JSON.
import * as l10n from '@vscode/l10n';
import {
  createScanner,
  findNodeAtLocation,
  parseTree,
  ParseError,
  ParseErrorCode,
  printParseErrorCode,
  SyntaxKind,
  type Node,
} from 'jsonc-parser';

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
    super(l10n.t('line {0}, column {1}: {2}', line, column, reason));
    this.name = 'NotebookFormatError';
  }
}

export function emptyNotebook(): NotebookFile {
  return { bigmodel: FORMAT_VERSION, metadata: {}, cells: [] };
}

/** Reads a notebook's text. An empty (or whitespace-only) file is an empty notebook. */
export function parseNotebook(file: string): NotebookFile {
  // Windows Notepad and some editors start UTF-8 files with a byte-order mark; JSON does not allow one.
  const text = file.replace(/^\uFEFF/, '');
  if (text.trim() === '') return emptyNotebook();
  const at = (offset: number) => lineColumn(text, offset);
  const deep = tooDeepAt(text, MAX_DEPTH);
  if (deep !== undefined) {
    const where = at(deep);
    throw new NotebookFormatError(l10n.t('nested more than {0} levels deep', MAX_DEPTH), where.line, where.column);
  }
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length > 0 || !tree) {
    const e = errors[0];
    const where = at(e?.offset ?? 0);
    throw new NotebookFormatError(
      l10n.t('not valid JSON ({0})', describeJsonError(e?.error)),
      where.line,
      where.column,
    );
  }
  const fail = (node: Node | undefined, reason: string): never => {
    const where = at(node?.offset ?? 0);
    throw new NotebookFormatError(reason, where.line, where.column);
  };
  if (tree.type !== 'object') fail(tree, l10n.t('expected a JSON object with "bigmodel": 1 and "cells": […]'));
  const value = readJson(text, tree);
  const node = (...path: (string | number)[]) => findNodeAtLocation(tree, path) ?? tree;

  const version = value.bigmodel;
  if (version === undefined) fail(tree, l10n.t('not a .bigmodel notebook: the "bigmodel" version field is missing'));
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    fail(node('bigmodel'), l10n.t('"bigmodel" must be the format version number {0}', FORMAT_VERSION));
  }
  if ((version as number) > FORMAT_VERSION) {
    fail(
      node('bigmodel'),
      l10n.t(
        'this notebook is format version {0}, but this version of BigModel Studio reads version {1}; update the extension to open it',
        version as number,
        FORMAT_VERSION,
      ),
    );
  }
  const metadata = value.metadata ?? {};
  if (!isObject(metadata)) fail(node('metadata'), l10n.t('"metadata" must be an object'));
  const cells = value.cells ?? [];
  if (!Array.isArray(cells)) fail(node('cells'), l10n.t('"cells" must be a list of cells'));

  (cells as unknown[]).forEach((cell, i) => {
    if (!isObject(cell)) fail(node('cells', i), l10n.t('cells[{0}] must be an object', i));
    const c = cell as Record<string, unknown>;
    if (c.kind !== 'markdown' && c.kind !== 'code') {
      fail(node('cells', i, 'kind'), l10n.t('cells[{0}].kind must be "markdown" or "code"', i));
    }
    if (c.language !== undefined && typeof c.language !== 'string') {
      fail(node('cells', i, 'language'), l10n.t('cells[{0}].language must be a string such as "bigmodel"', i));
    }
    const src = c.source ?? [];
    if (typeof src === 'string') c.source = splitLines(src);
    else if (!Array.isArray(src) || src.some((s) => typeof s !== 'string')) {
      fail(node('cells', i, 'source'), l10n.t('cells[{0}].source must be a list of lines (strings) or a string', i));
    } else c.source = (src as string[]).some((s) => LINE_BREAK.test(s)) ? (src as string[]).flatMap(splitLines) : src;
    if (c.outputs !== undefined) {
      if (!Array.isArray(c.outputs)) fail(node('cells', i, 'outputs'), l10n.t('cells[{0}].outputs must be a list', i));
      (c.outputs as unknown[]).forEach((o, j) => {
        const items = isObject(o) ? (o as Record<string, unknown>).items : undefined;
        if (!Array.isArray(items))
          fail(node('cells', i, 'outputs', j), l10n.t('cells[{0}].outputs[{1}] must have "items": […]', i, j));
        (items as unknown[]).forEach((item, k) => {
          const it = item as Record<string, unknown>;
          if (!isObject(item) || typeof it.mime !== 'string' || !('data' in it)) {
            fail(
              node('cells', i, 'outputs', j, 'items', k),
              l10n.t('cells[{0}].outputs[{1}].items[{2}] must have "mime" and "data"', i, j, k),
            );
          }
        });
      });
    }
    if (c.execution !== undefined && !isObject(c.execution)) {
      fail(node('cells', i, 'execution'), l10n.t('cells[{0}].execution must be an object', i));
    }
  });
  return {
    ...value,
    bigmodel: version as number,
    metadata: metadata as Record<string, unknown>,
    cells: cells as CellFile[],
  };
}

/** Writes stable pretty JSON: known keys first in the spec's order, unknown keys after in their own order. */
export function serializeNotebook(nb: NotebookFile): string {
  const cells = nb.cells.map((c) => {
    const cell = ordered(c, ['kind', 'language', 'source', 'outputs', 'execution']);
    if (c.outputs)
      cell.outputs = c.outputs.map((o) => ({
        ...ordered(o, ['items']),
        items: o.items.map((it) => ordered(it, ['mime', 'encoding', 'data'])),
      }));
    if (c.execution) cell.execution = ordered(c.execution, ['order', 'success', 'durationMs']);
    return cell;
  });
  const top = ordered({ ...nb, bigmodel: FORMAT_VERSION }, ['bigmodel', 'metadata', 'cells']);
  top.cells = cells;
  return JSON.stringify(top, null, 2) + '\n';
}

function ordered<T extends object>(obj: T, first: string[]): Record<string, unknown> {
  const src = obj as Record<string, unknown>;
  const keys = [...first.filter((k) => Object.hasOwn(src, k)), ...Object.keys(src).filter((k) => !first.includes(k))];
  // fromEntries, not `out[k] = …`: a field named "__proto__" stays a field rather than setting the prototype.
  return Object.fromEntries(keys.filter((k) => src[k] !== undefined).map((k) => [k, src[k]]));
}

const LINE_BREAK = /\r\n|\r|\n/;

/**
 * A cell's text as the file's lines. Every line break VS Code's editor knows splits lines (\r\n, \r, \n), so a
 * line read with a break inside it becomes two, and the lines survive a round trip through the editor.
 */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** Whether an output item's data is kept as JSON in the file (spec: `application/json` and `*+json`). */
export function isJsonMime(mime: string): boolean {
  return mime === 'application/json' || mime.endsWith('+json');
}
export function isTextMime(mime: string): boolean {
  return (
    mime.startsWith('text/') ||
    mime === 'application/javascript' ||
    mime === 'image/svg+xml' ||
    mime === 'application/vnd.code.notebook.stdout' ||
    mime === 'application/vnd.code.notebook.stderr' ||
    mime === 'application/vnd.code.notebook.error'
  );
}

/** The value of JSON text the tree parser accepted; should JSON.parse still refuse it, the error says where it can. */
function readJson(text: string, tree: Node): Record<string, unknown> {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch (e) {
    const where = lineColumn(text, Number(/position (\d+)/.exec(String((e as Error).message))?.[1] ?? tree.offset));
    throw new NotebookFormatError(l10n.t('not valid JSON ({0})', l10n.t('unreadable')), where.line, where.column);
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The 1-based line and column of an offset, counting line breaks as VS Code's editor does (\r\n, \r or \n). */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const end = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/**
 * How deep a notebook's JSON may nest. Real notebooks nest about ten levels; the JSON parser recurses once per
 * level and a file of 10,000 `[` ran it out of stack (a RangeError instead of an error that says where).
 */
export const MAX_DEPTH = 512;

/** The offset of the first bracket that opens more than `limit` levels, found by the scanner, which does not recurse. */
function tooDeepAt(text: string, limit: number): number | undefined {
  const scanner = createScanner(text, true);
  let depth = 0;
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    if (kind === SyntaxKind.OpenBraceToken || kind === SyntaxKind.OpenBracketToken) {
      if (++depth > limit) return scanner.getTokenOffset();
    } else if (kind === SyntaxKind.CloseBraceToken || kind === SyntaxKind.CloseBracketToken)
      depth = Math.max(0, depth - 1);
  }
  return undefined;
}

function describeJsonError(code: ParseErrorCode | undefined): string {
  switch (code) {
    case ParseErrorCode.CommaExpected:
      return l10n.t('expected a comma');
    case ParseErrorCode.ColonExpected:
      return l10n.t('expected a colon');
    case ParseErrorCode.PropertyNameExpected:
      return l10n.t('expected a property name in double quotes');
    case ParseErrorCode.ValueExpected:
      return l10n.t('expected a value');
    case ParseErrorCode.CloseBraceExpected:
      return l10n.t('expected }');
    case ParseErrorCode.CloseBracketExpected:
      return l10n.t('expected ]');
    case ParseErrorCode.EndOfFileExpected:
      return l10n.t('expected the end of the file');
    case ParseErrorCode.InvalidCommentToken:
      return l10n.t('comments are not allowed');
    case ParseErrorCode.UnexpectedEndOfString:
      return l10n.t('unterminated string');
    case ParseErrorCode.InvalidSymbol:
      return l10n.t('unexpected character');
    case ParseErrorCode.InvalidNumberFormat:
      return l10n.t('malformed number');
    case ParseErrorCode.UnexpectedEndOfNumber:
      return l10n.t('unfinished number');
    case ParseErrorCode.UnexpectedEndOfComment:
      return l10n.t('comments are not allowed');
    case ParseErrorCode.InvalidUnicode:
      return l10n.t('malformed \\u escape in a string');
    case ParseErrorCode.InvalidEscapeCharacter:
      return l10n.t('unknown escape in a string (after \\)');
    case ParseErrorCode.InvalidCharacter:
      return l10n.t('a control character (such as a tab or line break) inside a string');
    default:
      return code === undefined ? l10n.t('unreadable') : printParseErrorCode(code);
  }
}
