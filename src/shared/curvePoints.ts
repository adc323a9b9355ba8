// The points of a run's curves, kept between live updates and downsampled as they arrive: a run's epochs only grow,
// so an update reads only the epochs it has not seen, and a chart gets at most ~1,000 points per curve however long
// the run (at 100,000 epochs, handing the chart every point cost more than a frame). Pure, for the training renderer
// and the dashboard's chart.
import type { EpochRecord } from './outputs';

export type Point = { x: number; y: number };
export type Series = { name: string; axis: 'loss' | 'metric' };

/** Buckets per curve: a chart gets at most two points per bucket, plus the first and the last point. */
export const CURVE_BUCKETS = 500;

/** Series names in a stable order: losses on the left axis, other metrics (0–1) on the right. */
export function orderedSeries(names: Iterable<string>): Series[] {
  const order = (n: string) => (n.replace(/^val_/, '') === 'loss' ? 0 : 1) * 10 + (n.startsWith('val_') ? 1 : 0);
  return [...new Set(names)]
    .sort((a, b) => order(a) - order(b) || a.localeCompare(b))
    .map((name) => ({ name, axis: /loss$/.test(name) ? 'loss' : 'metric' }));
}

type Bucket = { min: Point; max: Point; count: number };

/**
 * One curve as the lowest and the highest point of each bucket of `width` consecutive points, with the first and the
 * last point. `width` is the smallest power of two that leaves at most `buckets` buckets, so when the curve outgrows
 * them, neighbouring buckets merge in pairs (the extremes of two buckets are the extremes of their union): appending
 * costs O(1) amortised, and the result is the same as downsampling every point from scratch.
 */
export class DownsampledCurve {
  private width = 1;
  /** Full buckets, oldest first; the bucket being filled is `open`. */
  private readonly full: Bucket[] = [];
  private open?: Bucket;
  private first?: Point;
  private last?: Point;
  private count = 0;
  private shown?: Point[];

  constructor(private readonly buckets = CURVE_BUCKETS) {}

  get length(): number {
    return this.count;
  }

  get lastPoint(): Point | undefined {
    return this.last;
  }

  push(p: Point): void {
    this.first ??= p;
    this.last = p;
    this.count++;
    this.shown = undefined;
    const b = this.open;
    if (!b) this.open = { min: p, max: p, count: 1 };
    else {
      // Strictly lower/higher: a tie keeps the earlier point, as a merge does.
      if (p.y < b.min.y) b.min = p;
      if (p.y > b.max.y) b.max = p;
      b.count++;
    }
    if (this.open!.count === this.width) {
      this.full.push(this.open!);
      this.open = undefined;
    }
    if (Math.ceil(this.count / this.width) > this.buckets) this.merge();
  }

  /** The points to draw, in x order: a new array each time (a chart library may take it over) of the same points. */
  points(): Point[] {
    if (!this.shown) {
      const out: Point[] = [];
      const add = (p: Point) => {
        if (out[out.length - 1] !== p) out.push(p);
      };
      if (this.first) add(this.first);
      for (const b of this.open ? [...this.full, this.open] : this.full) {
        const [a, c] = b.min.x <= b.max.x ? [b.min, b.max] : [b.max, b.min];
        add(a);
        add(c);
      }
      if (this.last) add(this.last);
      this.shown = out;
    }
    return this.shown.slice();
  }

  private merge(): void {
    this.width *= 2;
    const pairs = this.full.splice(0);
    for (let i = 0; i + 1 < pairs.length; i += 2) this.full.push(union(pairs[i], pairs[i + 1]));
    // An odd full bucket out is the start of the new open one.
    if (pairs.length % 2 === 1) {
      const rest = pairs[pairs.length - 1];
      this.open = this.open ? union(rest, this.open) : rest;
    }
    if (this.open?.count === this.width) {
      this.full.push(this.open);
      this.open = undefined;
    }
  }
}

function union(a: Bucket, b: Bucket): Bucket {
  return { min: b.min.y < a.min.y ? b.min : a.min, max: b.max.y > a.max.y ? b.max : a.max, count: a.count + b.count };
}

export class CurvePoints {
  private readonly curves = new Map<string, DownsampledCurve>();
  private seen = 0;
  private lastEpoch?: number;
  series: Series[] = [];

  constructor(private readonly buckets = CURVE_BUCKETS) {}

  sync(epochs: EpochRecord[]): void {
    // Another run (fewer epochs, or a different epoch where the last one was): start over.
    if (epochs.length < this.seen || (this.seen > 0 && epochs[this.seen - 1]?.epoch !== this.lastEpoch)) {
      this.curves.clear();
      this.seen = 0;
      this.series = [];
    }
    const before = this.curves.size;
    for (let i = this.seen; i < epochs.length; i++) {
      const e = epochs[i];
      for (const name of Object.keys(e)) {
        if (name === 'epoch' || !Number.isFinite(e[name])) continue;
        let curve = this.curves.get(name);
        if (!curve) this.curves.set(name, (curve = new DownsampledCurve(this.buckets)));
        curve.push({ x: e.epoch, y: e[name] });
      }
    }
    this.seen = epochs.length;
    this.lastEpoch = epochs[epochs.length - 1]?.epoch;
    if (this.curves.size !== before || this.series.length === 0) this.series = orderedSeries(this.curves.keys());
  }

  /** The curve's points to draw (all of a short one, downsampled for a long one): a copy, of the same point objects. */
  of(name: string): Point[] {
    return this.curves.get(name)?.points() ?? [];
  }
}
