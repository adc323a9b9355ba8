// Decodes one YAML value of a `bigmodel` cell against its schema entry (cellSchema.ts): the typed value, or problems
// with their codes at the exact range of the token. A value with an error is left out, so code past the decoder never
// sees a value of the wrong kind; a value with only a warning (an option tfjs knows and the schema does not) is kept.
import { isMap, isScalar, isSeq, type LineCounter, type Node, type Pair, type YAMLMap } from 'yaml';
import {
  GOAL_METRICS,
  LOSS_SHORT_NAMES,
  METRICS,
  OPTIMIZER_OPTIONS,
  optimizerOptions,
  OPTIMIZERS,
  type NameKind,
  type ValueSpec,
} from './cellSchema';
import { problemFix, problemText, type ProblemCode } from './problemCatalog';
import { canonical as canonicalMetric } from './summary/metrics';
import { closest } from './suggest';

/** 1-based; the end is exclusive. */
export interface CellRange {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** Replace the problem's range with `text`, or insert `text` at a position (1-based). */
export type CellFix =
  { kind: 'replace'; text: string } | { kind: 'insert'; line: number; column: number; text: string };

export interface CellProblem extends CellRange {
  code: ProblemCode;
  /** The catalog template's arguments, in order. */
  args: string[];
  /** The text in the display language (problemCatalog.ts). */
  message: string;
  severity: 'error' | 'warning';
  fix?: CellFix;
}

/** Names a goal may be written in: the evaluation's metrics and the training metrics. */
const GOAL_NAMES: string[] = [...new Set<string>([...GOAL_METRICS, ...METRICS])];

type Severity = CellProblem['severity'];

/** The problems of one cell as they are found, and the decoding of its values. */
export class CellReader {
  readonly problems: CellProblem[] = [];

  constructor(
    readonly text: string,
    readonly lines: LineCounter,
  ) {}

  /** How many errors so far: a value whose decoding added one is left out of the spec. */
  get errors(): number {
    return this.problems.filter((p) => p.severity === 'error').length;
  }

  range(node: Node): CellRange {
    const [start, end] = node.range ?? [0, 0];
    const from = this.lines.linePos(start);
    const to = this.lines.linePos(Math.max(end, start + 1));
    return { line: from.line, column: from.col, endLine: to.line, endColumn: to.col };
  }

  report(node: Node | CellRange, code: ProblemCode, args: string[], severity: Severity = 'error', fix?: CellFix): void {
    const at = 'line' in node ? node : this.range(node);
    const value = fix ?? problemFix(code, args);
    const replace: CellFix | undefined =
      typeof value === 'string' && value !== 'insert-flatten' ? { kind: 'replace', text: value } : undefined;
    this.problems.push({
      code,
      args,
      message: problemText(code, args),
      severity,
      ...at,
      fix: typeof value === 'object' ? value : replace,
    });
  }

  /** An unknown name: `code` with a suggestion (`code-hint`, whose fix writes it in) when one is close. */
  unknown(
    node: Node,
    code: ProblemCode,
    hint: string | undefined,
    withHint: string[],
    without: string[],
    severity: Severity = 'error',
  ): void {
    if (hint) this.report(node, `${code}-hint` as ProblemCode, withHint, severity);
    else this.report(node, code, without, severity);
  }

  /** The value as written, on one line and cut short, for a message. */
  source(node: Node): string {
    const [start, end] = node.range ?? [0, 0];
    const s = this.text.slice(start, end).replace(/\s+/g, ' ').trim();
    return s.length > 40 ? `${s.slice(0, 39)}…` : s;
  }

