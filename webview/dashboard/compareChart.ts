// The curves of several runs on one chart: each run a colour, validation dashed (Chart.js, decimated like the live chart).
import { Chart, Decimation, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import type { EpochRecord } from '../../src/shared/outputs';
import { CURVE_CHART, curveLine, themedAxis, themedLegend } from '../common/curveStyle';
import { chartColors } from '../common/theme';

Chart.register(LineController, LineElement, PointElement, LinearScale, Legend, Tooltip, Decimation);

export interface RunCurves {
  /** The run's label in the legend, e.g. "Run 2". */
  label: (metric: string) => string;
  history: EpochRecord[];
}

/** The series drawn: `loss` and `val_loss` of each run, where recorded. */
export function overlaySeries(
  runs: RunCurves[],
): { label: string; run: number; metric: string; points: { x: number; y: number }[] }[] {
  return runs.flatMap((r, run) =>
    ['loss', 'val_loss']
      .map((metric) => ({
        label: r.label(metric),
        run,
        metric,
        points: r.history.filter((e) => Number.isFinite(e[metric])).map((e) => ({ x: e.epoch, y: e[metric] })),
      }))
      .filter((s) => s.points.length > 0),
  );
}

export class CompareChart {
  private readonly chart: Chart<'line', { x: number; y: number }[]>;

  constructor(canvas: HTMLCanvasElement, runs: RunCurves[], epochLabel: string, lossLabel: string) {
    const c = chartColors(canvas);
    this.chart = new Chart(canvas, {
      type: 'line',
      data: {
        datasets: overlaySeries(runs).map((s) => ({
          label: s.label,
          data: s.points,
          ...curveLine(c, s.run, s.metric, s.points.length),
        })),
      },
      options: {
        ...CURVE_CHART,
        plugins: { decimation: { enabled: true, algorithm: 'lttb', samples: 500 }, legend: themedLegend(c) },
        scales: {
          x: { type: 'linear', min: 0, ...themedAxis(c, epochLabel) },
          y: { type: 'linear', ...themedAxis(c, lossLabel) },
        },
      },
    });
  }

  destroy(): void {
    this.chart.destroy();
  }
}
