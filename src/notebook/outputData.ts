// A cell output of the file as VS Code's output items (MIME type + bytes) and back. An item's `data` is written the way
// it was read (JSON, a string, or base64 with "encoding": "base64"), never encoded twice; VS Code lower-cases MIME types,
// refuses malformed ones and keeps one item per MIME type in an output, so what it changes or drops is kept (KEPT).
import { base64Decode, base64Encode } from '../shared/base64';
import { isJsonMime, isTextMime, type OutputFile, type OutputItemFile } from '../shared/notebookFile';
import { isObject, keep, unkeep, type Kept } from './keptFields';

/** vscode.NotebookCellOutputItem as plain data. */
export interface OutputItemData {
  mime: string;
  data: Uint8Array;
}

/** vscode.NotebookCellOutput as plain data. */
export interface OutputData {
  items: OutputItemData[];
  metadata?: Record<string, unknown>;
}

/** How an item's `data` is written: a JSON value, a string, or base64 text with `"encoding": "base64"`. */
export type Representation = 'json' | 'text' | 'base64';

interface OutputKept extends Kept {
  /** One per item of the file, in order; null where an item needs nothing kept. */
  items?: (ItemKept | DroppedItem | null)[];
}
interface ItemKept {
  /** The MIME type as written. */
  mime: string;
  /** How `data` was written, where it is not the usual way for the MIME type. */
  as?: Representation;
  /** `data` as written, where writing the bytes again would not give it (base64 not in canonical form, a lone surrogate). */
  data?: unknown;
  extra?: Record<string, unknown>;
}
/** An item VS Code would drop (a second one of a MIME type in the same output), kept whole. */
interface DroppedItem {
  dropped: OutputItemFile;
}

/** A MIME type VS Code refuses (no `type/subtype`) is shown as this; the file keeps the one written. */
export const UNREADABLE_MIME = 'application/x-bigmodel-unreadable-mime';

/** The MIME type as VS Code keeps it: type and subtype lower-cased (RFC 2045), as its `normalizeMimeType` does. */
export function vscodeMime(mime: string): string {
  const match = /^(.+)\/(.+?)(;.+)?$/.exec(mime);
  return match ? `${match[1].toLowerCase()}/${match[2].toLowerCase()}${match[3] ?? ''}` : UNREADABLE_MIME;
}

/** How a new item of this MIME type is written (spec section 1): JSON types as JSON, text as a string, else base64. */
export function usualRepresentation(mime: string): Representation {
  return isJsonMime(mime) ? 'json' : isTextMime(mime) ? 'text' : 'base64';
}

const encoder = new TextEncoder();
// ignoreBOM: a text output that starts with U+FEFF keeps it.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/** The bytes VS Code holds for `data` written as `as` (JSON the way NotebookCellOutputItem.json writes it). */
export function bytesOf(data: unknown, as: Representation): Uint8Array {
  if (as === 'base64') return base64Decode(typeof data === 'string' ? data : JSON.stringify(data));
  if (as === 'text' && typeof data === 'string') return encoder.encode(data);
  return encoder.encode(JSON.stringify(data, undefined, '\t'));
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function toOutputData(output: OutputFile): OutputData {
  const { items, ...extra } = output;
  const kept: OutputKept = {};
  const data: OutputItemData[] = [];
  const itemsKept: OutputKept['items'] = [];
  const shown = new Set<string>();
  for (const item of items) {
    const mime = vscodeMime(item.mime);
    if (shown.has(mime)) {
      itemsKept.push({ dropped: item });
      continue;
    }
    shown.add(mime);
    const read = toItemData(item, mime);
    data.push(read.item);
    itemsKept.push(read.kept ?? null);
  }
  if (itemsKept.some((k) => k !== null)) kept.items = itemsKept;
  const metadata = keep(extra, kept);
  return Object.keys(metadata).length > 0 ? { items: data, metadata } : { items: data };
}

function toItemData(item: OutputItemFile, mime: string): { item: OutputItemData; kept?: ItemKept } {
  const { mime: written, data, ...extra } = item;
  const base64 = extra.encoding === 'base64';
  if (base64) delete extra.encoding; // any other encoding is a field this version does not know
  const as: Representation = base64 ? 'base64' : typeof data === 'string' && !isJsonMime(written) ? 'text' : 'json';
  const bytes = bytesOf(data, as);
  const kept: ItemKept = { mime: written };
  if (as !== usualRepresentation(mime)) kept.as = as;
  const rewritten =
    as === 'base64'
      ? typeof data === 'string' && base64Encode(bytes) === data
      : as === 'text'
        ? !LONE_SURROGATE.test(data as string)
        : true;
  if (!rewritten) kept.data = data;
  if (Object.keys(extra).length > 0) kept.extra = extra;
  const needed = written !== mime || Object.keys(kept).length > 1;
  return { item: { mime, data: bytes }, kept: needed ? kept : undefined };
}

export function toOutputFile(output: OutputData): OutputFile {
  const { kept, extra } = unkeep<OutputKept>(output.metadata);
  const { items: _items, ...unknown } = extra;
  const records = alignedRecords(kept.items, output.items);
  if (!records) return { ...unknown, items: output.items.map((item) => toItemFile(item)) };
  let next = 0;
  const items = records.map((r) =>
    r && 'dropped' in r ? r.dropped : toItemFile(output.items[next++], r ?? undefined),
  );
  return { ...unknown, items };
}

/** The kept records, when they still describe these items (an extension may have replaced them since). */
function alignedRecords(records: unknown, items: OutputItemData[]): (ItemKept | DroppedItem | null)[] | undefined {
  if (!Array.isArray(records)) return undefined;
  const shown = records.filter((r) => !(isObject(r) && isObject(r.dropped)));
  if (shown.length !== items.length) return undefined;
  const fits = shown.every(
    (r, i) => r === null || (isObject(r) && typeof r.mime === 'string' && vscodeMime(r.mime) === items[i].mime),
  );
  return fits ? (records as (ItemKept | DroppedItem | null)[]) : undefined;
}

function toItemFile(item: OutputItemData, kept?: ItemKept): OutputItemFile {
  let as: Representation = kept?.as ?? usualRepresentation(item.mime);
  let data: unknown;
  if (kept && 'data' in kept && sameBytes(bytesOf(kept.data, as), item.data)) data = kept.data;
  else if (as === 'json') {
    try {
      data = JSON.parse(decoder.decode(item.data));
    } catch {
      as = 'base64'; // not JSON after all: keep the bytes
      data = base64Encode(item.data);
    }
  } else data = as === 'text' ? decoder.decode(item.data) : base64Encode(item.data);
  const file: OutputItemFile = { ...(isObject(kept?.extra) ? kept.extra : {}), mime: kept?.mime ?? item.mime, data };
  if (as === 'base64') file.encoding = 'base64';
  return file;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
