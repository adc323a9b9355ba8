// The `.bigmodel` file as VS Code's notebook data and back, losing nothing: what VS Code has no place for is kept in
// cell and output metadata under KEPT and written back as it was read. No vscode import: serializer.ts maps these
// plain shapes onto VS Code's classes, and the round trip is tested in plain Node (test/unit/notebookData.test.ts).
import {
  FORMAT_VERSION,
  splitLines,
  type CellFile,
  type ExecutionFile,
  type NotebookFile,
} from '../shared/notebookFile';
import { isObject, keep, unkeep, type Kept } from './keptFields';
import { toOutputData, toOutputFile, type OutputData } from './outputData';

export { KEPT } from './keptFields';
export type { OutputData, OutputItemData } from './outputData';

/** vscode.NotebookCellExecutionSummary as plain data. */
export interface ExecutionSummaryData {
  executionOrder?: number;
  success?: boolean;
  timing?: { startTime: number; endTime: number };
}

/** vscode.NotebookCellData as plain data. */
export interface CellData {
  kind: 'code' | 'markup';
  value: string;
  languageId: string;
  outputs: OutputData[];
  metadata: Record<string, unknown>;
  executionSummary?: ExecutionSummaryData;
}

/** vscode.NotebookData as plain data: `metadata` is every top-level field of the file but `bigmodel` and `cells`. */
export interface NotebookData {
  cells: CellData[];
  metadata: Record<string, unknown>;
}

/** What a cell keeps beside the fields every cell has. */
interface CellKept extends Kept {
  /** `execution` as written: written back while VS Code's execution summary is still the one read from it. */
  execution?: ExecutionFile;
  /** Fields the file leaves out that VS Code always has: a code cell's `language` and `outputs`, or `source: []`. */
  absent?: ('language' | 'outputs' | 'lines')[];
}

/** The language of a code cell that names none. */
const DEFAULT_LANGUAGE = 'bigmodel';

export function toNotebookData(file: NotebookFile): NotebookData {
  const { cells, bigmodel: _version, ...top } = file;
  return { cells: cells.map(toCellData), metadata: top };
}

export function toNotebookFile(data: NotebookData): NotebookFile {
  // A notebook metadata key `bigmodel` or `cells` (another extension's) would stand for the file's own fields.
  const { bigmodel: _version, cells: _cells, ...top } = data.metadata ?? {};
  // A file whose "metadata" is not an object could not be opened again.
  const metadata = isObject(top.metadata) ? top.metadata : {};
  return { ...top, bigmodel: FORMAT_VERSION, metadata, cells: data.cells.map(toCellFile) };
}

function toCellData(cell: CellFile): CellData {
  const { kind, source, ...rest } = cell;
  const kept: CellKept = {};
  const absent: CellKept['absent'] = source.length === 0 ? ['lines'] : [];
  const value = source.join('\n');
  if (kind !== 'code') {
    // VS Code keeps no language, outputs or execution for a markdown cell: they stay with the unknown fields.
    if (absent.length > 0) kept.absent = absent;
    return { kind: 'markup', value, languageId: 'markdown', outputs: [], metadata: keep(rest, kept) };
  }
  const { language, outputs, execution, ...extra } = rest;
  if (language === undefined) absent.push('language');
  if (outputs === undefined) absent.push('outputs');
  if (absent.length > 0) kept.absent = absent;
  if (execution !== undefined) kept.execution = execution;
  return {
    kind: 'code',
    value,
    languageId: language ?? DEFAULT_LANGUAGE,
    outputs: (outputs ?? []).map(toOutputData),
    metadata: keep(extra, kept),
    executionSummary: execution ? summaryOf(execution) : undefined,
  };
}

function toCellFile(cell: CellData): CellFile {
  const { kept, extra } = unkeep<CellKept>(cell.metadata);
  const absent = new Set(Array.isArray(kept.absent) ? kept.absent : []);
  const source = cell.value === '' && absent.has('lines') ? [] : splitLines(cell.value);
  if (cell.kind !== 'code') return { ...extra, kind: 'markdown', source };
  // A code cell's own fields come from VS Code, never from what a markdown cell (before a kind change) kept.
  const { language: _language, outputs: _outputs, execution: _execution, ...unknown } = extra;
  const file: CellFile = { ...unknown, kind: 'code', source };
  if (!(absent.has('language') && cell.languageId === DEFAULT_LANGUAGE)) file.language = cell.languageId;
  const outputs = cell.outputs.map(toOutputFile);
  if (!(absent.has('outputs') && outputs.length === 0)) file.outputs = outputs;
  const execution = executionOf(cell.executionSummary, isObject(kept.execution) ? kept.execution : undefined);
  if (execution) file.execution = execution;
  return file;
}

/** What VS Code shows for a cell's `execution`: its order, success and duration (from a start at 0). */
function summaryOf(execution: ExecutionFile): ExecutionSummaryData {
  const { order, success, durationMs } = execution;
  return {
    executionOrder: typeof order === 'number' ? order : undefined,
    success: typeof success === 'boolean' ? success : undefined,
    timing: typeof durationMs === 'number' ? { startTime: 0, endTime: durationMs } : undefined,
  };
}

function sameSummary(a: ExecutionSummaryData | undefined, b: ExecutionSummaryData): boolean {
  const ta = a?.timing;
  const tb = b.timing;
  const sameTiming = ta && tb ? ta.startTime === tb.startTime && ta.endTime === tb.endTime : !ta && !tb;
  return (a?.executionOrder ?? undefined) === b.executionOrder && (a?.success ?? undefined) === b.success && sameTiming;
}

/**
 * The `execution` to write: as read while the cell has not run since; after a run, its order, success and duration,
 * with the fields this version does not know kept from before.
 */
function executionOf(
  summary: ExecutionSummaryData | undefined,
  read: ExecutionFile | undefined,
): ExecutionFile | undefined {
  if (read && sameSummary(summary, summaryOf(read))) return read;
  if (!summary || (summary.executionOrder == null && summary.success == null)) return undefined;
  const { order: _order, success: _success, durationMs: _duration, ...extra } = read ?? {};
  const timing = summary.timing;
  return {
    order: summary.executionOrder ?? undefined,
    success: summary.success ?? undefined,
    durationMs: timing ? Math.round(timing.endTime - timing.startTime) : undefined,
    ...extra,
  };
}
