// How a training curve is drawn, the same on the live training chart and on the dashboard's run comparison: one theme
// colour a series (or a run), validation dashed, points only while there are few, axes titled in the theme's
// foreground; drawn at once from ready {x, y} points (no animation, no parsing) at the size of its container.
import type { chartColors } from './theme';

type ChartColors = ReturnType<typeof chartColors>;

/** The options of a curve chart whose points arrive as {x, y}, sorted by x, redrawn on every update. */
export const CURVE_CHART = {
  animation: false,
  parsing: false,
  normalized: true,
  responsive: true,
  maintainAspectRatio: false,
} as const;

/** A curve's line: its colour from the `colourIndex`-th theme colour, dashed for a validation metric (`val_…`). */
export function curveLine(c: ChartColors, colourIndex: number, metric: string, points: number) {
  const colour = c.series[colourIndex % c.series.length];
  return {
    borderColor: colour,
    backgroundColor: colour,
    borderDash: metric.startsWith('val_') ? [6, 3] : undefined,
    pointRadius: points > 60 ? 0 : 2,
    borderWidth: 2,
  };
}

/** A legend in the theme's foreground. */
export function themedLegend(c: ChartColors) {
  return { labels: { color: c.foreground, boxWidth: 12 } };
}

/** A titled axis in the theme's colours (the caller adds its type, position and range). */
export function themedAxis(c: ChartColors, title: string) {
  return {
    title: { display: true, text: title, color: c.foreground },
    ticks: { color: c.foreground },
    grid: { color: c.grid },
  };
}
