// Formats numbers the same way everywhere in a summary, returning each figure with the value it shows.
import { fill, type SummaryStrings } from './text';

/** A number as shown in the text, kept with the value it came from. */
export interface Figure {
  value: number;
  text: string;
}

export interface NumberFormat {
  /** 0.912 → 91.2% */
  percent(v: number): Figure;
  /** A difference of two fractions: 0.023 → 2.3 percentage points */
  points(v: number): Figure;
  /** Whole numbers with thousands grouped: 60000 → 60,000 */
  count(n: number): Figure;
  /** Three significant digits, grouped whole numbers from 1,000 up. */
  value(v: number): Figure;
  /** One decimal: 4.0 */
  ratio(v: number): Figure;
  duration(seconds: number): Figure;
  bytes(n: number): Figure;
  ms(v: number): Figure;
}

export function numberFormat(t: SummaryStrings): NumberFormat {
  const unit = (template: string, v: number, text: string): Figure => ({ value: v, text: fill(template, { n: text }) });
  const guard =
    (f: (v: number) => Figure) =>
    (v: number): Figure =>
      Number.isFinite(v) ? f(v) : { value: v, text: t.na };
  return {
    percent: guard((v) => ({ value: v, text: `${(v * 100).toFixed(1)}%` })),
    points: guard((v) => unit(t['unit.points'], v, (v * 100).toFixed(1))),
    count: guard((n) => ({ value: n, text: group(Math.round(n)) })),
    value: guard((v) => ({ value: v, text: significant(v) })),
    ratio: guard((v) => ({ value: v, text: v.toFixed(1) })),
    duration: guard((s) => {
      if (s < 60) return unit(t['unit.seconds'], s, s < 10 ? s.toFixed(1) : s.toFixed(0));
      if (s < 3600) return unit(t['unit.minutes'], s, s < 600 ? (s / 60).toFixed(1) : (s / 60).toFixed(0));
      return unit(t['unit.hours'], s, (s / 3600).toFixed(1));
    }),
    bytes: guard((n) =>
      n < 1024 * 1024
        ? unit(t['unit.kb'], n, (n / 1024).toFixed(1))
        : unit(t['unit.mb'], n, (n / 1024 / 1024).toFixed(1)),
    ),
    ms: guard((v) => unit(t['unit.ms'], v, significant(v))),
  };
}

export function significant(v: number, digits = 3): string {
  if (v === 0) return '0';
  const abs = Math.abs(v);
  if (abs >= 1000) return group(Math.round(v));
  const decimals = Math.min(6, Math.max(0, digits - 1 - Math.floor(Math.log10(abs))));
  return v.toFixed(decimals);
}

export function group(n: number): string {
  const sign = n < 0 ? '-' : '';
  return sign + String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
