// The synthetic built-in datasets (xor, spiral, blobs): generated from a seed, so they need no files.
import { gaussian, seededRandom } from './random';
import type { LoadedData, Table } from './dataset';

export const SYNTHETIC_SOURCES = ['xor', 'spiral', 'blobs'] as const;

function table(points: number[][], labels: number[]): Table {
  return { features: Float32Array.from(points.flat()), labels: Float32Array.from(labels), size: labels.length };
}

/** Points in the square [-1, 1]²; the label is whether x and y have different signs. */
function xor(n: number, random: () => number): Table {
  const pts: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = random() * 2 - 1;
    const y = random() * 2 - 1;
    pts.push([x, y]);
    labels.push(x > 0 !== y > 0 ? 1 : 0);
  }
  return table(pts, labels);
}

/** Three interleaved spiral arms with a little noise. */
function spiral(n: number, random: () => number): Table {
  const pts: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const arm = i % 3;
    const r = random();
    const angle = arm * ((2 * Math.PI) / 3) + r * 4 + gaussian(random) * 0.15;
    pts.push([r * Math.cos(angle), r * Math.sin(angle)]);
    labels.push(arm);
  }
  return table(pts, labels);
}

/** Three Gaussian clusters in the plane. */
function blobs(n: number, random: () => number): Table {
  const centres = [
    [-1, -1],
    [1, -0.5],
    [0, 1.2],
  ];
  const pts: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = i % 3;
    pts.push([centres[c][0] + gaussian(random) * 0.4, centres[c][1] + gaussian(random) * 0.4]);
    labels.push(c);
  }
  return table(pts, labels);
}

export function loadSynthetic(source: (typeof SYNTHETIC_SOURCES)[number], seed: number): LoadedData {
  const random = seededRandom(seed);
  const make = { xor, spiral, blobs }[source];
  const train = make(1000, random);
  const test = make(300, random);
  if (source === 'xor') {
    return { source, task: 'binary', inputShape: [2], classes: ['same sign', 'different sign'], train, test };
  }
  const classes = source === 'spiral' ? ['arm 1', 'arm 2', 'arm 3'] : ['blob 1', 'blob 2', 'blob 3'];
  return { source, task: 'classification', inputShape: [2], classes, train, test };
}
