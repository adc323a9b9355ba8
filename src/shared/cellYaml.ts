// Reading a bigmodel cell's YAML safely. Its nesting is measured before it is parsed: the YAML composer recurses once
// per level, and a cell of a few thousand `[` ran it out of stack (near the stack's end V8 can even abort the process
// while it compiles a regular expression); the lexer does not recurse. Line positions come from the text itself.
import { CST, Lexer, LineCounter } from 'yaml';

/**
 * The lines of a cell for positions. Not the parser's own LineCounter: the parser tells it only of line breaks between
 * tokens, so after a YAML error that swallows a line break every later position was on the wrong line.
 */
export function cellLines(text: string): LineCounter {
  const lines = new LineCounter();
  lines.addNewLine(0);
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines.addNewLine(i + 1);
  return lines;
}

/** How deep a cell may nest. A cell nests about five levels (`model` → `layers` → `- dense` → `{ units }`). */
export const MAX_CELL_DEPTH = 100;

/**
 * The offset where the cell nests deeper than `limit`, or undefined. Depth is bounded from above by the indentation
 * of the line, the block indicators on it (`- - x` nests on one line) and the open flow brackets (`[`, `{`).
 */
export function cellTooDeepAt(text: string, limit = MAX_CELL_DEPTH): number | undefined {
  let offset = 0;
  let flow = 0;
  let indent = 0;
  let indicators = 0;
  let atLineStart = true;
  let scalarNext = false;
  for (const token of new Lexer().lex(text)) {
    // The lexer marks a scalar with a control character (no source), then gives the scalar's source.
    if (scalarNext) {
      scalarNext = false;
      atLineStart = false;
      offset += token.length;
      continue;
    }
    switch (CST.tokenType(token)) {
      case 'scalar':
        scalarNext = true;
        continue;
      case 'doc-mode':
      case 'flow-error-end':
        continue;
      case 'newline':
        atLineStart = true;
        indent = 0;
        indicators = 0;
        break;
      case 'space':
        if (atLineStart && token[0] === ' ') indent += token.length;
        break;
      case 'seq-item-ind':
      case 'explicit-key-ind':
      case 'map-value-ind':
        if (flow === 0) indicators++;
        break;
      case 'flow-map-start':
      case 'flow-seq-start':
        flow++;
        atLineStart = false;
        break;
      case 'flow-map-end':
      case 'flow-seq-end':
        flow = Math.max(0, flow - 1);
        atLineStart = false;
        break;
      default:
        atLineStart = false;
    }
    if (indent + indicators + flow > limit) return offset;
    offset += token.length;
  }
  return undefined;
}
