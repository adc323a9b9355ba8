// Where a position in a `bigmodel` cell sits in the schema: under which keys, and whether it is a key, a value or a
// layer name. Read from the lines around it rather than a YAML tree, so half-typed cells (completions) work too.
import { layerName, SECTION_KEYS, valueAt, valueNames } from '../shared/cellSchema';
import { LAYER_KINDS } from '../shared/layerKinds';
import { findTerm, type Term } from '../shared/glossary';

export interface CellPosition {
  /** The keys the position sits under, outermost first: `['train']`, `['model', 'layers', 'dense']`, `['train', 'earlyStopping']`. */
  path: string[];
  /** `section`: a top-level key; `key`: a key inside `path`; `value`: the value of `key`; `layer`: a layer name in `model.layers`. */
  role: 'section' | 'key' | 'value' | 'layer';
  /** For a value: the key it is the value of (`activation` in `{ units: 4, activation: relu }`). */
  key?: string;
}

interface Frame {
  kind: 'map' | 'list';
  /** The key whose value this `{…}` or `[…]` is. */
  owner?: string;
  /** Inside a `{…}`: the key the cursor is the value of, once its colon has been typed. */
  key?: string;
}

const KEY_LINE = /^(\s*)(-\s+)?([\w-]+|"[^"]*"|'[^']*')\s*:(?=\s|$)/;

/** Where (0-based line and character) a position sits. */
export function positionIn(text: string, line: number, character: number): CellPosition {
  const lines = text.split(/\r?\n/);
  const current = lines[line] ?? '';
  const before = current.slice(0, character);
  const indent = /^\s*/.exec(current)?.[0].length ?? 0;
  const item = /^\s*-\s+/.exec(before);
  const contentIndent = item ? item[0].length : indent;
  const parents = ancestors(lines, line, contentIndent);
  const rest = before.slice(contentIndent);
  const lineKey = /^([\w-]+)\s*:\s?/.exec(rest);

  if (!lineKey) {
    // The position is in the first word of the line: a key, a section, or a list item.
    if (item) {
      if (parents[parents.length - 1] === 'layers' && parents[0] === 'model') return { path: parents, role: 'layer' };
      return { path: parents.slice(0, -1), role: 'value', key: parents[parents.length - 1] };
    }
    if (parents.length === 0) return { path: [], role: 'section' };
    return { path: parents, role: 'key' };
  }

  // After `key:` on this line: its value, possibly inside `{…}` / `[…]` flow collections.
  const key = lineKey[1];
  // `- dense: …` in `model.layers`: the layer's settings follow, so the layer is part of the path.
  const isLayer = !!item && parents[0] === 'model' && parents[parents.length - 1] === 'layers';
  const frames: Frame[] = [];
  let word = '';
  for (const ch of rest.slice(lineKey[0].length)) {
    const top = frames[frames.length - 1];
    if (ch === '{' || ch === '[') {
      frames.push({ kind: ch === '{' ? 'map' : 'list', owner: top ? (top.kind === 'map' ? top.key : top.owner) : key });
      word = '';
    } else if (ch === '}' || ch === ']') {
      frames.pop();
      word = '';
    } else if (ch === ',' || ch === ':') {
      if (top?.kind === 'map') top.key = ch === ':' ? word.trim() : undefined;
      word = '';
    } else word += ch;
  }
  const top = frames[frames.length - 1];
  if (!top) {
    if (isLayer) return { path: [...parents, key], role: 'value', key: LAYER_KINDS[layerName(key) ?? '']?.plainOption };
    return { path: parents, role: 'value', key };
  }
  // The keys of the enclosing `{…}`, e.g. `earlyStopping: { monitor: … }` → ['train', 'earlyStopping'].
  const mapsAbove = (fs: Frame[]) => fs.filter((f) => f.kind === 'map' && f.owner).map((f) => f.owner as string);
  if (top.kind === 'list')
    return { path: [...parents, ...mapsAbove(frames.slice(0, -1))], role: 'value', key: top.owner };
  const path = [...parents, ...mapsAbove(frames)];
  return top.key !== undefined ? { path, role: 'value', key: top.key } : { path, role: 'key' };
}

/** The keys of the lines above that enclose a line whose content starts at `indent`, outermost first. */
function ancestors(lines: string[], line: number, indent: number): string[] {
  const keys: string[] = [];
  let limit = indent;
  for (let i = line - 1; i >= 0 && limit > 0; i--) {
    const text = lines[i];
    if (/^\s*(#.*)?$/.test(text)) continue;
    const lineIndent = /^\s*/.exec(text)?.[0].length ?? 0;
    const m = KEY_LINE.exec(text);
    if (m && m[2]) {
      // `- name:` opens a list item whose keys sit after the dash.
      const itemIndent = m[1].length + m[2].length;
      if (itemIndent < limit) {
        keys.unshift(unquote(m[3]));
        limit = m[1].length;
        continue;
      }
    }
    if (lineIndent < limit) {
      // A plain `- item` line at a smaller indent has no key: its list's key is further up.
      if (m && !m[2]) keys.unshift(unquote(m[3]));
      limit = lineIndent;
    }
  }
  return keys;
}

function unquote(s: string): string {
  return s.replace(/^["']|["']$/g, '');
}

/** The word (name, number or path-like token) at a character of a line, with its 0-based range. */
export function wordAt(lineText: string, character: number): { text: string; start: number; end: number } | undefined {
  const re = /[\w$.+-]+/g;
  for (let m = re.exec(lineText); m; m = re.exec(lineText)) {
    if (m.index <= character && character <= m.index + m[0].length) {
      // A leading `- ` list marker is not part of the word.
      const lead = /^-+(?=\s|$)/.exec(m[0]);
      if (lead) continue;
      return { text: m[0], start: m.index, end: m.index + m[0].length };
    }
  }
  return undefined;
}

/** The glossary term for the word at a position of a cell: a section, key, layer or known value; for another value, its key's term. */
export function cellTermAt(
  text: string,
  line: number,
  character: number,
): { term: Term; start: number; end: number; position: CellPosition } | undefined {
  const lineText = text.split(/\r?\n/)[line] ?? '';
  const word = wordAt(lineText, character);
  if (!word || inComment(lineText, word.start)) return undefined;
  const position = positionIn(text, line, word.start);
  const found = (term: Term | undefined) => (term ? { term, start: word.start, end: word.end, position } : undefined);
  const isKey = /^\s*:/.test(lineText.slice(word.end));
  switch (position.role) {
    case 'section': {
      const t = findTerm(word.text);
      return found(t?.kind === 'section' ? t : undefined);
    }
    case 'layer': {
      const t = findTerm(word.text);
      return found(t?.kind === 'layer' ? t : undefined);
    }
    case 'key':
      return found(findTerm(word.text, position.path));
    case 'value': {
      const { path, key } = position;
      if (isKey) return found(findTerm(word.text, path));
      if (key === undefined) return undefined;
      const spec = path.length === 0 && key === 'data' ? SECTION_KEYS.data.source : valueAt([...path, key]);
      const named = valueNames(spec).some((n) => n.kind !== 'boolean' && n.names.includes(word.text));
      return found((named ? findTerm(word.text, path) : undefined) ?? findTerm(key, path));
    }
  }
}

/** Whether a character of a line is inside a `#` comment (a `#` after whitespace, outside quotes). */
export function inComment(lineText: string, character: number): boolean {
  let quote: string | undefined;
  for (let i = 0; i < character && i < lineText.length; i++) {
    const ch = lineText[i];
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '#' && (i === 0 || /\s/.test(lineText[i - 1]))) return true;
  }
  return false;
}
