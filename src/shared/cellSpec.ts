// Reads a `bigmodel` cell (spec section 3) into one typed CellSpec, in one parse against the schema (cellSchema.ts):
// the editor's diagnostics, `bigmodel check` and the core all read cells here, so they refuse the same keys at the same
// place. Every problem has its code (problemCatalog.ts) and the range of its token; a value with an error is left out.
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  parseDocument,
  visit,
  type Document,
  type Node,
  type Pair,
  type YAMLMap,
} from 'yaml';
import { LAYER_ALIASES, LAYERS, layerName, SECTION_KEYS, SECTIONS, type SectionName } from './cellSchema';
import { LAYER_KINDS } from './layerKinds';
import { CellReader, type CellFix, type CellProblem, type CellRange } from './cellDecode';
import { checkMonitor } from './monitorCheck';
import { closest } from './suggest';
import { cellLines, cellTooDeepAt, MAX_CELL_DEPTH } from './cellYaml';

// The names live in the schema that diagnostics, hovers and completions read too.
export { LAYER_ALIASES, LAYERS, SECTIONS, type SectionName };
export type { CellFix, CellProblem, CellRange };

/** Where the editor shows a layer's problems: its name, each option written, and where a `flatten` goes before it. */
export interface LayerPlaces {
  name: CellRange;
  options: Record<string, CellRange>;
  flatten: CellFix;
}

export interface LayerSpec {
  /** The canonical layer name (`maxPooling2d` for `maxpool`). */
  type: string;
  /** The options as tfjs-layers takes them (an option only tfjs knows is kept, with a warning). */
  config: Record<string, unknown>;
  /** Where the layer's name is, 1-based. */
  line: number;
  column: number;
  places: LayerPlaces;
}

export interface DataSpec {
  source?: string;
  path?: string;
  /** A file or folder; two IDX files as `[images, labels]`. */
  train?: string | string[];
  test?: string | string[];
  label?: string;
  features?: string[];
  classes?: string[];
  /** A fraction of the training rows, or a file (two IDX files). */
  validation?: number | string | string[];
  limit?: number;
  normalize?: boolean;
  shuffle?: boolean;
  seed?: number;
  categorical?: string[];
  encoding?: 'onehot' | 'index';
  text?: string;
  maxLength?: number;
  vocabularySize?: number;
  /** One number for a square, or [height, width]. */
  imageSize?: number | [number, number];
  channels?: 1 | 3;
  positive?: string | number | boolean;
}

export interface ModelSpec {
  layers?: LayerSpec[];
  input?: number[];
  load?: string;
  seed?: number;
}

export interface OptimizerSpec {
  name: string;
  options: {
    learningRate?: number;
    momentum?: number;
    nesterov?: boolean;
    beta1?: number;
    beta2?: number;
    epsilon?: number;
    decay?: number;
    rho?: number;
    initialAccumulatorValue?: number;
  };
}

export interface EarlyStoppingSpec {
  monitor?: string;
  patience?: number;
  restoreBest?: boolean;
  minDelta?: number;
  mode?: 'auto' | 'min' | 'max';
}

export interface TrainSpec {
  optimizer?: OptimizerSpec;
  learningRate?: number;
  loss?: string;
  metrics?: string[];
  epochs?: number;
  batchSize?: number;
  earlyStopping?: boolean | EarlyStoppingSpec;
  seed?: number;
}

export interface CellSpec {
  /** The sections present, in the order they run. */
  sections: SectionName[];
  data?: DataSpec;
  model?: ModelSpec;
  train?: TrainSpec;
  evaluate?: { on?: 'test' | 'validation'; folds?: number };
  summary?: { goal?: Record<string, number>; audience?: 'product' | 'engineering'; language?: 'auto' | 'en' | 'zh-cn' };
  export?: { to?: string; overwrite?: boolean };
  /** A path, several paths, or rows of raw values in the training file's column order. */
  predict?: { input?: string | (string | (number | string)[])[] };
}

export interface ParsedCell {
  spec: CellSpec;
  problems: CellProblem[];
  /** Whether the layer list could be read whole (no unknown or malformed layer): only then are its shapes checked. */
  layersComplete: boolean;
  /** Where a value sits in the cell (1-based), e.g. `locate(['train', 'epochs'])`; the nearest existing parent otherwise. */
  locate(path: (string | number)[]): { line: number; column: number };
  /** The range of a key (`part: 'key'`) or its value, if the cell has it. */
  range(path: (string | number)[], part?: 'key' | 'value'): CellRange | undefined;
  /** A value as written, errors and all: for checks that must not guess past a value the decoder left out. */
  written(path: (string | number)[]): unknown;
}

