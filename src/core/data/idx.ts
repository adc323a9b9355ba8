// Reads IDX files (the MNIST family's format), gzipped or not, checking the magic number and the size against the header.
import * as l10n from '@vscode/l10n';
import { constants as bufferConstants } from 'node:buffer';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { constants, gunzipSync } from 'node:zlib';
import { formatBytes } from '../../shared/modelSize';
import { fillPositional } from '../../shared/textTemplate';

/** An IDX file of unsigned bytes: its dimensions and its values (a view into the file's bytes). */
export interface IdxArray {
  dims: number[];
  values: Uint8Array;
}

/** A file that is not what it should be; the message names the file. */
export class IdxError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'IdxError';
  }
}

const UNSIGNED_BYTE = 0x08;

/** Reads `file` (gunzipping a .gz) and checks it is an IDX array of unsigned bytes with `expectedDims` dimensions. */
export function readIdx(file: string, expectedDims: number): IdxArray {
  return parseIdx(
    readIdxBytes(file, file, Infinity, l10n.t('cannot be unzipped ({0}); the download may be incomplete')),
    file,
    expectedDims,
  );
}

/** The largest output buffer gunzip takes at once (a header claiming more is read in buffers of this size). */
const OUTPUT_CHUNK = 64 * 1024 * 1024;

/** Compressed bytes enough to unzip the IDX header: deflate's first block header is a few hundred bytes at most. */
const HEADER_PREFIX = 1024;

/**
 * The bytes of an IDX file, gunzipped. A file that would be more than `maxBytes` is refused before it is read or
 * unzipped, from its size, its header's dimensions (unzipped from the first bytes alone) and gzip's size trailer;
 * unzipping stops at the size the header says, or at `maxBytes`, whatever the file claims. `unzipFailed`: the
 * message for a file that cannot be unzipped, with the reason as {0}.
 */
export function readIdxBytes(file: string, shown: string, maxBytes: number, unzipFailed: string): Uint8Array {
  const size = fs.statSync(file).size;
  const start = Buffer.alloc(Math.min(size, HEADER_PREFIX));
  const end = Buffer.alloc(4);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, start, 0, start.length, 0);
    if (size >= 18) fs.readSync(fd, end, 0, 4, size - 4);
  } finally {
    fs.closeSync(fd);
  }
  const gzipped = start[0] === 0x1f && start[1] === 0x8b;
  if (!gzipped) {
    if (size > maxBytes) throw new IdxError(shown, tooLarge(formatBytes(size), headerOf(start), maxBytes));
    return fs.readFileSync(file);
  }
  // The header, unzipped from the first bytes only (a sync flush gives what they hold without the rest of the stream).
  let header: { dims: number[]; bytes: number } | undefined;
  try {
    header = headerOf(gunzipSync(start, { finishFlush: constants.Z_SYNC_FLUSH }));
  } catch {
    header = undefined; // unzipping the whole file says what is wrong with it
  }
  if (header && header.bytes > maxBytes)
    throw new IdxError(shown, tooLarge(formatBytes(header.bytes), header, maxBytes));
  // Without a header to go by, gzip's last four bytes are the unzipped size (modulo 4 GB): a bomb says so before it
  // goes off. (With one, unzipping stops at the size it says, whatever the trailer claims.)
  const trailer = end.readUInt32LE(0);
  if (!header && trailer > maxBytes) throw new IdxError(shown, tooLarge(formatBytes(trailer), undefined, maxBytes));
  const limit = Math.min(header?.bytes ?? Infinity, maxBytes, bufferConstants.MAX_LENGTH - 1);
  try {
    // A hard stop whatever the trailer claims: one byte beyond what the header says is already extra bytes. The
    // output in one buffer of that size (at most OUTPUT_CHUNK), not Node's default 16 KB chunks concatenated at the
    // end: 47 MB of small blocks in the C heap, which fragmentation kept resident once freed.
    return gunzipSync(fs.readFileSync(file), {
      maxOutputLength: limit + 1,
      chunkSize: Math.max(constants.Z_MIN_CHUNK, Math.min(limit + 1, OUTPUT_CHUNK)),
    });
  } catch (e) {
    if ((e as { code?: string }).code !== 'ERR_BUFFER_TOO_LARGE')
      throw new IdxError(shown, fillPositional(unzipFailed, [(e as Error).message]));
    if (header && header.bytes <= maxBytes) {
      throw new IdxError(
        shown,
        l10n.t(
          'has extra bytes: the header says [{0}] = {1} values, but it unzips to more',
          header.dims.join(' × '),
          header.bytes - 4 - 4 * header.dims.length,
        ),
      );
    }
    throw new IdxError(shown, tooLarge(l10n.t('more than {0}', formatBytes(maxBytes)), header, maxBytes));
  }
}

