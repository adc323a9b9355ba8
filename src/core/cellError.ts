// The core's name for the one error type (src/shared/bigModelError.ts), as its cells throw it: `new CellError(category,
// message, position, outputs)`. One class, not a second one: the client receives the same type through toData/fromData.
export { BigModelError as CellError } from '../shared/bigModelError';