export function parseCell(text: string): ParsedCell {
  const lines = cellLines(text);
  const reader = new CellReader(text, lines);
  const spec: CellSpec = { sections: [] };
  const deep = cellTooDeepAt(text);
  if (deep !== undefined) {
    // Parsing it could run out of stack: the problem is at the bracket that goes too deep.
    const { line, col: column } = lines.linePos(deep);
    const at = { line, column, endLine: line, endColumn: column + 1 };
    reader.report(at, 'cell-too-deep', [String(MAX_CELL_DEPTH)]);
    return {
      spec,
      problems: reader.problems,
      layersComplete: false,
      locate: () => ({ line, column }),
      range: () => undefined,
      written: () => undefined,
    };
  }
  const doc = parseDocument(text, { prettyErrors: false });
  const cell: ParsedCell = { spec, problems: reader.problems, layersComplete: true, ...places(doc, reader) };
  for (const e of doc.errors) {
    const pos = lines.linePos(e.pos[0]);
    reader.report(tokenAt(text, pos.line, pos.col), 'yaml-syntax', [e.message.split('\n')[0]]);
  }
  if (reader.problems.length > 0) return cell;
  // Anchors and aliases (`&n`, `*n`) would reach the core as YAML objects rather than values (and an alias can
  // multiply a cell's size): each is refused at its place, and nothing else is read.
  visit(doc, {
    Alias: (_, node) => void reader.report(node, 'yaml-alias', [String(node.source)]),
    Node: (_, node) => {
      if (!isAlias(node) && node.anchor) reader.report(node, 'yaml-anchor', [node.anchor]);
    },
  });
  if (reader.problems.length > 0) return cell;
  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) return cell;
  if (!isMap(root)) {
    reader.report(tokenOf(reader, root), 'cell-not-mapping', [SECTIONS.slice(0, 3).join(', ')]);
    return cell;
  }
  for (const pair of (root as YAMLMap).items as Pair<Node, Node | null>[]) {
    if (!isScalar(pair.key)) continue;
    const name = String(pair.key.value);
    if (!(SECTIONS as readonly string[]).includes(name)) {
      const hint = closest(name, SECTIONS);
      reader.unknown(
        pair.key,
        'unknown-section',
        hint,
        [name, hint ?? '', SECTIONS.join(', ')],
        [name, SECTIONS.join(', ')],
      );
      continue;
    }
    readSection(cell, reader, name as SectionName, pair.value);
  }
  spec.sections = SECTIONS.filter((s) => spec[s] !== undefined);
  reader.problems.sort((a, b) => a.line - b.line || a.column - b.column);
  return cell;
}

function readSection(cell: ParsedCell, reader: CellReader, name: SectionName, value: Node | null): void {
  const spec = cell.spec as Record<SectionName, Record<string, unknown> | undefined>;
  const keys = SECTION_KEYS[name];
  if (value === null || (isScalar(value) && value.value === null)) spec[name] = {};
  else if (name === 'data' && isScalar(value) && typeof value.value === 'string') {
    // `data: xor` is short for `data: { source: xor }`.
    const data: Record<string, unknown> = {};
    reader.keep(data, 'source', value, keys.source, 'data.source');
    spec.data = data;
  } else if (!isMap(value)) reader.report(tokenOf(reader, value), 'section-not-mapping', [name]);
  else if (name === 'model') {
    const model = reader.decodeKeys(value, keys, 'model', undefined, 'layers');
    const layersNode = value.get('layers', true) as Node | undefined;
    if (layersNode !== undefined) model.layers = readLayers(cell, reader, layersNode);
    spec.model = model;
  } else {
    spec[name] = reader.decodeKeys(value, keys, name);
    if (name === 'train') checkMonitor(reader, value);
  }
}

function readLayers(cell: ParsedCell, reader: CellReader, node: Node): LayerSpec[] | undefined {
  if (!isSeq(node)) {
    reader.report(tokenOf(reader, node), 'layers-not-list', []);
    cell.layersComplete = false;
    return undefined;
  }
  const layers: LayerSpec[] = [];
  for (const item of node.items as Node[]) {
    const layer = readLayer(reader, item);
    if (layer) layers.push(layer);
    else cell.layersComplete = false;
  }
  return layers;
}