  /**
   * The keys of a mapping against the keys the schema lists. `layer` is set for a layer's options: an unknown one is
   * kept with a warning (tfjs-layers takes more options than the schema lists), unless it is close to a known one.
   * `skip`: a known key the caller reads itself (`model.layers`, layer by layer).
   */
  decodeKeys(
    map: YAMLMap,
    keys: Record<string, ValueSpec>,
    label: string,
    layer?: string,
    skip?: string,
  ): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const pair of map.items as Pair<Node, Node | null>[]) {
      if (!isScalar(pair.key)) continue;
      const key = String(pair.key.value);
      if (key === skip) continue;
      const spec = keys[key];
      if (!spec) {
        const known = Object.keys(keys);
        const hint = closest(key, known);
        // A layer option close to a known one is a misspelling the layer would silently ignore (`rat` for `rate`).
        if (layer)
          this.unknown(
            pair.key,
            'unknown-option',
            hint,
            [label, key, hint ?? ''],
            [label, key, known.join(', ')],
            hint ? 'error' : 'warning',
          );
        else
          this.unknown(
            pair.key,
            'unknown-setting',
            hint,
            [`${label}.${key}`, hint ?? '', label, known.join(', ')],
            [`${label}.${key}`, label, known.join(', ')],
          );
        if (layer && !hint && pair.value) out[key] = pair.value.toJSON();
        continue;
      }
      this.keep(out, key, pair.value, spec, `${label}.${key}`);
    }
    return out;
  }

  /** Decodes `node` into `out[key]` unless it is empty or has an error. */
  keep(out: Record<string, unknown>, key: string, node: Node | null, spec: ValueSpec, label: string): void {
    if (!node) return;
    const before = this.errors;
    const value = this.decode(node, spec, label);
    if (value !== undefined && this.errors === before) out[key] = value;
  }

  /** The typed value of `node`, reporting what does not fit `spec`; undefined for an empty value (the default applies). */
  decode(node: Node, spec: ValueSpec, label: string): unknown {
    if (isScalar(node) && node.value === null) return undefined; // an empty value while typing
    const v = isScalar(node) ? node.value : undefined;
    switch (spec.type) {
      case 'integer':
      case 'number': {
        const integer = spec.type === 'integer';
        if (typeof v !== 'number' || !Number.isFinite(v) || (integer && !Number.isInteger(v))) {
          this.report(node, integer ? 'expect-integer' : 'expect-number', [label, this.source(node)]);
        } else if (integer && spec.only && !spec.only.includes(v)) {
          this.report(node, 'unknown-choice', [label, spec.only.map((n) => `\`${n}\``).join(', '), String(v)]);
        } else this.checkRange(node, v, spec, label);
        return v;
      }
      case 'boolean':
        if (typeof v !== 'boolean') this.report(node, 'expect-boolean', [label, this.source(node)]);
        return v;
      case 'string':
        if (typeof v !== 'string' && typeof v !== 'number')
          this.report(node, 'expect-string', [label, this.source(node)]);
        return String(v);
      case 'enum':
        this.checkName(node, spec.kind, spec.names, label, spec.open);
        return isScalar(node) ? String(v) : undefined;
      case 'list':
        return this.decodeList(node, spec, label);
      case 'map':
        if (isMap(node)) return this.decodeKeys(node, spec.keys, label);
        this.report(node, 'expect-mapping', [label, this.source(node)]);
        return undefined;
      case 'metricMap':
        return this.decodeGoal(node, label);
      case 'optimizer':
        return this.decodeOptimizer(node, label);
      case 'oneOf': {
        const shape = shapeOf(node);
        return this.decode(node, spec.of.find((alternative) => accepts(alternative, shape)) ?? spec.of[0], label);
      }
    }
  }

  private decodeList(node: Node, spec: Extract<ValueSpec, { type: 'list' }>, label: string): unknown[] | undefined {
    let items: unknown[];
    if (isSeq(node))
      items = (node.items as Node[]).map((item) => this.decode(item, spec.of, label)).filter((v) => v !== undefined);
    else if (spec.single && isScalar(node)) items = [this.decode(node, spec.of, label)];
    else {
      this.report(node, 'expect-list', [label, this.source(node)]);
      return undefined;
    }
    if (spec.nonEmpty && items.length === 0) this.report(node, 'expect-list', [label, this.source(node)]);
    else if (spec.length !== undefined && items.length !== spec.length) {
      this.report(node, 'expect-length', [label, String(spec.length), spec.example ?? '', this.source(node)]);
    }
    return items;
  }

  /** `goal: { accuracy: 0.9 }`: metric names and the numbers to reach. */
  private decodeGoal(node: Node, label: string): Record<string, number> | undefined {
    if (!isMap(node)) {
      this.report(node, 'expect-goal', [label, this.source(node)]);
      return undefined;
    }
    const goal: Record<string, number> = {};
    for (const pair of node.items as Pair<Node, Node | null>[]) {
      // A goal on a metric no run measures can never be met: a misspelling (`acuracy`) is an error, another name a
      // warning (a script cell's evaluation may measure it). Any spelling the summary reads (`f1_score`, `MAE`) is known.
      const metric = isScalar(pair.key) ? String(pair.key.value) : '';
      if (
        metric &&
        !GOAL_NAMES.some((n) => canonicalMetric(n) === canonicalMetric(metric)) &&
        canonicalMetric(metric) === metric.toLowerCase()
      ) {
        const hint = closest(metric, GOAL_NAMES);
        this.unknown(
          pair.key,
          'unknown-metric',
          hint,
          [metric, hint ?? ''],
          [metric, GOAL_METRICS.join(', ')],
          hint ? 'error' : 'warning',
        );
      }
      const value = pair.value;
      if (value && !(isScalar(value) && typeof value.value === 'number'))
        this.report(value, 'expect-number', [`${label}.${metric}`, this.source(value)]);
      else if (value && metric) goal[metric] = (value as { value: number }).value;
    }
    return goal;
  }

  /** `adam`, or `{ adam: { learningRate: 0.001 } }`: the name and its options. */
  private decodeOptimizer(node: Node, label: string): { name: string; options: Record<string, unknown> } | undefined {
    if (isScalar(node)) {
      this.checkName(node, 'optimizer', OPTIMIZERS, label);
      return { name: String(node.value), options: {} };
    }
    if (isMap(node) && node.items.length === 1 && isScalar(node.items[0].key)) {
      const pair = node.items[0] as Pair<Node, Node | null>;
      const name = String((pair.key as { value?: unknown }).value);
      this.checkName(pair.key, 'optimizer', OPTIMIZERS, label);
      let options: Record<string, unknown> = {};
      if (isMap(pair.value))
        options = this.decodeKeys(pair.value, optimizerOptions(name) ?? OPTIMIZER_OPTIONS, `${label}.${name}`);
      else if (pair.value && !(isScalar(pair.value) && pair.value.value === null)) {
        this.report(pair.value, 'expect-mapping', [`${label}.${name}`, this.source(pair.value)]);
      }
      return { name, options };
    }
    this.report(node, 'expect-optimizer', [label, this.source(node)]);
    return undefined;
  }

  checkName(node: Node, kind: NameKind, names: readonly string[], label: string, open = false): void {
    const v = isScalar(node) ? node.value : undefined;
    if (typeof v === 'string' && names.includes(v)) return;
    const written = typeof v === 'string' ? v : this.source(node);
    const severity = open ? 'warning' : 'error';
    const hint =
      (typeof v === 'string' ? closest(v, names) : undefined) ??
      (kind === 'loss' ? LOSS_SHORT_NAMES[written] : undefined);
    if (kind === 'choice') {
      const list = names.map((n) => `\`${n}\``).join(', ');
      this.unknown(node, 'unknown-choice', hint, [label, list, written, hint ?? ''], [label, list, written], severity);
    } else if (kind === 'source') {
      this.unknown(
        node,
        'unknown-source',
        hint,
        [written, hint ?? '', names.join(', ')],
        [written, names.join(', ')],
        severity,
      );
    } else {
      this.unknown(
        node,
        `unknown-${kind}` as ProblemCode,
        hint,
        [written, hint ?? ''],
        [written, names.join(', ')],
        severity,
      );
    }
  }

  private checkRange(
    node: Node,
    v: number,
    spec: { min?: number; max?: number; above?: boolean; below?: boolean; typicalMax?: number },
    label: string,
  ): void {
    const { min, max } = spec;
    const tooLow = min !== undefined && (spec.above ? v <= min : v < min);
    const tooHigh = max !== undefined && (spec.below ? v >= max : v > max);
    if (tooLow || tooHigh) {
      if (min !== undefined && max !== undefined)
        this.report(node, spec.below ? 'range-below' : 'range-between', [label, String(min), String(max), String(v)]);
      else if (min !== undefined)
        this.report(node, spec.above ? 'range-above' : 'range-min', [label, String(min), String(v)]);
      else this.report(node, 'range-max', [label, String(max), String(v)]);
    } else if (spec.typicalMax !== undefined && v > spec.typicalMax) {
      this.report(
        node,
        'unusually-high',
        [label.split('.').pop() ?? label, String(v), String(spec.typicalMax)],
        'warning',
      );
    }
  }
}

type Shape = 'number' | 'boolean' | 'string' | 'list' | 'map' | 'other';

function shapeOf(node: Node): Shape {
  if (isSeq(node)) return 'list';
  if (isMap(node)) return 'map';
  if (!isScalar(node)) return 'other';
  const t = typeof node.value;
  return t === 'number' ? 'number' : t === 'boolean' ? 'boolean' : t === 'string' ? 'string' : 'other';
}

/** Whether a value of this YAML shape is one `spec` can take: `oneOf` checks the first alternative that can. */
function accepts(spec: ValueSpec, shape: Shape): boolean {
  switch (spec.type) {
    case 'integer':
    case 'number':
      return shape === 'number';
    case 'boolean':
      return shape === 'boolean';
    case 'string':
    case 'enum':
      return shape === 'string';
    case 'list':
      return shape === 'list' || (!!spec.single && accepts(spec.of, shape));
    case 'map':
    case 'metricMap':
      return shape === 'map';
    case 'optimizer':
      return shape === 'map' || shape === 'string';
    case 'oneOf':
      return spec.of.some((s) => accepts(s, shape));
  }
}
