// The points of a run's curves, kept between live updates: a run's epochs only grow, so an update reads only the
// epochs it has not seen (at 100,000 epochs, rebuilding every point on each update cost more than a frame).
// Pure, for the training renderer and the dashboard's chart.
import type { EpochRecord } from './outputs';

export type Point = { x: number; y: number };
export type Series = { name: string; axis: 'loss' | 'metric' };

/** Series names in a stable order: losses on the left axis, other metrics (0–1) on the right. */
export function orderedSeries(names: Iterable<string>): Series[] {
  const order = (n: string) => (n.replace(/^val_/, '') === 'loss' ? 0 : 1) * 10 + (n.startsWith('val_') ? 1 : 0);
  return [...new Set(names)].sort((a, b) => order(a) - order(b) || a.localeCompare(b)).map((name) => ({ name, axis: /loss$/.test(name) ? 'loss' : 'metric' }));
}

export class CurvePoints {
  private readonly points = new Map<string, Point[]>();
  private seen = 0;
  private lastEpoch?: number;
  series: Series[] = [];

  sync(epochs: EpochRecord[]): void {
    // Another run (fewer epochs, or a different epoch where the last one was): start over.
    if (epochs.length < this.seen || (this.seen > 0 && epochs[this.seen - 1]?.epoch !== this.lastEpoch)) {
      this.points.clear();
      this.seen = 0;
      this.series = [];
    }
    const before = this.points.size;
    for (let i = this.seen; i < epochs.length; i++) {
      const e = epochs[i];
      for (const name of Object.keys(e)) {
        if (name === 'epoch' || !Number.isFinite(e[name])) continue;
        let line = this.points.get(name);
        if (!line) this.points.set(name, (line = []));
        line.push({ x: e.epoch, y: e[name] });
      }
    }
    this.seen = epochs.length;
    this.lastEpoch = epochs[epochs.length - 1]?.epoch;
    if (this.points.size !== before || this.series.length === 0) this.series = orderedSeries(this.points.keys());
  }

  /** A copy of the array (a chart library may take it over), of the same point objects. */
  of(name: string): Point[] {
    return (this.points.get(name) ?? []).slice();
  }
}
