// Reads IDX files (the MNIST family's format), gzipped or not, checking the magic number and the size against the header.
import * as l10n from '@vscode/l10n';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';

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
  let bytes: Uint8Array = fs.readFileSync(file);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes);
    } catch (e) {
      throw new IdxError(file, l10n.t('cannot be unzipped ({0}); the download may be incomplete', (e as Error).message));
    }
  }
  return parseIdx(bytes, file, expectedDims);
}

export function parseIdx(bytes: Uint8Array, file: string, expectedDims: number): IdxArray {
  const name = path.basename(file);
  if (bytes.length < 4 || bytes[0] !== 0 || bytes[1] !== 0) {
    throw new IdxError(file, l10n.t('is not an IDX file (it does not start with the IDX magic number) — is {0} the right file?', name));
  }
  const type = bytes[2];
  const rank = bytes[3];
  if (type !== UNSIGNED_BYTE) throw new IdxError(file, l10n.t('holds IDX type 0x{0}; only unsigned bytes (0x08) are supported', type.toString(16).padStart(2, '0')));
  if (rank !== expectedDims) {
    const magic = 0x800 + expectedDims;
    throw new IdxError(file, l10n.t('has {0} dimensions where {1} were expected (magic number {2}, expected {3}) — are images and labels swapped?', rank, expectedDims, 0x800 + rank, magic));
  }
  const headerLength = 4 + 4 * rank;
  if (bytes.length < headerLength) throw new IdxError(file, l10n.t('is cut short: {0} bytes, not even a full header', bytes.length));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i, false));
  const count = dims.reduce((a, b) => a * b, 1);
  if (bytes.length !== headerLength + count) {
    const shape = dims.join(' × ');
    throw new IdxError(file, bytes.length < headerLength + count
      ? l10n.t('is cut short: the header says [{0}] = {1} values but there are {2}', shape, count, bytes.length - headerLength)
      : l10n.t('has extra bytes: the header says [{0}] = {1} values but there are {2}', shape, count, bytes.length - headerLength));
  }
  return { dims, values: bytes.subarray(headerLength) };
}
