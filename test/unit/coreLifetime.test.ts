// What lives with a training core process ends with it: its emitters, its connection and what was added with untilExit.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { TrainingCore } from '../../src/client/trainingCore';

const corePath = path.join(__dirname, '../../../dist/core.js');

describe("a training core's lifetime", function () {
  it('disposes what lives with the core once it exits, after its exit listeners heard of it', async () => {
    const core = await TrainingCore.start({ corePath, backend: 'cpu' });
    const events: string[] = [];
    core.untilExit(core.onExit(() => events.push('exit heard')));
    core.untilExit({ dispose: () => events.push('disposed') });
    await core.dispose();
    assert.deepEqual(events, ['exit heard', 'disposed']);
    assert.equal(core.running, false);
    // Added once the core has ended: disposed at once, not kept for a core that will never exit again.
    let late = 0;
    core.untilExit({ dispose: () => late++ });
    assert.equal(late, 1);
    // Its emitters are disposed: a listener added now is never called and holds nothing.
    let called = 0;
    core.onExit(() => called++).dispose();
    core.onCellOutputs(() => called++).dispose();
    assert.equal(called, 0);
  });

  it('disposes them when the core is killed too, and the killed core says so', async () => {
    const core = await TrainingCore.start({ corePath, backend: 'cpu' });
    let disposed = 0;
    const reason = new Promise<string>((resolve) => core.untilExit(core.onExit((e) => resolve(e.reason))));
    core.untilExit({ dispose: () => disposed++ });
    process.kill(core.pid!, 'SIGKILL');
    assert.match(await reason, /SIGKILL/);
    assert.equal(disposed, 1);
  });
});
