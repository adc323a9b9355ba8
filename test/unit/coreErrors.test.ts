// A failure in the real training core reaches the client as the one error type, with the core's stack (and a script
// cell's own stack as its cause): what the editor writes to the BigModel log.
import * as assert from 'node:assert/strict';
import { TrainingCore } from '../../src/client/trainingCore';
import { errorLogText } from '../../src/shared/bigModelError';
import { cellFailure as failure } from './cellFailure';
import { corePath, startedCore } from './startedCore';

describe('errors from the real training core', function () {
  const core = startedCore();

  it("a failing cell's error arrives with the core's stack, not the client's", async () => {
    await core().runCell({
      cellId: 'c1',
      language: 'bigmodel',
      source: 'data: { source: xor }\nmodel:\n  layers:\n    - dense: { units: 1, activation: sigmoid }',
    });
    const e = await failure(
      core().runCell({ cellId: 'c2', language: 'bigmodel', source: 'train:\n  epochs: 1\n  optimizer: adamm\n' }),
    );
    assert.equal(e.category, 'invalid-cell');
    assert.match(e.message, /unknown optimizer `adamm`/);
    assert.equal(e.position?.line, 3);
    // Raised in the core process: its frames are in the core's bundle.
    assert.match(e.stack ?? '', /^BigModelError: unknown optimizer/);
    assert.match(e.stack ?? '', /\n\s+at .*dist[\\/]core\.js:\d+:\d+/);
    assert.doesNotMatch(e.stack ?? '', /coreErrors\.test/, "the client's own frames are not what the log needs");
  });

  it("a script cell's error keeps the cell's own stack as its cause", async () => {
    const e = await failure(
      core().runCell({ cellId: 's1', language: 'javascript', source: 'const x = 1;\nnull.shape;\n' }),
    );
    assert.equal(e.category, 'script');
    assert.equal(e.position?.line, 2);
    assert.match(e.message, /^TypeError: Cannot read properties of null/);
    const cause = e.cause as Error;
    assert.ok(cause instanceof Error, "the user code's error came along");
    assert.equal(cause.name, 'TypeError');
    assert.match(cause.stack ?? '', /bigmodel-cell-\d+\.js:2:\d+/, 'a frame in the cell, at its line');
    const log = errorLogText(e);
    assert.match(log, /dist[\\/]core\.js/);
    assert.match(log, /Caused by: TypeError: Cannot read properties of null/);
  });

  it("a backend that cannot start says why, with the core's stack, not the RPC library's wording", async () => {
    const e = await failure(TrainingCore.start({ corePath, backend: 'tensorflow-gpu' }));
    assert.equal(e.category, 'internal');
    assert.match(e.message, /^the training backend "tensorflow-gpu" cannot run here/);
    assert.doesNotMatch(e.message, /Request core\/session\/start failed/);
    assert.match(e.stack ?? '', /at .*chooseBackend/);
  });
});
