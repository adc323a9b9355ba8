// Checks a `bigmodel` cell against the schema: unknown names with "did you mean", wrong types and out-of-range
// values, each at the exact range of its token, with the fix where one is clear. Pure (no VS Code): the editor's
// diagnostics, `bigmodel check` and the core refuse the same cells with the same words.
import * as l10n from '@vscode/l10n';
import { isAlias, isMap, isScalar, isSeq, parseDocument, visit, type Node, type Pair, type YAMLMap } from 'yaml';
import { cellLines, cellTooDeepAt } from './cellYaml';
import {
  GOAL_METRICS, LAYERS, LOSS_SHORT_NAMES, METRICS, OPTIMIZER_OPTIONS, optimizerOptions, OPTIMIZERS, SCALAR_OPTION, SECTION_KEYS, SECTIONS,
  LAYER_OPTIONS, layerName, type NameKind, type SectionName, type ValueSpec,
} from './cellSchema';
import { parseCell } from './cellSpec';
import {
  BUILTIN_DATA_FACTS, checkModel, checkOutput, formatModelTemplate, MODEL_TEMPLATES, type ModelProblemCode, modelOutput, notebookContext, type DataFacts, type ModelLayer, type NotebookContext,
} from './modelCheck';
import { canonical as canonicalMetric } from './summary/metrics';
import { closest } from './suggest';
import { fillPositional } from './textTemplate';

/** English text of each problem; the diagnostics show the same text through vscode.l10n (diagnostics.ts). */
export const PROBLEM_TEMPLATES = {
  'unknown-section': 'unknown section `{0}` (sections: {1})',
  'unknown-section-hint': 'unknown section `{0}` — did you mean `{1}`? (sections: {2})',
  'unknown-layer': 'unknown layer `{0}`',
  'unknown-layer-hint': 'unknown layer `{0}` — did you mean `{1}`?',
  'unknown-setting': 'unknown setting `{0}` ({1} settings: {2})',
  'unknown-setting-hint': 'unknown setting `{0}` — did you mean `{1}`? ({2} settings: {3})',
  'unknown-option': '`{0}` has no option `{1}` (options: {2})',
  'unknown-option-hint': '`{0}` has no option `{1}` — did you mean `{2}`?',
  'unknown-activation': 'unknown activation `{0}` (known: {1})',
  'unknown-activation-hint': 'unknown activation `{0}` — did you mean `{1}`?',
  'unknown-optimizer': 'unknown optimizer `{0}` (known: {1})',
  'unknown-optimizer-hint': 'unknown optimizer `{0}` — did you mean `{1}`?',
  'unknown-loss': 'unknown loss `{0}` (known: {1})',
  'unknown-loss-hint': 'unknown loss `{0}` — did you mean `{1}`?',
  'unknown-metric': 'unknown metric `{0}` (known: {1})',
  'unknown-metric-hint': 'unknown metric `{0}` — did you mean `{1}`?',
  'unknown-source': 'unknown data source `{0}` (built in: {1})',
  'unknown-source-hint': 'unknown data source `{0}` — did you mean `{1}`? (built in: {2})',
  'unknown-choice': '`{0}` is one of {1}, got `{2}`',
  'unknown-choice-hint': '`{0}` is one of {1}, got `{2}` — did you mean `{3}`?',
  'expect-integer': '`{0}` must be a whole number, got `{1}`',
  'expect-number': '`{0}` must be a number, got `{1}`',
  'expect-boolean': '`{0}` must be true or false, got `{1}`',
  'expect-string': '`{0}` must be a name or a path, got `{1}`',
  'expect-list': '`{0}` must be a list such as `[a, b]`, got `{1}`',
  'expect-mapping': '`{0}` must be a mapping of settings (key: value), got `{1}`',
  'expect-optimizer': '`{0}` is an optimizer name such as `adam`, or one name with its options, got `{1}`',
  'expect-goal': '`{0}` maps metrics to numbers, such as `accuracy: 0.9`, got `{1}`',
  'range-min': '`{0}` must be ≥ {1}, got {2}',
  'range-above': '`{0}` must be greater than {1}, got {2}',
  'range-max': '`{0}` must be ≤ {1}, got {2}',
  'range-between': '`{0}` must be between {1} and {2}, got {3}',
  'range-below': '`{0}` must be ≥ {1} and less than {2}, got {3}',
  'unusually-high': '`{0}: {1}` is unusually high; typical values are at most {2}',
  'unknown-monitor': 'early stopping cannot watch `{0}`: this training logs {1}',
  'yaml-alias': 'YAML aliases (`*{0}`) are not read in a cell: write the value out here',
  'yaml-anchor': 'YAML anchors (`&{0}`) are not read in a cell: remove `&{0}` and write values out where they are used',
  'unknown-monitor-hint': 'early stopping cannot watch `{0}` — did you mean `{1}`? (this training logs {2})',
  // A layer stack whose shapes cannot work, a loss that does not fit the labels or the last layer.
  ...MODEL_TEMPLATES,
  cell: '{0}',
} as const;
export type ProblemCode = keyof typeof PROBLEM_TEMPLATES;

