// The `data` section's settings, typed by the cell's decoder (cellSpec.ts), and what the files they name must be: every
// mistake reported at its key's line.
import * as l10n from '@vscode/l10n';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DataSpec, ParsedCell } from '../../shared/cellSpec';
import { CellError } from '../cellError';
import type { ErrorCategory } from '../../shared/bigModelError';

export type DataKey = keyof DataSpec;

/** A file or folder the cell names: as the user wrote it, and where it was looked for. */
export interface CellPath {
  shown: string;
  absolute: string;
}

export class DataSettings {
  readonly values: DataSpec;

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
    return this.values[key] !== undefined;
  }

  /** A path setting as written (a one-file setting: two IDX files are read by idxFiles.ts). */
  private path(key: DataKey): string {
    return String(this.values[key] ?? '');
  }

  /** Whether a path setting names a file or a folder (a missing one is an error at the key). */
  existingKind(key: DataKey): 'file' | 'folder' {
    const shown = this.path(key);
    const absolute = path.resolve(this.folder, shown);
    const stat = fs.statSync(absolute, { throwIfNoEntry: false });
    if (!stat) this.fail('data', notFound(path.extname(shown) ? 'file' : 'folder', shown, absolute), key);
    return stat.isDirectory() ? 'folder' : 'file';
  }

  /** Resolves a path setting against the notebook's folder; a file or folder that is not there is an error at the key. */
  existing(key: DataKey, kind: 'file' | 'folder'): CellPath {
    const shown = this.path(key);
    const absolute = path.resolve(this.folder, shown);
    const stat = fs.statSync(absolute, { throwIfNoEntry: false });
    if (!stat) {
      this.fail('data', notFound(kind, shown, absolute), key);
    }
    if (kind === 'file' && !stat.isFile())
      this.fail(
        'data',
        l10n.t('`{0}` is a folder; `data.{1}` needs a file (looked at {2})', shown, key, absolute),
        key,
      );
    if (kind === 'folder' && !stat.isDirectory())
      this.fail(
        'data',
        l10n.t('`{0}` is a file; `data.{1}` needs a folder (looked at {2})', shown, key, absolute),
        key,
      );
    return { shown, absolute };
  }
}

/** A data path that is not there, with where it was looked for. */
export function notFound(kind: 'file' | 'folder', shown: string, absolute: string): string {
  return kind === 'file'
    ? l10n.t("file not found: `{0}` (looked at {1}; relative paths start from the notebook's folder)", shown, absolute)
    : l10n.t(
        "folder not found: `{0}` (looked at {1}; relative paths start from the notebook's folder)",
        shown,
        absolute,
      );
}
