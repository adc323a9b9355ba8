// The one error type across the core's process boundary: what toData sends as JSON, fromData makes again, stacks kept.
import * as assert from 'node:assert/strict';
import { BigModelError, errorLogText, type BigModelErrorData } from '../../src/shared/bigModelError';

/** What crosses the boundary: JSON text, as vscode-jsonrpc sends a ResponseError's data over IPC. */
function overTheWire(e: BigModelError): BigModelError {
  return BigModelError.fromData(JSON.parse(JSON.stringify(e.toData())) as BigModelErrorData);
}

describe('BigModelError across the process boundary', () => {
  it('keeps category, message, position, outputs and the stack of where it was raised', () => {
    const outputs = [{ items: [{ mime: 'text/plain', data: 'the curve so far' }] }];
    const raised = new BigModelError('training', 'the loss became NaN at epoch 3', { line: 4, column: 7 }, outputs);
    const received = overTheWire(raised);
    assert.ok(received instanceof BigModelError);
    assert.ok(received instanceof Error);
    assert.equal(received.category, 'training');
    assert.equal(received.message, 'the loss became NaN at epoch 3');
    assert.deepEqual(received.position, { line: 4, column: 7 });
    assert.deepEqual(received.outputs, outputs);
    assert.equal(received.stack, raised.stack, "the sender's stack, not the receiver's");
    assert.match(received.stack ?? '', /bigModelError\.test/);
  });

  it('keeps the chain of causes with their names and stacks', () => {
    const script = new TypeError('x is not a function');
    const root = new RangeError('deep', { cause: 'a thrown string' });
    const raised = new BigModelError('script', 'TypeError: x is not a function', { line: 2, column: 3 }, undefined, {
      cause: script,
    });
    (script as { cause?: unknown }).cause = root;
    const received = overTheWire(raised);
    const cause = received.cause as Error;
    assert.ok(cause instanceof Error);
    assert.equal(cause.name, 'TypeError');
    assert.equal(cause.message, 'x is not a function');
    assert.equal(cause.stack, script.stack);
    const deeper = cause.cause as Error;
    assert.equal(deeper.name, 'RangeError');
    assert.equal(deeper.stack, root.stack);
    assert.equal((deeper.cause as Error).message, 'a thrown string');
    assert.equal((deeper.cause as Error).stack, undefined, 'a thrown string has no stack to invent');
  });

  it('cuts a cycle of causes instead of hanging', () => {
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    (a as { cause?: unknown }).cause = b;
    const received = overTheWire(new BigModelError('internal', 'loop', undefined, undefined, { cause: a }));
    let depth = 0;
    for (let c: unknown = received.cause; c instanceof Error; c = c.cause) depth++;
    assert.ok(depth >= 2 && depth <= 8, `${depth} causes kept`);
    assert.ok(errorLogText(received).split('Caused by:').length <= 10);
  });

  it('survives causes and thrown values that have no string form', () => {
    const bare = Object.create(null) as object;
    const hostile = {
      toString: () => {
        throw new Error('no');
      },
    };
    const received = overTheWire(new BigModelError('script', 'odd', undefined, undefined, { cause: bare }));
    assert.equal((received.cause as Error).message, '[object Object]');
    assert.equal(BigModelError.from(hostile).message, '[object Object]');
    assert.match(
      errorLogText(new BigModelError('script', 'odd', undefined, undefined, { cause: hostile })),
      /Caused by: \[object Object\]/,
    );
  });

  it('leaves out what is not there: no position, no outputs, no cause', () => {
    const data = new BigModelError('invalid-cell', 'no layers').toData();
    assert.deepEqual(Object.keys(data).sort(), ['category', 'message', 'stack']);
    const received = BigModelError.fromData({ category: 'data', message: 'no file' });
    assert.equal(received.position, undefined);
    assert.equal(received.outputs, undefined);
    assert.equal(received.cause, undefined);
    assert.equal(received.toData().line, undefined);
  });

  it('takes a line without a column as column 1', () => {
    assert.deepEqual(BigModelError.fromData({ category: 'data', message: 'bad', line: 3 }).position, {
      line: 3,
      column: 1,
    });
  });

  it('wraps anything thrown as an internal error with its own message and stack', () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'shape')");
    const wrapped = BigModelError.from(bug);
    assert.equal(wrapped.category, 'internal');
    assert.equal(wrapped.message, bug.message);
    assert.equal(wrapped.stack, bug.stack, 'where it really failed');
    assert.equal(overTheWire(wrapped).stack, bug.stack);
    const ours = new BigModelError('data', 'mine');
    assert.equal(BigModelError.from(ours), ours, 'one of ours is passed through');
    assert.equal(BigModelError.from('a string').message, 'a string');
    assert.equal(BigModelError.from(new Error('cancel'), 'cancelled').category, 'cancelled');
  });

  it('writes a log text with every stack, the causes after "Caused by:"', () => {
    const script = new TypeError('x is not a function');
    const text = errorLogText(
      new BigModelError('script', 'TypeError: x is not a function', undefined, undefined, { cause: script }),
    );
    const [first, second] = text.split('\nCaused by: ');
    assert.match(first, /^BigModelError: TypeError: x is not a function\n\s+at /);
    assert.equal(second, script.stack);
    assert.equal(errorLogText('just text'), 'just text');
  });
});
