// An image's width and height from its header alone (PNG's IHDR chunk, JPEG's start-of-frame segment), so an image
// too large to decode is refused before a decoder allocates its pixels.

/** Decoded, an image takes 4 bytes a pixel: at most an 8192 × 8192 image's pixels (256 MB) are decoded. */
export const MAX_IMAGE_PIXELS = 8192 * 8192;

export function imageDimensions(bytes: Uint8Array): { width: number; height: number } | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // PNG: the 8-byte signature, then the IHDR chunk (length, type, width, height — big-endian).
  if (
    bytes.length >= 24 &&
    bytes[0] === 0x89 &&
    bytes[1] === 0x50 &&
    String.fromCharCode(...bytes.subarray(12, 16)) === 'IHDR'
  ) {
    return { width: view.getUint32(16), height: view.getUint32(20) };
  }
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return undefined;
  // JPEG: walk the segments (marker, 2-byte length) to the first start-of-frame, which holds height then width.
  let i = 2;
  while (i + 4 <= bytes.length) {
    if (bytes[i] !== 0xff) return undefined;
    const marker = bytes[i + 1];
    if (marker === 0xff) {
      i++; // fill byte
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2; // markers without a length
      continue;
    }
    if (marker === 0xda || marker === 0xd9) return undefined; // the image data (or its end) before any frame header
    const length = view.getUint16(i + 2);
    // SOF0–SOF15 but DHT (c4), JPG (c8) and DAC (cc), which share the range.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (i + 9 > bytes.length) return undefined;
      return { height: view.getUint16(i + 5), width: view.getUint16(i + 7) };
    }
    i += 2 + length;
  }
  return undefined;
}
