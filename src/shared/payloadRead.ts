// Reads the output payloads of spec section 4 (and the run records of `metadata.runs`) at the edge of the renderers and
// the dashboard. A payload may come from a hand-edited notebook or another version: a field of the wrong type is left
// out (or given a neutral value) and named, so a view draws what it can and says what it could not read.
import type {
  BatchProgress,
  DataPreviewPayload,
  EpochRecord,
  EvaluationPayload,
  ModelSummaryPayload,
  PerClassScore,
  RunRecord,
  StopReason,
  SummaryPayload,
  TrainingPayload,
} from './outputs';

/** A payload as a view can draw it, and the fields (paths such as `epochs[3].loss`) that could not be read. */
export interface Reading<T> {
  payload: T;
  unread: string[];
}

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Sets an optional field only where the payload had it: a reading keeps no key for what its writer left out. */
function setIfRead<T, K extends keyof T>(payload: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) payload[key] = value;
}

/** Reads values, noting each one that has the wrong type. */
class Reader {
  readonly unread: string[] = [];

  miss(path: string): undefined {
    this.unread.push(path);
    return undefined;
  }
  obj(v: unknown, path: string): Obj {
    return isObject(v) ? v : (this.miss(path), {});
  }
  /** A number; `null` is how JSON writes NaN (a diverged loss), so it reads as NaN. */
  num(v: unknown, path: string): number {
    if (typeof v === 'number') return v;
    if (v !== null) this.miss(path);
    return NaN;
  }
  optNum(v: unknown, path: string): number | undefined {
    return v === undefined ? undefined : this.num(v, path);
  }
  /** A count or an epoch: a finite number, or undefined. */
  finite(v: unknown, path: string): number | undefined {
    return typeof v === 'number' && Number.isFinite(v) ? v : this.miss(path);
  }
  str(v: unknown, path: string, fallback = ''): string {
    return typeof v === 'string' ? v : (this.miss(path), fallback);
  }
  optStr(v: unknown, path: string): string | undefined {
    return v === undefined ? undefined : typeof v === 'string' ? v : this.miss(path);
  }
  optBool(v: unknown, path: string): boolean | undefined {
    return v === undefined ? undefined : typeof v === 'boolean' ? v : this.miss(path);
  }
  oneOf<T extends string>(v: unknown, path: string, values: readonly T[], fallback: T): T {
    return values.includes(v as T) ? (v as T) : (this.miss(path), fallback);
  }
  /** A list; items the reader gives undefined for are left out (the item reader names them). */
  list<T>(v: unknown, path: string, item: (x: unknown, path: string) => T | undefined): T[] {
    if (!Array.isArray(v)) return (this.miss(path), []);
    const out: T[] = [];
    for (let i = 0; i < v.length; i++) {
      const x = item(v[i], `${path}[${i}]`);
      if (x !== undefined) out.push(x);
    }
    return out;
  }
  optList<T>(v: unknown, path: string, item: (x: unknown, path: string) => T | undefined): T[] | undefined {
    return v === undefined ? undefined : Array.isArray(v) ? this.list(v, path, item) : this.miss(path);
  }
  numbers(v: unknown, path: string): number[] {
    return this.list(v, path, (x, p) => this.num(x, p));
  }
  strings(v: unknown, path: string): string[] {
    return this.list(v, path, (x, p) => this.optStr(x, p) ?? this.miss(p));
  }
  /** `{ name: number }`, e.g. metrics, into `out`; entries of another type are left out. */
  numberRecord(v: unknown, path: string, out: Record<string, number> = {}, skip?: string): Record<string, number> {
    for (const [k, x] of Object.entries(this.obj(v, path))) {
      if (k === skip) continue;
      // defineProperty: a metric named "__proto__" stays a metric.
      if (typeof x === 'number' || x === null)
        Object.defineProperty(out, k, { value: x ?? NaN, enumerable: true, writable: true, configurable: true });
      else this.miss(`${path}.${k}`);
    }
    return out;
  }
  /** An epoch record; one without a finite epoch number is left out (a chart cannot place it). */
  epoch(v: unknown, path: string): EpochRecord | undefined {
    if (!isObject(v)) return this.miss(path);
    const epoch = this.finite(v.epoch, `${path}.epoch`);
    if (epoch === undefined) return undefined;
    const record = this.numberRecord(v, path, { epoch }, 'epoch') as EpochRecord;
    if (!Object.hasOwn(record, 'loss')) record.loss = NaN;
    return record;
  }
}

