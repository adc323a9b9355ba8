// Reads a `bigmodel` cell (spec section 3) into typed sections, with every problem at its line and column.
import * as l10n from '@vscode/l10n';
import { isMap, isScalar, isSeq, parseDocument, type Node, type Pair, type YAMLMap } from 'yaml';
import { LAYER_ALIASES, LAYERS, SCALAR_OPTION, SECTIONS, type SectionName } from './cellSchema';
import { closest } from './suggest';
import { cellLines, cellTooDeepAt, MAX_CELL_DEPTH } from './cellYaml';

// The names live in the schema that diagnostics, hovers and completions read too.
export { LAYER_ALIASES, LAYERS, SECTIONS, type SectionName };

export interface CellProblem {
  message: string;
  /** 1-based, inside the cell. */
  line: number;
  column: number;
  severity: 'error' | 'warning';
}

export interface LayerSpec {
  type: string;
  config: Record<string, unknown>;
  line: number;
  column: number;
}

export interface CellSpec {
  /** The sections present, in the order they run. */
  sections: SectionName[];
  data?: Record<string, unknown>;
  model?: { layers?: LayerSpec[]; [key: string]: unknown };
  train?: Record<string, unknown>;
  evaluate?: Record<string, unknown>;
  summary?: Record<string, unknown>;
  export?: Record<string, unknown>;
  predict?: Record<string, unknown>;
}


export interface ParsedCell {
  spec: CellSpec;
  problems: CellProblem[];
  /** Where a value sits in the cell (1-based), e.g. `locate(['train', 'epochs'])`; the nearest existing parent otherwise. */
  locate(path: (string | number)[]): { line: number; column: number };
}

export function parseCell(text: string): ParsedCell {
  const deep = cellTooDeepAt(text);
  if (deep !== undefined) {
    const { line, col: column } = cellLines(text).linePos(deep);
    const problem: CellProblem = { message: l10n.t('the cell nests more than {0} levels deep', MAX_CELL_DEPTH), line, column, severity: 'error' };
    return { spec: { sections: [] }, problems: [problem], locate: () => ({ line, column }) };
  }
  const lines = cellLines(text);
  const doc = parseDocument(text, { prettyErrors: false });
  const problems: CellProblem[] = [];
  const at = (node: Node | null | undefined, message: string, severity: CellProblem['severity'] = 'error') => {
    const offset = node?.range?.[0] ?? 0;
    const pos = lines.linePos(offset);
    problems.push({ message, line: pos.line, column: pos.col, severity });
  };
  for (const e of doc.errors) {
    const pos = lines.linePos(e.pos[0]);
    problems.push({ message: l10n.t('YAML: {0}', e.message.split('\n')[0]), line: pos.line, column: pos.col, severity: 'error' });
  }
  const spec: CellSpec = { sections: [] };
  const locate = (path: (string | number)[]) => {
    for (let n = path.length; n > 0; n--) {
      const target = findKey(path.slice(0, n)) ?? (doc.getIn(path.slice(0, n), true) as Node | undefined);
      if (target?.range) {
        const pos = lines.linePos(target.range[0]);
        return { line: pos.line, column: pos.col };
      }
    }
    return { line: 1, column: 1 };
  };
  const findKey = (path: (string | number)[]): Node | undefined => {
    const parent = path.length === 1 ? doc.contents : (doc.getIn(path.slice(0, -1), true) as Node | undefined);
    if (!isMap(parent)) return undefined;
    const pair = (parent as YAMLMap).items.find((p) => isScalar(p.key) && p.key.value === path[path.length - 1]);
    return pair?.key as Node | undefined;
  };
  const result = { spec, problems, locate };
  if (problems.length > 0) return result;
  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) return result;
  if (!isMap(root)) {
    at(root, l10n.t('a bigmodel cell is a YAML mapping with sections such as {0}', SECTIONS.slice(0, 3).join(', ')));
    return result;
  }
  for (const pair of (root as YAMLMap).items as Pair<Node, Node>[]) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!(SECTIONS as readonly string[]).includes(key)) {
      const hint = closest(key, SECTIONS);
      at(pair.key, hint
        ? l10n.t('unknown section `{0}` — did you mean `{1}`? (sections: {2})', key, hint, SECTIONS.join(', '))
        : l10n.t('unknown section `{0}` (sections: {1})', key, SECTIONS.join(', ')));
      continue;
    }
    const name = key as SectionName;
    const value = pair.value;
    if (value === null || (isScalar(value) && value.value === null)) {
      spec[name] = {};
    } else if (name === 'data' && isScalar(value) && typeof value.value === 'string') {
      spec.data = { source: value.value }; // `data: xor` is short for `data: { source: xor }`
    } else if (!isMap(value)) {
      at(value, l10n.t('`{0}` must be a mapping of settings (key: value)', name));
      continue;
    } else if (name === 'model') {
      spec.model = readModel(value as YAMLMap, at);
    } else {
      spec[name] = value.toJSON() as Record<string, unknown>;
    }
  }
  spec.sections = SECTIONS.filter((s) => spec[s] !== undefined);
  return result;

  function readModel(map: YAMLMap, report: typeof at): CellSpec['model'] {
    const model = map.toJSON() as Record<string, unknown>;
    const layersNode = map.get('layers', true) as Node | undefined;
    if (layersNode === undefined) return model;
    if (!isSeq(layersNode)) {
      report(layersNode, l10n.t('`model.layers` must be a list, one layer per line (`- dense: { units: 10 }`)'));
      return model;
    }
    const layers: LayerSpec[] = [];
    for (const item of layersNode.items as Node[]) {
      let type: string;
      let config: Record<string, unknown> = {};
      let nameNode: Node = item;
      if (isScalar(item)) {
        type = String(item.value);
      } else if (isMap(item) && item.items.length === 1) {
        const pair = item.items[0] as Pair<Node, Node>;
        nameNode = pair.key;
        type = isScalar(pair.key) ? String(pair.key.value) : '';
        const v = pair.value;
        if (isMap(v)) config = v.toJSON() as Record<string, unknown>;
        else if ((isScalar(v) && v.value !== null) || isSeq(v)) {
          const field = SCALAR_OPTION[LAYER_ALIASES[type] ?? type];
          if (field) config = { [field]: v.toJSON() }; // `- dropout: 0.2`, `- reshape: [28, 28, 1]`
          else { report(v, l10n.t('`{0}` takes a mapping of settings, e.g. {1}', type, `\`- ${type}: { … }\``)); continue; }
        }
      } else {
        report(item, l10n.t('each layer is one name with its settings, e.g. `- dense: { units: 64, activation: relu }`'));
        continue;
      }
      const canonical = LAYER_ALIASES[type] ?? type;
      if (!LAYERS.includes(canonical)) {
        const hint = closest(type, LAYERS);
        report(nameNode, hint ? l10n.t('unknown layer `{0}` — did you mean `{1}`?', type, hint) : l10n.t('unknown layer `{0}`', type));
        continue;
      }
      const pos = lines.linePos(nameNode.range?.[0] ?? 0);
      layers.push({ type: canonical, config, line: pos.line, column: pos.col });
    }
    return { ...model, layers };
  }
}
