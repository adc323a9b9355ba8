// Finds the glossary term under the cursor in a JavaScript or TypeScript cell: a TensorFlow.js name
// (`tf.layers.dense`, `tf.train.adam`), a quoted name (`'relu'`, `'categoricalCrossentropy'`) or a setting key (`epochs:`).
import { findTerm, findTfjsTerm, type Term, type TermKind } from '../shared/glossary';

export interface TermAt {
  term: Term;
  /** 0-based character range on the line. */
  start: number;
  end: number;
}

const NAME_KINDS: TermKind[] = ['activation', 'optimizer', 'loss', 'metric', 'initializer', 'layer'];
const KEY_KINDS: TermKind[] = ['setting', 'option', 'layer'];

export function scriptTermAt(lineText: string, character: number): TermAt | undefined {
  // `tf.layers.dense`: the expression up to the end of the segment under the cursor.
  const dotted = /[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*/g;
  for (let m = dotted.exec(lineText); m; m = dotted.exec(lineText)) {
    const from = m.index;
    const to = m.index + m[0].length;
    if (character < from || character > to) continue;
    const segmentEnd = lineText.slice(character).search(/[^\w$]/);
    const end = segmentEnd < 0 ? to : Math.min(character + segmentEnd, to);
    const expression = lineText.slice(from, end);
    const term = findTfjsTerm(expression);
    if (term) return { term, start: from, end };
    // `units:` / `epochs:` / `learningRate:` as an object key.
    const segmentStart = lineText.lastIndexOf('.', end - 1) + 1;
    const word = lineText.slice(Math.max(from, segmentStart), end);
    if (/^\s*:/.test(lineText.slice(end)) && !word.includes('.')) {
      const key = findTerm(word);
      if (key && KEY_KINDS.includes(key.kind)) return { term: key, start: Math.max(from, segmentStart), end };
    }
  }
  // 'relu', "adam", `meanSquaredError`
  const quoted = /(['"`])([\w-]+)\1/g;
  for (let m = quoted.exec(lineText); m; m = quoted.exec(lineText)) {
    if (character < m.index || character > m.index + m[0].length) continue;
    const term = findTerm(m[2]);
    if (term && NAME_KINDS.includes(term.kind)) return { term, start: m.index + 1, end: m.index + 1 + m[2].length };
  }
  return undefined;
}