/** Names a goal may be written in: the evaluation's metrics and the training metrics. */
const GOAL_NAMES: string[] = [...new Set<string>([...GOAL_METRICS, ...METRICS])];

/** Replace the problem's range with `text`, or insert `text` at a position (1-based). */
export type CellFix = { kind: 'replace'; text: string } | { kind: 'insert'; line: number; column: number; text: string };

export interface CellCheckProblem {
  code: ProblemCode;
  /** The template's arguments, in order. */
  args: string[];
  /** The English message. */
  message: string;
  severity: 'error' | 'warning';
  /** 1-based; the end is exclusive. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fix?: CellFix;
}

/**
 * parseCell's problems and the schema's, without repeating a problem both find at the same place. `earlier`: the
 * sources of the notebook's bigmodel cells above this one, whose data and model this cell's checks can use.
 */
export function cellProblems(text: string, earlier: readonly string[] = [], context?: NotebookContext): CellCheckProblem[] {
  // `context`: what the cells above say, when the caller has folded it already (NotebookProblems does, once a pass).
  const checked = checkCell(text, context ?? notebookContext(earlier.map((t) => parseCell(t).spec)));
  const taken = new Set(checked.map((p) => `${p.line}:${p.column}`));
  const parsed = parseCell(text).problems
    .filter((p) => !taken.has(`${p.line}:${p.column}`))
    .map((p): CellCheckProblem => ({ code: 'cell', args: [p.message], message: p.message, severity: p.severity, ...tokenAt(text, p.line, p.column) }));
  return [...parsed, ...checked].sort((a, b) => a.line - b.line || a.column - b.column);
}

/** The range of the token that starts at a 1-based line and column (at least one character). */
export function tokenAt(text: string, line: number, column: number): Pick<CellCheckProblem, 'line' | 'column' | 'endLine' | 'endColumn'> {
  const lineText = text.split(/\r?\n/)[line - 1] ?? '';
  const token = /^[^\s:,{}[\]#]+/.exec(lineText.slice(column - 1))?.[0] ?? '';
  return { line, column, endLine: line, endColumn: column + Math.max(token.length, 1) };
}

export function checkCell(text: string, context: NotebookContext = { facts: {} }): CellCheckProblem[] {
  if (cellTooDeepAt(text) !== undefined) return []; // parseCell reports it; parsing it could run out of stack
  const lines = cellLines(text);
  const doc = parseDocument(text, { prettyErrors: false });
  const problems: CellCheckProblem[] = [];
  if (doc.errors.length > 0 || !isMap(doc.contents)) return problems; // parseCell reports these

  const report = (node: Node, code: ProblemCode, args: string[], severity: 'error' | 'warning' = 'error', fix?: CellFix) => {
    const [start, end] = node.range ?? [0, 0];
    const from = lines.linePos(start);
    const to = lines.linePos(Math.max(end, start + 1));
    problems.push({
      code, args, message: fillPositional(PROBLEM_TEMPLATES[code], args), severity,
      line: from.line, column: from.col, endLine: to.line, endColumn: to.col, fix,
    });
  };
  /** An unknown name: `code` with a suggestion (`code-hint`) when one is close, and the replacement as its fix. */
  const unknown = (node: Node, code: ProblemCode, hint: string | undefined, withHint: string[], without: string[], severity: 'error' | 'warning' = 'error') => {
    if (hint) report(node, `${code}-hint` as ProblemCode, withHint, severity, { kind: 'replace', text: hint });
    else report(node, code, without, severity);
  };
  const source = (node: Node) => {
    const [start, end] = node.range ?? [0, 0];
    const s = text.slice(start, end).replace(/\s+/g, ' ').trim();
    return s.length > 40 ? `${s.slice(0, 39)}…` : s;
  };

  // Anchors and aliases (`&n`, `*n`) would reach the core as YAML objects rather than values (and an alias can
  // multiply a cell's size): each is refused at its place instead.
  visit(doc, {
    Alias: (_, node) => void report(node, 'yaml-alias', [String(node.source)]),
    Node: (_, node) => {
      if (!isAlias(node) && node.anchor) report(node, 'yaml-anchor', [node.anchor]);
    },
  });
  if (problems.length > 0) return problems;
  for (const pair of (doc.contents as YAMLMap).items as Pair<Node, Node | null>[]) {
    if (!isScalar(pair.key)) continue;
    const section = String(pair.key.value);
    if (!(SECTIONS as readonly string[]).includes(section)) {
      const hint = closest(section, SECTIONS);
      unknown(pair.key, 'unknown-section', hint, [section, hint ?? '', SECTIONS.join(', ')], [section, SECTIONS.join(', ')]);
      continue;
    }
    const value = pair.value;
    const keys = SECTION_KEYS[section as SectionName];
    if (section === 'data' && isScalar(value) && typeof value.value === 'string') checkValue(value, keys.source, 'data.source');
    else if (isMap(value)) checkKeys(value, keys, section, undefined);
    if (section === 'train' && isMap(value)) checkMonitor(value);
  }
  checkLossOfEarlierModel();
  return problems;

  /** The data this cell's checks can count on: its own `data` section, else the earlier cells'. */
  function cellFacts(): DataFacts {
    const root = doc.contents as YAMLMap;
    const data = root.get('data', true);
    if (data === undefined) return { ...context.facts };
    const source = isMap(data) ? data.get('source') : isScalar(data) ? data.value : undefined;
    return { ...(typeof source === 'string' ? BUILTIN_DATA_FACTS[source] : undefined) };
  }

  /** A `train` cell below the model's cell: its loss against that model's last layer and the data. */
  function checkLossOfEarlierModel(): void {
    const root = doc.contents as YAMLMap;
    const train = root.get('train', true);
    if (!isMap(train) || root.has('model') || !context.layers) return;
    const lossNode = train.get('loss', true) as Node | undefined;
    const trainKey = root.items.find((i) => isScalar(i.key) && i.key.value === 'train')?.key as Node;
    // The model's own cell reports its layers against the data; here, what the loss (named or inferred) needs of them.
    for (const p of checkOutput(modelOutput(context.layers), cellFacts(), isScalar(lossNode) ? lossNode.value : undefined)) {
      if (p.target.kind === 'loss' || p.code === 'needs-probabilities') report(isScalar(lossNode) ? lossNode : trainKey, p.code, p.args, p.severity);
    }
  }

  /**
   * `earlyStopping.monitor` against the names this training logs: `loss` and the metrics it names (accuracy or mse
   * when it names none), each also as `val_…`. The core checks again against the data (is there a validation split?).
   */
  function checkMonitor(train: YAMLMap): void {
    const early = train.get('earlyStopping', true);
    const monitor = isMap(early) ? (early.get('monitor', true) as Node | undefined) : undefined;
    if (!isScalar(monitor) || typeof monitor.value !== 'string') return;
    const metricsNode = train.get('metrics', true) as Node | undefined;
    const listed = metricsNode?.toJSON();
    const named = Array.isArray(listed) ? listed.map(String) : typeof listed === 'string' ? [listed] : ['accuracy', 'mse'];
    const canonical = (m: string) => (m === 'acc' ? 'accuracy' : m);
    const logged = ['loss', ...named.map(canonical)];
    const names = [...logged, ...logged.map((n) => `val_${n}`)];
    const written = monitor.value;
    const bare = written.replace(/^val_/, '');
    if (names.includes(written) || names.includes(`${written.startsWith('val_') ? 'val_' : ''}${canonical(bare)}`)) return;
    const hint = closest(written, names);
    const list = names.map((n) => `\`${n}\``).join(', ');
    unknown(monitor, 'unknown-monitor', hint, [written, hint ?? '', list], [written, list]);
  }

  /** `layer` is set for a layer's options (warnings: tfjs takes more options than the schema lists). */
  function checkKeys(map: YAMLMap, keys: Record<string, ValueSpec>, label: string, layer: string | undefined): void {
    for (const pair of map.items as Pair<Node, Node | null>[]) {
      if (!isScalar(pair.key)) continue;
      const key = String(pair.key.value);
      const spec = keys[key];
      const known = Object.keys(keys);
      if (!spec) {
        const hint = closest(key, known);
        // A layer option close to a known one is a misspelling the layer would silently ignore (`rat` for `rate`): an
        // error. Another name stays a warning: tfjs-layers takes more options than the schema lists.
        if (layer) unknown(pair.key, 'unknown-option', hint, [label, key, hint ?? ''], [label, key, known.join(', ')], hint ? 'error' : 'warning');
        else unknown(pair.key, 'unknown-setting', hint, [`${label}.${key}`, hint ?? '', label, known.join(', ')], [`${label}.${key}`, label, known.join(', ')]);
        continue;
      }
      if (label === 'model' && key === 'layers') checkLayers(pair.value);
      else if (pair.value) checkValue(pair.value, spec, `${label}.${key}`);
    }
  }

  function checkLayers(node: Node | null): void {
    if (!isSeq(node)) return; // parseCell reports a layers value that is not a list
    const stack: { layer: ModelLayer; item: Node; nameNode: Node; config: Node | null }[] = [];
    let complete = true;
    for (const item of node.items as Node[]) {
      let nameNode: Node;
      let config: Node | null = null;
      if (isScalar(item)) nameNode = item;
      else if (isMap(item) && item.items.length === 1 && isScalar(item.items[0].key)) {
        nameNode = item.items[0].key as Node;
        config = item.items[0].value as Node | null;
      } else { complete = false; continue; } // parseCell reports the shape of the item
      const written = String((nameNode as { value?: unknown }).value);
      const canonical = layerName(written);
      if (!canonical) {
        const hint = closest(written, LAYERS);
        unknown(nameNode, 'unknown-layer', hint, [written, hint ?? ''], [written]);
        complete = false;
        continue;
      }
      const options = LAYER_OPTIONS[canonical];
      let settings: Record<string, unknown> = {};
      if (isMap(config)) {
        checkKeys(config, options, written, canonical);
        settings = config.toJSON() as Record<string, unknown>;
      } else if (((isScalar(config) && config.value !== null) || isSeq(config)) && SCALAR_OPTION[canonical]) {
        const field = SCALAR_OPTION[canonical];
        checkValue(config, options[field], `${written}.${field}`);
        settings = { [field]: config.toJSON() };
      }
      stack.push({ layer: { type: canonical, config: settings }, item, nameNode, config });
    }
    if (complete) checkStack(stack);
  }

  /** The shapes of the stack and the fit of its loss, from what the cell's text says of the data (modelCheck.ts). */
  function checkStack(stack: { layer: ModelLayer; item: Node; nameNode: Node; config: Node | null }[]): void {
    const root = doc.contents as YAMLMap;
    const model = root.get('model', true);
    const input = isMap(model) ? (model.get('input', true) as Node | undefined)?.toJSON() : undefined;
    const facts = cellFacts();
    if (Array.isArray(input) && input.every((d) => typeof d === 'number' && d > 0)) facts.inputShape = input as number[];
    const train = root.get('train', true);
    const lossNode = isMap(train) ? (train.get('loss', true) as Node | undefined) : undefined;
    // Without a train section here, a later cell chooses the loss: null, so none is presumed.
    const loss = isScalar(lossNode) ? lossNode.value : isMap(train) ? undefined : null;
    const batchSize = isMap(train) ? train.get('batchSize') : undefined;
    for (const p of checkModel(stack.map((s) => s.layer), facts, loss, { batchSize: typeof batchSize === 'number' ? batchSize : undefined })) {
      let at: Node | undefined;
      let fix: CellFix | undefined;
      if (p.target.kind === 'loss') {
        at = lossNode ?? (isMap(train) ? root.items.find((i) => isScalar(i.key) && i.key.value === 'train')?.key as Node : undefined) ?? stack[stack.length - 1].nameNode;
      } else {
        const s = stack[p.target.index];
        const option = p.target.option;
        const value = option && isMap(s.config) ? (s.config.get(option, true) as Node | undefined) : undefined;
        at = value ?? (option && isScalar(s.config) && SCALAR_OPTION[s.layer.type] === option ? s.config : s.nameNode);
        if (p.fix !== undefined && at !== s.nameNode) fix = { kind: 'replace', text: p.fix };
        if (p.code === 'missing-flatten' || p.code === 'dense-on-image') fix = insertFlatten(s.item);
      }
      report(at, p.code, p.args, p.severity, fix);
    }
  }

  /** A `- flatten` line above a block list item, or `flatten, ` before an item of a `[…]` list. */
  function insertFlatten(item: Node): CellFix {
    const start = item.range?.[0] ?? 0;
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    const prefix = text.slice(lineStart, start);
    const pos = lines.linePos(start);
    if (/^\s*-\s+$/.test(prefix)) return { kind: 'insert', line: pos.line, column: 1, text: `${prefix}flatten\n` };
    return { kind: 'insert', line: pos.line, column: pos.col, text: 'flatten, ' };
  }

  function checkValue(node: Node, spec: ValueSpec, label: string): void {
    if (isScalar(node) && node.value === null) return; // an empty value while typing: the default applies
    const v = isScalar(node) ? node.value : undefined;
    switch (spec.type) {
      case 'integer':
      case 'number': {
        const integer = spec.type === 'integer';
        if (typeof v !== 'number' || !Number.isFinite(v) || (integer && !Number.isInteger(v))) {
          report(node, integer ? 'expect-integer' : 'expect-number', [label, source(node)]);
          return;
        }
        checkRange(node, v, spec, label);
        return;
      }
      case 'boolean':
        if (typeof v !== 'boolean') report(node, 'expect-boolean', [label, source(node)]);
        return;
      case 'string':
        if (typeof v !== 'string' && typeof v !== 'number') report(node, 'expect-string', [label, source(node)]);
        return;
      case 'enum':
        checkName(node, spec.kind, spec.names, label, spec.open);
        return;
      case 'list':
        if (isSeq(node)) for (const item of node.items as Node[]) checkValue(item, spec.of, label);
        else if (spec.single && isScalar(node)) checkValue(node, spec.of, label);
        else report(node, 'expect-list', [label, source(node)]);
        return;
      case 'map':
        if (isMap(node)) checkKeys(node, spec.keys, label, undefined);
        else report(node, 'expect-mapping', [label, source(node)]);
        return;
      case 'metricMap':
        if (!isMap(node)) report(node, 'expect-goal', [label, source(node)]);
        else {
          for (const pair of node.items as Pair<Node, Node | null>[]) {
            // A goal on a metric no run measures can never be met: a misspelling (`acuracy`) is an error, another
            // name a warning (a script cell's evaluation may measure it).
            const metric = isScalar(pair.key) ? String(pair.key.value) : '';
            const names = GOAL_NAMES;
            // Any spelling the summary reads (`balanced_accuracy`, `f1_score`, `MAE`) is known.
            if (metric && !names.some((n) => canonicalMetric(n) === canonicalMetric(metric)) && canonicalMetric(metric) === metric.toLowerCase()) {
              const hint = closest(metric, names);
              unknown(pair.key as Node, 'unknown-metric', hint, [metric, hint ?? ''], [metric, GOAL_METRICS.join(', ')], hint ? 'error' : 'warning');
            }
            if (pair.value && !(isScalar(pair.value) && typeof pair.value.value === 'number')) {
              report(pair.value, 'expect-number', [`${label}.${String((pair.key as { value?: unknown }).value)}`, source(pair.value)]);
            }
          }
        }
        return;
      case 'optimizer':
        if (isScalar(node)) checkName(node, 'optimizer', OPTIMIZERS, label);
        else if (isMap(node) && node.items.length === 1 && isScalar(node.items[0].key)) {
          const pair = node.items[0] as Pair<Node, Node | null>;
          const name = String((pair.key as { value?: unknown }).value);
          checkName(pair.key, 'optimizer', OPTIMIZERS, label);
          if (isMap(pair.value)) checkKeys(pair.value, optimizerOptions(name) ?? OPTIMIZER_OPTIONS, `${label}.${name}`, undefined);
          else if (pair.value && !(isScalar(pair.value) && pair.value.value === null)) report(pair.value, 'expect-mapping', [`${label}.${name}`, source(pair.value)]);
        } else report(node, 'expect-optimizer', [label, source(node)]);
        return;
      case 'oneOf': {
        const shape = shapeOf(node);
        checkValue(node, spec.of.find((alternative) => accepts(alternative, shape)) ?? spec.of[0], label);
        return;
      }
    }
  }

  function checkName(node: Node, kind: NameKind, names: readonly string[], label: string, open = false): void {
    const v = isScalar(node) ? node.value : undefined;
    if (typeof v === 'string' && names.includes(v)) return;
    const written = typeof v === 'string' ? v : source(node);
    const severity = open ? 'warning' : 'error';
    const hint = (typeof v === 'string' ? closest(v, names) : undefined) ?? (kind === 'loss' ? LOSS_SHORT_NAMES[written] : undefined);
    if (kind === 'choice') {
      const list = names.map((n) => `\`${n}\``).join(', ');
      unknown(node, 'unknown-choice', hint, [label, list, written, hint ?? ''], [label, list, written], severity);
    } else if (kind === 'source') {
      unknown(node, 'unknown-source', hint, [written, hint ?? '', names.join(', ')], [written, names.join(', ')], severity);
    } else {
      unknown(node, `unknown-${kind}` as ProblemCode, hint, [written, hint ?? ''], [written, names.join(', ')], severity);
    }
  }

  function checkRange(node: Node, v: number, spec: { min?: number; max?: number; above?: boolean; below?: boolean; typicalMax?: number }, label: string): void {
    const { min, max } = spec;
    const tooLow = min !== undefined && (spec.above ? v <= min : v < min);
    const tooHigh = max !== undefined && (spec.below ? v >= max : v > max);
    if (tooLow || tooHigh) {
      if (min !== undefined && max !== undefined) report(node, spec.below ? 'range-below' : 'range-between', [label, String(min), String(max), String(v)]);
      else if (min !== undefined) report(node, spec.above ? 'range-above' : 'range-min', [label, String(min), String(v)]);
      else report(node, 'range-max', [label, String(max), String(v)]);
    } else if (spec.typicalMax !== undefined && v > spec.typicalMax) {
      report(node, 'unusually-high', [label.split('.').pop() ?? label, String(v), String(spec.typicalMax)], 'warning');
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

function accepts(spec: ValueSpec, shape: Shape): boolean {
  switch (spec.type) {
    case 'integer': case 'number': return shape === 'number';
    case 'boolean': return shape === 'boolean';
    case 'string': case 'enum': return shape === 'string';
    case 'list': return shape === 'list' || (!!spec.single && accepts(spec.of, shape));
    case 'map': case 'metricMap': return shape === 'map';
    case 'optimizer': return shape === 'map' || shape === 'string';
    case 'oneOf': return spec.of.some((s) => accepts(s, shape));
  }
}

/**
 * The problem in the display language (VS Code's in the editor, the locale's in the core and the CLI): the English
 * templates are PROBLEM_TEMPLATES above, and each is written out here so the localisation test finds it.
 */
export function problemMessage(p: CellCheckProblem): string {
  const a = p.args;
  // A model problem's text comes from the shared checker, which the core shows too. Its templates hold braces of
  // their own (`dense: { units: {0} }`), which vscode.l10n.t's formatting leaves unfilled.
  if (p.code in MODEL_TEMPLATES) return formatModelTemplate(p.code as ModelProblemCode, a);
  const messages: Record<Exclude<ProblemCode, ModelProblemCode>, () => string> = {
    'unknown-section': () => l10n.t('unknown section `{0}` (sections: {1})', ...a),
    'unknown-section-hint': () => l10n.t('unknown section `{0}` — did you mean `{1}`? (sections: {2})', ...a),
    'unknown-layer': () => l10n.t('unknown layer `{0}`', ...a),
    'unknown-layer-hint': () => l10n.t('unknown layer `{0}` — did you mean `{1}`?', ...a),
    'unknown-setting': () => l10n.t('unknown setting `{0}` ({1} settings: {2})', ...a),
    'unknown-setting-hint': () => l10n.t('unknown setting `{0}` — did you mean `{1}`? ({2} settings: {3})', ...a),
    'unknown-option': () => l10n.t('`{0}` has no option `{1}` (options: {2})', ...a),
    'unknown-option-hint': () => l10n.t('`{0}` has no option `{1}` — did you mean `{2}`?', ...a),
    'unknown-activation': () => l10n.t('unknown activation `{0}` (known: {1})', ...a),
    'unknown-activation-hint': () => l10n.t('unknown activation `{0}` — did you mean `{1}`?', ...a),
    'unknown-optimizer': () => l10n.t('unknown optimizer `{0}` (known: {1})', ...a),
    'unknown-optimizer-hint': () => l10n.t('unknown optimizer `{0}` — did you mean `{1}`?', ...a),
    'unknown-loss': () => l10n.t('unknown loss `{0}` (known: {1})', ...a),
    'unknown-loss-hint': () => l10n.t('unknown loss `{0}` — did you mean `{1}`?', ...a),
    'unknown-metric': () => l10n.t('unknown metric `{0}` (known: {1})', ...a),
    'unknown-metric-hint': () => l10n.t('unknown metric `{0}` — did you mean `{1}`?', ...a),
    'unknown-source': () => l10n.t('unknown data source `{0}` (built in: {1})', ...a),
    'unknown-source-hint': () => l10n.t('unknown data source `{0}` — did you mean `{1}`? (built in: {2})', ...a),
    'unknown-choice': () => l10n.t('`{0}` is one of {1}, got `{2}`', ...a),
    'unknown-choice-hint': () => l10n.t('`{0}` is one of {1}, got `{2}` — did you mean `{3}`?', ...a),
    'expect-integer': () => l10n.t('`{0}` must be a whole number, got `{1}`', ...a),
    'expect-number': () => l10n.t('`{0}` must be a number, got `{1}`', ...a),
    'expect-boolean': () => l10n.t('`{0}` must be true or false, got `{1}`', ...a),
    'expect-string': () => l10n.t('`{0}` must be a name or a path, got `{1}`', ...a),
    'expect-list': () => l10n.t('`{0}` must be a list such as `[a, b]`, got `{1}`', ...a),
    'expect-mapping': () => l10n.t('`{0}` must be a mapping of settings (key: value), got `{1}`', ...a),
    'expect-optimizer': () => l10n.t('`{0}` is an optimizer name such as `adam`, or one name with its options, got `{1}`', ...a),
    'expect-goal': () => l10n.t('`{0}` maps metrics to numbers, such as `accuracy: 0.9`, got `{1}`', ...a),
    'range-min': () => l10n.t('`{0}` must be ≥ {1}, got {2}', ...a),
    'range-above': () => l10n.t('`{0}` must be greater than {1}, got {2}', ...a),
    'range-max': () => l10n.t('`{0}` must be ≤ {1}, got {2}', ...a),
    'range-between': () => l10n.t('`{0}` must be between {1} and {2}, got {3}', ...a),
    'range-below': () => l10n.t('`{0}` must be ≥ {1} and less than {2}, got {3}', ...a),
    'unusually-high': () => l10n.t('`{0}: {1}` is unusually high; typical values are at most {2}', ...a),
    'unknown-monitor': () => l10n.t('early stopping cannot watch `{0}`: this training logs {1}', ...a),
    'yaml-alias': () => l10n.t('YAML aliases (`*{0}`) are not read in a cell: write the value out here', ...a),
    'yaml-anchor': () => l10n.t('YAML anchors (`&{0}`) are not read in a cell: remove `&{0}` and write values out where they are used', ...a),
    'unknown-monitor-hint': () => l10n.t('early stopping cannot watch `{0}` — did you mean `{1}`? (this training logs {2})', ...a),
    // parseCell's own wording (YAML syntax, the shape of a section or a layer item).
    cell: () => p.message,
  };
  return messages[p.code as Exclude<ProblemCode, ModelProblemCode>]();
}
