// The curves of several runs on one chart: each run a colour, validation dashed (Chart.js, decimated like the live chart).
import { Chart, Decimation, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import type { EpochRecord } from '../../src/shared/outputs';
import { chartColors } from '../common/theme';

Chart.register(LineController, LineElement, PointElement, LinearScale, Legend, Tooltip, Decimation);

export interface RunCurves {
  /** The run's label in the legend, e.g. "Run 2". */
  label: (metric: string) => string;
  history: EpochRecord[];
}

/** The series drawn: `loss` and `val_loss` of each run, where recorded. */
export function overlaySeries(runs: RunCurves[]): { label: string; run: number; metric: string; points: { x: number; y: number }[] }[] {
  return runs.flatMap((r, run) =>
    ['loss', 'val_loss']
      .map((metric) => ({ label: r.label(metric), run, metric, points: r.history.filter((e) => Number.isFinite(e[metric])).map((e) => ({ x: e.epoch, y: e[metric] })) }))
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
          borderColor: c.series[s.run % c.series.length],
          backgroundColor: c.series[s.run % c.series.length],
          borderDash: s.metric.startsWith('val_') ? [6, 3] : undefined,
          pointRadius: s.points.length > 60 ? 0 : 2,
          borderWidth: 2,
        })),
      },
      options: {
        animation: false,
        parsing: false,
        normalized: true,
        responsive: true,
        maintainAspectRatio: false,
        plugins: { decimation: { enabled: true, algorithm: 'lttb', samples: 500 }, legend: { labels: { color: c.foreground, boxWidth: 12 } } },
        scales: {
          x: { type: 'linear', min: 0, title: { display: true, text: epochLabel, color: c.foreground }, ticks: { color: c.foreground }, grid: { color: c.grid } },
          y: { type: 'linear', title: { display: true, text: lossLabel, color: c.foreground }, ticks: { color: c.foreground }, grid: { color: c.grid } },
        },
      },
    });
  }

  destroy(): void {
    this.chart.destroy();
  }
}
