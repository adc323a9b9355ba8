// Regenerates this class-balanced Fashion-MNIST sample (200 train + 50 test images per class) from the full IDX files: node make-sample.mjs [/usr/share/datasets/fashion-mnist]
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';

const from = process.argv[2] ?? '/usr/share/datasets/fashion-mnist';
const here = dirname(fileURLToPath(import.meta.url));
const PER_CLASS = { train: 200, t10k: 50 };

for (const [split, perClass] of Object.entries(PER_CLASS)) {
  const images = gunzipSync(readFileSync(join(from, `${split}-images-idx3-ubyte.gz`)));
  const labels = gunzipSync(readFileSync(join(from, `${split}-labels-idx1-ubyte.gz`)));
  if (images.readUInt32BE(0) !== 2051 || labels.readUInt32BE(0) !== 2049) throw new Error(`${from}: not IDX image/label files`);
  const count = labels.readUInt32BE(4);
  const pixels = images.readUInt32BE(8) * images.readUInt32BE(12);
  // The first `perClass` images of each class, kept in file order so the classes stay interleaved.
  const taken = new Array(10).fill(0);
  const picked = [];
  for (let i = 0; i < count && picked.length < perClass * 10; i++) {
    const label = labels[8 + i];
    if (taken[label] < perClass) {
      taken[label]++;
      picked.push(i);
    }
  }
  const outImages = Buffer.alloc(16 + picked.length * pixels);
  images.copy(outImages, 0, 0, 16);
  outImages.writeUInt32BE(picked.length, 4);
  const outLabels = Buffer.alloc(8 + picked.length);
  labels.copy(outLabels, 0, 0, 8);
  outLabels.writeUInt32BE(picked.length, 4);
  picked.forEach((source, to) => {
    images.copy(outImages, 16 + to * pixels, 16 + source * pixels, 16 + (source + 1) * pixels);
    outLabels[8 + to] = labels[8 + source];
  });
  // mtime 0 in the gzip header keeps regenerated files byte-identical.
  writeFileSync(join(here, `${split}-images-idx3-ubyte.gz`), gzipSync(outImages, { level: 9 }));
  writeFileSync(join(here, `${split}-labels-idx1-ubyte.gz`), gzipSync(outLabels, { level: 9 }));
  console.log(`${split}: ${picked.length} images`);
}