export function readTraining(data: unknown): Reading<TrainingPayload> {
  const r = new Reader();
  const o = r.obj(data, 'payload');
  const epochs = r.list(o.epochs, 'epochs', (e, p) => r.epoch(e, p));
  const payload: TrainingPayload = {
    schema: 1,
    state: r.oneOf(o.state, 'state', ['running', 'done'], 'done'),
    epochs,
    totalEpochs: r.finite(o.totalEpochs, 'totalEpochs') ?? epochs.length,
    backend: r.str(o.backend, 'backend'),
    device: r.str(o.device, 'device'),
    samplesPerSecond: r.num(o.samplesPerSecond, 'samplesPerSecond'),
  };
  // Any text: a reason of a newer version is shown as written.
  setIfRead(payload, 'stopped', r.optStr(o.stopped, 'stopped') as StopReason | undefined);
  if (o.progress !== undefined) {
    const p = r.obj(o.progress, 'progress');
    const fields = ['epoch', 'batch', 'batchesPerEpoch', 'loss', 'samplesPerSecond', 'etaSeconds'] as const;
    if (fields.every((f) => typeof p[f] === 'number')) payload.progress = p as unknown as BatchProgress;
    else r.miss('progress');
  }
  setIfRead(payload, 'message', r.optStr(o.message, 'message'));
  setIfRead(payload, 'keptEpoch', r.optNum(o.keptEpoch, 'keptEpoch'));
  return { payload, unread: r.unread };
}

export function readEvaluation(data: unknown): Reading<EvaluationPayload> {
  const r = new Reader();
  const o = r.obj(data, 'payload');
  const payload: EvaluationPayload = {
    schema: 1,
    on: r.str(o.on, 'on', 'test') as EvaluationPayload['on'],
    task: r.str(o.task, 'task') as EvaluationPayload['task'],
    samples: r.num(o.samples, 'samples'),
    metrics: r.numberRecord(o.metrics, 'metrics'),
  };
  if (o.confusionMatrix !== undefined) {
    const m = r.obj(o.confusionMatrix, 'confusionMatrix');
    payload.confusionMatrix = {
      labels: r.strings(m.labels, 'confusionMatrix.labels'),
      values: r.list(m.values, 'confusionMatrix.values', (row, p) => r.numbers(row, p)),
    };
  }
  setIfRead(
    payload,
    'perClass',
    r.optList(o.perClass, 'perClass', (c, p): PerClassScore | undefined => {
      if (!isObject(c)) return r.miss(p);
      return {
        label: r.str(c.label, `${p}.label`),
        precision: r.num(c.precision, `${p}.precision`),
        recall: r.num(c.recall, `${p}.recall`),
        f1: r.num(c.f1, `${p}.f1`),
        support: r.num(c.support, `${p}.support`),
      };
    }),
  );
  if (o.roc !== undefined) {
    const roc = r.obj(o.roc, 'roc');
    payload.roc = { fpr: r.numbers(roc.fpr, 'roc.fpr'), tpr: r.numbers(roc.tpr, 'roc.tpr') };
  }
  setIfRead(payload, 'positive', r.optStr(o.positive, 'positive'));
  if (o.baseline !== undefined) {
    const b = r.obj(o.baseline, 'baseline');
    payload.baseline = {
      kind: r.oneOf(b.kind, 'baseline.kind', ['majority', 'mean'], 'majority'),
      label: r.optStr(b.label, 'baseline.label'),
      value: r.optNum(b.value, 'baseline.value'),
      metrics: r.numberRecord(b.metrics, 'baseline.metrics'),
    };
  }
  setIfRead(payload, 'choseEpoch', r.optBool(o.choseEpoch, 'choseEpoch'));
  return { payload, unread: r.unread };
}

