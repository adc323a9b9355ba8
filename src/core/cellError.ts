// A failure in a cell the user can act on: a category, a plain message, and where in the cell it is.
import type { CellOutput, CoreErrorCategory } from '../shared/protocol';

export class CellError extends Error {
  constructor(
    readonly category: CoreErrorCategory,
    message: string,
    readonly position?: { line: number; column: number },
    /** Outputs worth keeping despite the failure (e.g. the curve up to a divergence). */
    readonly outputs?: CellOutput[],
  ) {
    super(message);
    this.name = 'CellError';
  }
}
