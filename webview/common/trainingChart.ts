// The loss and metric curves of a training run, drawn with Chart.js from curves downsampled as they grow
// (src/shared/curvePoints.ts), so a live update of a long run stays within a frame.
import {
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  LogarithmicScale,
  PointElement,
  Tooltip,
  type ChartDataset,
} from 'chart.js';
import { CurvePoints, DownsampledCurve, orderedSeries, type Point, type Series } from '../../src/shared/curvePoints';
import type { EpochRecord, TrainingPayload } from '../../src/shared/outputs';
import { viewText, type ViewLanguage, type ViewText } from '../../src/shared/viewText';
import { CURVE_CHART, curveLine, themedAxis, themedLegend } from './curveStyle';
import { chartColors } from './theme';

Chart.register(LineController, LineElement, PointElement, LinearScale, LogarithmicScale, Legend, Tooltip);

/** Series names in a stable order: losses on the left axis, other metrics (0–1) on the right. */
export function seriesOf(epochs: EpochRecord[]): Series[] {
  return orderedSeries(epochs.flatMap((e) => Object.keys(e)).filter((k) => k !== 'epoch'));
}

/** The batch loss's dataset key: no series name has a leading space. */
const BATCH_LOSS = ' batch';

export class TrainingChart {
  private readonly chart: Chart<'line', Point[]>;
  /** Batch losses seen while this output was live; not saved (the epochs are). */
  private batchLoss = new DownsampledCurve();
  private readonly curves = new CurvePoints();
  /** One dataset object per series, kept between updates: new objects make Chart.js build new controllers and elements. */
  private readonly datasets = new Map<string, ChartDataset<'line', Point[]>>();

  private text: ViewText;

  constructor(
    canvas: HTMLCanvasElement,
    private logScale = false,
    language: ViewLanguage = 'en',
  ) {
    const c = chartColors(canvas);
    const text = (this.text = viewText(language));
    this.chart = new Chart(canvas, {
      type: 'line',
      data: { datasets: [] },
      options: {
        ...CURVE_CHART,
        interaction: { mode: 'nearest', axis: 'x', intersect: false },
        plugins: {
          // Off: the curves come downsampled already, and LTTB over every point cost ~9 ms an update at 100,000.
          decimation: { enabled: false },
          legend: themedLegend(c),
          tooltip: { enabled: true },
        },
        scales: {
          x: { type: 'linear', ...themedAxis(c, text('chart.epoch')) },
          loss: { type: logScale ? 'logarithmic' : 'linear', position: 'left', ...themedAxis(c, text('chart.loss')) },
          metric: {
            type: 'linear',
            position: 'right',
            min: 0,
            max: 1,
            display: 'auto',
            ticks: { color: c.foreground },
            grid: { drawOnChartArea: false },
          },
        },
      },
    });
  }

  update(p: TrainingPayload): void {
    const c = chartColors(this.chart.canvas);
    const x = p.progress ? p.progress.epoch - 1 + p.progress.batch / p.progress.batchesPerEpoch : NaN;
    if (p.progress && p.state === 'running' && Number.isFinite(p.progress.loss) && Number.isFinite(x)) {
      const last = this.batchLoss.lastPoint;
      if (last && x < last.x) this.batchLoss = new DownsampledCurve(); // another run
      if (!last || x !== last.x) this.batchLoss.push({ x, y: p.progress.loss });
    }
    this.curves.sync(p.epochs);
    const datasets: ChartDataset<'line', Point[]>[] = this.curves.series.map((s, i) =>
      Object.assign(this.dataset(s.name), {
        label: s.name,
        yAxisID: s.axis,
        data: this.curves.of(s.name),
        ...curveLine(c, i, s.name, p.epochs.length),
      }),
    );
    if (this.batchLoss.length > 0) {
      datasets.push(
        Object.assign(this.dataset(BATCH_LOSS), {
          label: this.text('chart.batchLoss'),
          yAxisID: 'loss',
          data: this.batchLoss.points(),
          borderColor: c.grid,
          backgroundColor: c.grid,
          pointRadius: 0,
          borderWidth: 1,
        }),
      );
    }
    // The same dataset objects in the same order keep Chart.js's controllers and elements; replace only on a change.
    const current = this.chart.data.datasets;
    if (datasets.length !== current.length || datasets.some((d, i) => d !== current[i]))
      this.chart.data.datasets = datasets;
    const xMax = Math.max(p.totalEpochs, 1);
    this.chart.options.scales!.x!.min = 0;
    this.chart.options.scales!.x!.max = xMax;
    this.chart.update('none');
  }

  /** The dataset kept for a series, or for the batch loss (BATCH_LOSS). */
  private dataset(key: string): ChartDataset<'line', Point[]> {
    let d = this.datasets.get(key);
    if (!d) this.datasets.set(key, (d = { data: [] }));
    return d;
  }

  /** The series of the last update, in the chart's order. */
  get series(): readonly Series[] {
    return this.curves.series;
  }

  setLogScale(on: boolean): void {
    this.logScale = on;
    (this.chart.options.scales!.loss as { type: string }).type = on ? 'logarithmic' : 'linear';
    this.chart.update('none');
  }

  /** Axis titles and the batch-loss label in a language; the series keep the names the training cell gave them. */
  setLanguage(language: ViewLanguage): void {
    this.text = viewText(language);
    const scales = this.chart.options.scales as Record<'x' | 'loss', { title: { text: string } }>;
    scales.x.title.text = this.text('chart.epoch');
    scales.loss.title.text = this.text('chart.loss');
    const batch = this.datasets.get(BATCH_LOSS);
    if (batch) batch.label = this.text('chart.batchLoss');
    this.chart.update('none');
  }

  get isLogScale(): boolean {
    return this.logScale;
  }

  toPng(): string {
    return this.chart.toBase64Image('image/png', 1);
  }

  destroy(): void {
    this.chart.destroy();
  }
}
