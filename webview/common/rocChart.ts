// The ROC curve of a binary classifier, drawn with Chart.js in the theme's colours beside the chance diagonal.
import {
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartDataset,
} from 'chart.js';
import { viewText, type ViewText } from '../../src/shared/viewText';
import { chartColors } from './theme';
import { onThemeChange } from './themeWatch';

Chart.register(LineController, LineElement, PointElement, LinearScale, Filler, Legend, Tooltip);

type Point = { x: number; y: number };

export class RocChart {
  private readonly stopWatching: () => void;

  private constructor(private readonly chart: Chart<'line', Point[]>) {
    this.stopWatching = onThemeChange(() => this.recolour());
  }

  /** Draws the curve, or returns undefined where the canvas has no 2D context (the caller shows the points as a table). */
  static draw(
    canvas: HTMLCanvasElement,
    roc: { fpr: number[]; tpr: number[] },
    t: ViewText = viewText('en'),
  ): RocChart | undefined {
    if (!canvas.getContext?.('2d')) return undefined;
    const points = roc.fpr
      .map((x, i) => ({ x, y: roc.tpr[i] }))
      .filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
    const chart = new Chart<'line', Point[]>(canvas, {
      type: 'line',
      data: {
        datasets: [
          { label: 'ROC', data: points, fill: 'origin', pointRadius: 0, borderWidth: 2, tension: 0 },
          {
            label: t('roc.chance'),
            data: [
              { x: 0, y: 0 },
              { x: 1, y: 1 },
            ],
            borderDash: [5, 4],
            pointRadius: 0,
            borderWidth: 1,
            fill: false,
          },
        ],
      },
      options: {
        animation: false,
        parsing: false,
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: 'nearest', intersect: false },
        plugins: { legend: { position: 'bottom', labels: { boxWidth: 12 } }, tooltip: { enabled: true } },
        scales: {
          x: { type: 'linear', min: 0, max: 1, title: { display: true, text: t('roc.falsePositiveRate') } },
          y: { type: 'linear', min: 0, max: 1, title: { display: true, text: t('roc.truePositiveRate') } },
        },
      },
    });
    const view = new RocChart(chart);
    view.recolour();
    return view;
  }

  /** Reads the theme's colours again (at first draw and on every theme change). */
  private recolour(): void {
    const c = chartColors(this.chart.canvas);
    const [roc, chance] = this.chart.data.datasets as ChartDataset<'line', Point[]>[];
    roc.borderColor = c.series[0];
    roc.backgroundColor = translucent(c.series[0]);
    chance.borderColor = c.grid;
    chance.backgroundColor = c.grid;
    const o = this.chart.options;
    o.plugins!.legend!.labels!.color = c.foreground;
    for (const axis of [o.scales!.x!, o.scales!.y!]) {
      axis.ticks = { ...axis.ticks, color: c.foreground };
      axis.grid = { ...axis.grid, color: c.grid };
      (axis as { title: { color?: string } }).title.color = c.foreground;
    }
    this.chart.update('none');
  }

  destroy(): void {
    this.stopWatching();
    this.chart.destroy();
  }
}

/** The theme colour at low opacity for the area under the curve; `color-mix` keeps any CSS colour syntax working. */
function translucent(colour: string): string {
  const hex = /^#([0-9a-f]{6})([0-9a-f]{2})?$/i.exec(colour.trim());
  if (hex) return `#${hex[1]}2e`;
  return `color-mix(in srgb, ${colour} 18%, transparent)`;
}
