// Words one summary: picks the audience's template, fills it, and records every number it writes.
import { numberFormat, type Figure, type NumberFormat } from './format';
import { canonical, isFraction } from './metrics';
import { fill, placeholders, type SummaryStringKey, type SummaryStrings, type TextKey } from './text';
import type { Audience, Task } from './types';

export type Param = string | Figure;

export class Writer {
  readonly figures: { name: string; value: number; text: string }[] = [];
  readonly fmt: NumberFormat;

  constructor(
    private readonly t: SummaryStrings,
    readonly audience: Audience,
  ) {
    this.fmt = numberFormat(t);
  }

  get product(): boolean {
    return this.audience === 'product';
  }

  /** The audience's own wording of `key` when there is one, else the shared one. */
  say(key: TextKey, params: Record<string, Param> = {}): string {
    const table = this.t as Record<string, string>;
    const template = table[`${key}.${this.audience}`] ?? table[key];
    if (template === undefined) throw new Error(`no summary text for ${key}`);
    const used = new Set(placeholders(template));
    const values: Record<string, string> = {};
    for (const [name, p] of Object.entries(params)) {
      if (!used.has(name)) continue;
      if (typeof p === 'string') values[name] = p;
      else {
        values[name] = p.text;
        this.figures.push({ name: `${key}.${name}`, value: p.value, text: p.text });
      }
    }
    return fill(template, values);
  }

  has(key: string): boolean {
    return (this.t as Record<string, string>)[key] !== undefined;
  }

  /** A class name or other text from the data, quoted and safe inside markdown. */
  label(text: string): string {
    return this.say('quote', { text: this.product ? escapeMarkdown(text) : text.replace(/`/g, "'") });
  }

  /** A column name, always as code. */
  code(text: string): string {
    return `\`${text.replace(/`/g, "'")}\``;
  }

  plain(text: string): string {
    return escapeMarkdown(text);
  }

  list(items: string[]): string {
    if (items.length <= 1) return items.join('');
    const t = this.t;
    return spaced(spaced(items.slice(0, -1).join(t['list.separator']), t['list.last']), items[items.length - 1]);
  }

  /**
   * A metric's name for this audience; an unknown metric keeps its own name. Precision and recall of a multi-class
   * task are the mean over the classes (F1 too, for engineers), and say so.
   */
  metricName(metric: string, task?: Task): string {
    const m = canonical(metric);
    const macro: Record<string, string> = {
      precision: 'macroPrecision',
      recall: 'macroRecall',
      ...(this.product ? {} : { f1: 'macroF1' }),
    };
    const key = task === 'classification' ? (macro[m] ?? m) : m;
    const full = `metric.${this.audience}.${key}`;
    return this.has(full) ? this.t[full as SummaryStringKey] : metric;
  }

  /**
   * A score: a percentage for product managers when it is a 0–1 fraction (and R², which they read as "the share of the
   * variation it explains"), three significant digits otherwise.
   */
  metric(metric: string, v: number): Figure {
    return this.asPercent(metric) ? this.fmt.percent(v) : this.fmt.value(v);
  }

  /** A difference between two scores, in the same style as `metric`. */
  difference(metric: string, v: number): Figure {
    return this.asPercent(metric) ? this.fmt.points(v) : this.fmt.value(v);
  }

  private asPercent(metric: string): boolean {
    return this.product && (isFraction(metric) || canonical(metric) === 'r2');
  }
}

/** Joins two pieces of text with the space Chinese typography puts between a Han character and Latin text or digits. */
function spaced(a: string, b: string): string {
  const han = /[\u4e00-\u9fff]/;
  const latin = /[A-Za-z0-9`]/;
  const edge = (han.test(a.slice(-1)) && latin.test(b[0] ?? '')) || (latin.test(a.slice(-1)) && han.test(b[0] ?? ''));
  return edge ? `${a} ${b}` : a + b;
}

export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]<>#|~]/g, (c) => `\\${c}`);
}