export function readDataPreview(data: unknown): Reading<DataPreviewPayload> {
  const r = new Reader();
  const o = r.obj(data, 'payload');
  const splits = r.numberRecord(o.splits, 'splits');
  const payload: DataPreviewPayload = {
    schema: 1,
    source: r.str(o.source, 'source'),
    task: r.str(o.task, 'task') as DataPreviewPayload['task'],
    inputShape: r.numbers(o.inputShape, 'inputShape'),
    splits: { ...splits, train: splits.train ?? NaN },
  };
  setIfRead(payload, 'classes', o.classes === undefined ? undefined : r.strings(o.classes, 'classes'));
  setIfRead(
    payload,
    'classBalance',
    r.optList(o.classBalance, 'classBalance', (b, p) =>
      isObject(b) ? { label: r.str(b.label, `${p}.label`), count: r.num(b.count, `${p}.count`) } : r.miss(p),
    ),
  );
  setIfRead(
    payload,
    'sampleRows',
    r.optList(o.sampleRows, 'sampleRows', (row, p) => r.numbers(row, p)),
  );
  setIfRead(payload, 'note', r.optStr(o.note, 'note'));
  return { payload, unread: r.unread };
}

export function readModelSummary(data: unknown): Reading<ModelSummaryPayload> {
  const r = new Reader();
  const o = r.obj(data, 'payload');
  const payload: ModelSummaryPayload = {
    schema: 1,
    layers: r.list(o.layers, 'layers', (l, p) => {
      if (!isObject(l)) return r.miss(p);
      const shape = r.list(l.outputShape, `${p}.outputShape`, (d, q) => (d === null ? null : r.finite(d, q)));
      return {
        name: r.str(l.name, `${p}.name`),
        type: r.str(l.type, `${p}.type`),
        outputShape: shape,
        params: r.num(l.params, `${p}.params`),
      };
    }),
    totalParams: r.num(o.totalParams, 'totalParams'),
    trainableParams: r.num(o.trainableParams, 'trainableParams'),
    sizeBytes: r.num(o.sizeBytes, 'sizeBytes'),
  };
  return { payload, unread: r.unread };
}

export function readSummary(data: unknown): Reading<SummaryPayload> {
  const r = new Reader();
  const o = r.obj(data, 'payload');
  const payload: SummaryPayload = {
    schema: 1,
    language: r.oneOf(o.language, 'language', ['en', 'zh-cn'], 'en'),
    audience: o.audience === 'engineering' ? 'engineering' : 'product',
    // A verdict of a newer version is shown as written (isVerdict tells the views).
    verdict: r.str(o.verdict, 'verdict', 'no-goal') as SummaryPayload['verdict'],
    headline: typeof o.headline === 'string' ? o.headline : '',
    sections: [],
    goal: [],
    findings: [],
    figures: [],
    markdown: r.str(o.markdown, 'markdown'),
  };
  setIfRead(payload, 'modelCard', r.optStr(o.modelCard, 'modelCard'));
  return { payload, unread: r.unread };
}

export function isVerdict(v: unknown): v is SummaryPayload['verdict'] {
  return v === 'meets-goal' || v === 'below-goal' || v === 'no-goal';
}

/** A run of `metadata.runs` (saved in the notebook, so hand-editable); one that is not an object is left out. */
export function readRuns(data: unknown): Reading<RunRecord[]> {
  const r = new Reader();
  const runs = r.list(data, 'runs', (v, p): RunRecord | undefined => {
    if (!isObject(v)) return r.miss(p);
    const run: RunRecord = {
      specHash: typeof v.specHash === 'string' ? v.specHash : '',
      startedAt: r.str(v.startedAt, `${p}.startedAt`),
      durationMs: r.num(v.durationMs, `${p}.durationMs`),
      backend: r.str(v.backend, `${p}.backend`),
      device: r.str(v.device, `${p}.device`),
      hyperparameters: r.obj(v.hyperparameters, `${p}.hyperparameters`),
      epochs: r.num(v.epochs, `${p}.epochs`),
      stopped: r.str(v.stopped, `${p}.stopped`, 'completed') as StopReason,
      final: r.numberRecord(v.final, `${p}.final`),
    };
    const history = r.optList(v.history, `${p}.history`, (e, q) => r.epoch(e, q));
    if (history) run.history = history;
    const cells = v.cells === undefined ? undefined : r.strings(v.cells, `${p}.cells`);
    if (cells) run.cells = cells;
    return run;
  });
  return { payload: runs, unread: r.unread };
}