/** The dimensions an IDX header declares and the file's size by them, when the bytes start with a whole header. */
function headerOf(bytes: Uint8Array): { dims: number[]; bytes: number } | undefined {
  if (bytes.length < 4 || bytes[0] !== 0 || bytes[1] !== 0) return undefined;
  const rank = bytes[3];
  if (bytes.length < 4 + 4 * rank) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i, false));
  return { dims, bytes: 4 + 4 * rank + dims.reduce((a, b) => a * b, 1) };
}

function tooLarge(unzipped: string, header: { dims: number[] } | undefined, maxBytes: number): string {
  const limit = formatBytes(maxBytes);
  return header
    ? l10n.t(
        "is {0} of values (its header says [{1}]), more than the {2} a training file may hold here: each value becomes a 32-bit number, and a table may take a quarter of this machine's memory (BIGMODEL_TABLE_BYTES sets it) — use a part of the data",
        unzipped,
        header.dims.join(' × '),
        limit,
      )
    : l10n.t(
        "is {0} of values, more than the {1} a training file may hold here: each value becomes a 32-bit number, and a table may take a quarter of this machine's memory (BIGMODEL_TABLE_BYTES sets it) — use a part of the data",
        unzipped,
        limit,
      );
}

export function parseIdx(bytes: Uint8Array, file: string, expectedDims: number): IdxArray {
  const name = path.basename(file);
  if (bytes.length < 4 || bytes[0] !== 0 || bytes[1] !== 0) {
    throw new IdxError(
      file,
      l10n.t('is not an IDX file (it does not start with the IDX magic number) — is {0} the right file?', name),
    );
  }
  const type = bytes[2];
  const rank = bytes[3];
  if (type !== UNSIGNED_BYTE)
    throw new IdxError(
      file,
      l10n.t('holds IDX type 0x{0}; only unsigned bytes (0x08) are supported', type.toString(16).padStart(2, '0')),
    );
  if (rank !== expectedDims) {
    const magic = 0x800 + expectedDims;
    throw new IdxError(
      file,
      l10n.t(
        'has {0} dimensions where {1} were expected (magic number {2}, expected {3}) — are images and labels swapped?',
        rank,
        expectedDims,
        0x800 + rank,
        magic,
      ),
    );
  }
  const headerLength = 4 + 4 * rank;
  if (bytes.length < headerLength)
    throw new IdxError(file, l10n.t('is cut short: {0} bytes, not even a full header', bytes.length));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i, false));
  const count = dims.reduce((a, b) => a * b, 1);
  if (bytes.length !== headerLength + count) {
    const shape = dims.join(' × ');
    throw new IdxError(
      file,
      bytes.length < headerLength + count
        ? l10n.t(
            'is cut short: the header says [{0}] = {1} values but there are {2}',
            shape,
            count,
            bytes.length - headerLength,
          )
        : l10n.t(
            'has extra bytes: the header says [{0}] = {1} values but there are {2}',
            shape,
            count,
            bytes.length - headerLength,
          ),
    );
  }
  return { dims, values: bytes.subarray(headerLength) };
}