/** One item of `layers`: `- flatten`, `- dropout: 0.2`, `- dense: { units: 8 }`. */
function readLayer(reader: CellReader, item: Node): LayerSpec | undefined {
  let nameNode: Node = item;
  let value: Node | null = null;
  if (isMap(item) && item.items.length === 1 && isScalar(item.items[0].key)) {
    nameNode = item.items[0].key as Node;
    value = item.items[0].value as Node | null;
  } else if (!isScalar(item)) {
    reader.report(tokenOf(reader, item), 'layer-item', []);
    return undefined;
  }
  const written = String((nameNode as { value?: unknown }).value);
  const type = layerName(written);
  const scalar = (isScalar(value) && value.value !== null) || isSeq(value);
  if (!type) {
    const hint = closest(written, LAYERS);
    reader.unknown(nameNode, 'unknown-layer', hint, [written, hint ?? ''], [written]);
    return undefined;
  }
  const { options, plainOption } = LAYER_KINDS[type];
  const place: LayerPlaces = { name: reader.range(nameNode), options: {}, flatten: flattenBefore(reader, item) };
  let config: Record<string, unknown> = {};
  if (isMap(value)) {
    config = reader.decodeKeys(value, options, written, type);
    for (const pair of value.items as Pair<Node, Node | null>[]) {
      if (isScalar(pair.key) && pair.value) place.options[String(pair.key.value)] = reader.range(pair.value);
    }
  } else if (scalar && plainOption) {
    // `- dropout: 0.2`, `- reshape: [28, 28, 1]`: the one option a layer may be given as a plain value.
    const field = plainOption;
    reader.keep(config, field, value, options[field], `${written}.${field}`);
    place.options[field] = reader.range(value as Node);
  } else if (scalar) {
    reader.report(tokenOf(reader, value as Node), 'layer-takes-mapping', [written, `\`- ${written}: { … }\``]);
    return undefined;
  }
  return { type, config, line: place.name.line, column: place.name.column, places: place };
}

/** A `- flatten` line above a block list item, or `flatten, ` before an item of a `[…]` list. */
function flattenBefore(reader: CellReader, item: Node): CellFix {
  const start = item.range?.[0] ?? 0;
  const lineStart = reader.text.lastIndexOf('\n', start - 1) + 1;
  const prefix = reader.text.slice(lineStart, start);
  const pos = reader.lines.linePos(start);
  if (/^\s*-\s+$/.test(prefix)) return { kind: 'insert', line: pos.line, column: 1, text: `${prefix}flatten\n` };
  return { kind: 'insert', line: pos.line, column: pos.col, text: 'flatten, ' };
}

/** The range of the token a node starts with (a whole list or mapping would underline the rest of the cell). */
function tokenOf(reader: CellReader, node: Node): CellRange {
  const { line, column } = reader.range(node);
  return tokenAt(reader.text, line, column);
}

/** The range of the token that starts at a 1-based line and column (at least one character). */
export function tokenAt(text: string, line: number, column: number): CellRange {
  const lineText = text.split(/\r?\n/)[line - 1] ?? '';
  const token = /^[^\s:,{}[\]#]+/.exec(lineText.slice(column - 1))?.[0] ?? '';
  return { line, column, endLine: line, endColumn: column + Math.max(token.length, 1) };
}

/** locate, range and written over the parsed document. */
function places(doc: Document, reader: CellReader): Pick<ParsedCell, 'locate' | 'range' | 'written'> {
  const keyOf = (path: (string | number)[]): Node | undefined => {
    const parent = path.length === 1 ? doc.contents : (doc.getIn(path.slice(0, -1), true) as Node | undefined);
    if (!isMap(parent)) return undefined;
    const pair = (parent as YAMLMap).items.find((p) => isScalar(p.key) && p.key.value === path[path.length - 1]);
    return pair?.key as Node | undefined;
  };
  const valueOf = (path: (string | number)[]) => doc.getIn(path, true) as Node | undefined;
  return {
    locate: (path) => {
      for (let n = path.length; n > 0; n--) {
        const target = keyOf(path.slice(0, n)) ?? valueOf(path.slice(0, n));
        if (target?.range) {
          const { line, column } = reader.range(target);
          return { line, column };
        }
      }
      return { line: 1, column: 1 };
    },
    range: (path, part = 'value') => {
      const node = part === 'key' ? keyOf(path) : valueOf(path);
      return node?.range ? reader.range(node) : undefined;
    },
    written: (path) => {
      const node = valueOf(path);
      return node && typeof node === 'object' && 'toJSON' in node ? (node as { toJSON(): unknown }).toJSON() : node;
    },
  };
}
