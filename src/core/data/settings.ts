// The `data` section's settings, read with their types checked and every mistake reported at its key's line.
import * as l10n from '@vscode/l10n';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ParsedCell } from '../../shared/cellSpec';
import { closest } from '../../shared/suggest';
import { CellError } from '../cellError';
import type { ErrorCategory } from '../../shared/bigModelError';

/** The keys of spec section 3's `data` section. */
export const DATA_KEYS = [
  'source', 'path', 'train', 'test', 'label', 'features', 'classes', 'validation', 'limit', 'normalize', 'shuffle', 'seed',
  'categorical', 'encoding', 'text', 'maxLength', 'vocabularySize', 'imageSize', 'channels', 'positive',
] as const;
export type DataKey = (typeof DATA_KEYS)[number];

/** A file or folder the cell names: as the user wrote it, and where it was looked for. */
export interface CellPath {
  shown: string;
  absolute: string;
}

export class DataSettings {
  readonly values: Record<string, unknown>;

  /** @param folder the notebook's folder, against which relative paths resolve. */
  constructor(
    readonly cell: ParsedCell,
    readonly folder: string,
  ) {
    this.values = cell.spec.data ?? {};
  }

  /** Where a key (or an item inside it) sits in the cell. */
  at(...keyPath: (string | number)[]): { line: number; column: number } {
    return this.cell.locate(['data', ...keyPath]);
  }

  fail(category: ErrorCategory, message: string, ...keyPath: (string | number)[]): never {
    throw new CellError(category, message, this.at(...keyPath));
  }

  has(key: DataKey): boolean {
    return this.values[key] !== undefined && this.values[key] !== null;
  }

  /** Rejects keys the `data` section does not have, so a typo such as `lable:` is not silently ignored. */
  checkKeys(): void {
    for (const key of Object.keys(this.values)) {
      if ((DATA_KEYS as readonly string[]).includes(key)) continue;
      const hint = closest(key, DATA_KEYS);
      this.fail('invalid-cell', hint
        ? l10n.t('unknown setting `data.{0}` — did you mean `{1}`? (data settings: {2})', key, hint, DATA_KEYS.join(', '))
        : l10n.t('unknown setting `data.{0}` (data settings: {1})', key, DATA_KEYS.join(', ')), key);
    }
  }

  number(key: DataKey, fallback: number, min: number, max = Infinity): number {
    const v = this.values[key];
    if (v === undefined || v === null) return fallback;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
      const got = String(JSON.stringify(v));
      this.fail('invalid-cell', max === Infinity
        ? l10n.t('`data.{0}` must be a number ≥ {1}, got {2}', key, min, got)
        : l10n.t('`data.{0}` must be a number between {1} and {2}, got {3}', key, min, max, got), key);
    }
    return v;
  }

  boolean(key: DataKey, fallback: boolean): boolean {
    const v = this.values[key];
    if (v === undefined || v === null) return fallback;
    if (typeof v !== 'boolean') this.fail('invalid-cell', l10n.t('`data.{0}` must be true or false, got {1}', key, String(JSON.stringify(v))), key);
    return v;
  }

  string(key: DataKey): string | undefined {
    const v = this.values[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string' && typeof v !== 'number') this.fail('invalid-cell', l10n.t('`data.{0}` must be a name or a path, got {1}', key, String(JSON.stringify(v))), key);
    return String(v);
  }

  /** A list of names; a single name is a list of one. */
  strings(key: DataKey): string[] | undefined {
    const v = this.values[key];
    if (v === undefined || v === null) return undefined;
    const list = Array.isArray(v) ? v : [v];
    if (list.length === 0 || list.some((s) => typeof s !== 'string' && typeof s !== 'number')) {
      this.fail('invalid-cell', l10n.t('`data.{0}` must be a list of names, e.g. `{0}: [a, b]`', key), key);
    }
    return list.map(String);
  }

  /** Whether a path setting names a file or a folder (a missing one is an error at the key). */
  existingKind(key: DataKey): 'file' | 'folder' {
    const shown = this.string(key) ?? '';
    const absolute = path.resolve(this.folder, shown);
    const stat = fs.statSync(absolute, { throwIfNoEntry: false });
    if (!stat) this.fail('data', notFound(path.extname(shown) ? 'file' : 'folder', shown, absolute), key);
    return stat.isDirectory() ? 'folder' : 'file';
  }

  /** Resolves a path setting against the notebook's folder; a file or folder that is not there is an error at the key. */
  existing(key: DataKey, kind: 'file' | 'folder'): CellPath {
    const shown = this.string(key) ?? '';
    const absolute = path.resolve(this.folder, shown);
    const stat = fs.statSync(absolute, { throwIfNoEntry: false });
    if (!stat) {
      this.fail('data', notFound(kind, shown, absolute), key);
    }
    if (kind === 'file' && !stat.isFile()) this.fail('data', l10n.t('`{0}` is a folder; `data.{1}` needs a file (looked at {2})', shown, key, absolute), key);
    if (kind === 'folder' && !stat.isDirectory()) this.fail('data', l10n.t('`{0}` is a file; `data.{1}` needs a folder (looked at {2})', shown, key, absolute), key);
    return { shown, absolute };
  }
}

/** A data path that is not there, with where it was looked for. */
export function notFound(kind: 'file' | 'folder', shown: string, absolute: string): string {
  return kind === 'file'
    ? l10n.t('file not found: `{0}` (looked at {1}; relative paths start from the notebook\'s folder)', shown, absolute)
    : l10n.t('folder not found: `{0}` (looked at {1}; relative paths start from the notebook\'s folder)', shown, absolute);
}
