// Draws media/icon.png (128×128): three layers of a small network on a blue-violet tile. `node scripts/make-icon.mjs`.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const { PNG } = createRequire(import.meta.url)('pngjs');
const size = 128;
const png = new PNG({ width: size, height: size });
const layers = [
  [40, 64, 88],
  [28, 52, 76, 100],
  [52, 76],
].map((ys, i) => ys.map((y) => [28 + i * 36, y]));
const edges = layers.slice(1).flatMap((layer, i) => layer.flatMap((to) => layers[i].map((from) => [from, to])));

function segmentDistance(p, a, b) {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy);
}

for (let y = 0; y < size; y++) {
  for (let x = 0; x < size; x++) {
    const i = (y * size + x) * 4;
    // A rounded tile: transparent outside a radius-20 corner.
    const cx = Math.min(Math.max(x, 20), size - 21);
    const cy = Math.min(Math.max(y, 20), size - 21);
    const inside = Math.hypot(x - cx, y - cy) <= 20;
    const t = (x + y) / (2 * size);
    let [r, g, b] = [30 + t * 94, 58 + t * 0, 138 + t * 99];
    const p = [x + 0.5, y + 0.5];
    const edge = Math.min(...edges.map(([a, c]) => segmentDistance(p, a, c)));
    if (edge < 1.4) [r, g, b] = [r + (255 - r) * 0.55, g + (255 - g) * 0.55, b + (255 - b) * 0.55];
    const node = Math.min(...layers.flat().map((c) => Math.hypot(p[0] - c[0], p[1] - c[1])));
    if (node < 7.5) [r, g, b] = [255, 255, 255];
    else if (node < 8.5) [r, g, b] = [255 - (node - 7.5) * 100, 255 - (node - 7.5) * 100, 255];
    png.data[i] = r;
    png.data[i + 1] = g;
    png.data[i + 2] = b;
    png.data[i + 3] = inside ? 255 : 0;
  }
}
writeFileSync(new URL('../media/icon.png', import.meta.url), PNG.sync.write(png));
