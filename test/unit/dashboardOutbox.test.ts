// What the host posts to the dashboard webview: nothing before `ready`, the newest state only, one post in flight,
// at most one per POST_INTERVAL_MS, live epochs as deltas, and no snapshot that shows what the webview already shows.
import * as assert from 'node:assert/strict';
import type { DashboardSnapshot, HostMessage } from '../../src/shared/dashboard';
import type { TrainingPayload } from '../../src/shared/outputs';
import { DashboardOutbox, POST_INTERVAL_MS, type OutboxTimers } from '../../src/panels/dashboardOutbox';

class FakeTimers implements OutboxTimers {
  t = 0;
  private queue: { at: number; f: () => void; id: number }[] = [];
  private ids = 0;
  now(): number {
    return this.t;
  }
  setTimeout(f: () => void, ms: number): unknown {
    const id = ++this.ids;
    this.queue.push({ at: this.t + ms, f, id });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.queue = this.queue.filter((q) => q.id !== handle);
  }
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    for (;;) {
      await flushPromises();
      const next = this.queue.sort((a, b) => a.at - b.at)[0];
      if (!next || next.at > end) break;
      this.queue.shift();
      this.t = next.at;
      next.f();
    }
    this.t = end;
    await flushPromises();
  }
}

async function flushPromises(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

function training(epochs: number, state: 'running' | 'done' = 'running'): TrainingPayload {
  return {
    schema: 1,
    state,
    totalEpochs: 100,
    backend: 'wasm',
    device: 'cpu',
    samplesPerSecond: 1,
    epochs: Array.from({ length: epochs }, (_, i) => ({ epoch: i + 1, loss: 1 / (i + 1) })),
  };
}

function snapshot(over: Partial<DashboardSnapshot> = {}): DashboardSnapshot {
  return {
    language: 'en',
    notebookName: 'a.bigmodel',
    notebookUri: 'file:///a.bigmodel',
    running: false,
    runs: [],
    ...over,
  };
}

/** A webview whose posts settle when the test says so (a busy window), or at once. */
function setup(settleAtOnce = true) {
  const timers = new FakeTimers();
  const posted: HostMessage[] = [];
  const settle: (() => void)[] = [];
  const outbox = new DashboardOutbox((m) => {
    posted.push(m);
    return settleAtOnce ? Promise.resolve(true) : new Promise<boolean>((r) => settle.push(() => r(true)));
  }, timers);
  return { timers, posted, settle, outbox };
}

describe('dashboard outbox (host → webview)', () => {
  it('posts nothing before ready, then the newest state as one snapshot', async () => {
    const { timers, posted, outbox } = setup();
    outbox.update(snapshot({ running: true }), false);
    outbox.update(snapshot({ running: true, training: training(1) }), true);
    outbox.update(snapshot({ running: true, training: training(2) }), true);
    await timers.advance(1000);
    assert.equal(posted.length, 0);
    outbox.webviewReady();
    await timers.advance(0);
    assert.equal(posted.length, 1);
    assert.equal(posted[0].type, 'snapshot');
    assert.equal(posted[0].type === 'snapshot' && posted[0].snapshot.training?.epochs.length, 2);
  });

  it('sends live epochs as deltas, at most one post per interval, newest wins', async () => {
    const { timers, posted, outbox } = setup();
    outbox.webviewReady();
    outbox.update(snapshot({ running: true, training: training(3) }), false);
    await timers.advance(0);
    assert.deepEqual(
      posted.map((m) => m.type),
      ['snapshot'],
    );
    // Ten updates inside one interval: one post, of the newest, with only the epochs the webview lacks.
    for (let n = 4; n <= 13; n++) outbox.update(snapshot({ running: true, training: training(n) }), true);
    await timers.advance(POST_INTERVAL_MS - 1);
    assert.equal(posted.length, 1, 'not before the interval is over');
    await timers.advance(1);
    assert.equal(posted.length, 2);
    const delta = posted[1];
    assert.ok(delta.type === 'training');
    assert.equal(delta.from, 3);
    assert.deepEqual(
      delta.payload.epochs.map((e) => e.epoch),
      [4, 5, 6, 7, 8, 9, 10, 11, 12, 13],
    );
    // A batch update with no new epoch is an empty delta (the progress moved on).
    outbox.update(
      snapshot({
        running: true,
        training: {
          ...training(13),
          progress: { epoch: 14, batch: 1, batchesPerEpoch: 9, loss: 0.1, samplesPerSecond: 1, etaSeconds: 1 },
        },
      }),
      true,
    );
    await timers.advance(POST_INTERVAL_MS);
    const batch = posted[2];
    assert.ok(batch.type === 'training');
    assert.equal(batch.from, 13);
    assert.equal(batch.payload.epochs.length, 0);
    assert.equal(batch.payload.progress?.epoch, 14);
  });

  it('keeps one post in flight: a busy window gets the newest state when it takes the last one', async () => {
    const { timers, posted, settle, outbox } = setup(false);
    outbox.webviewReady();
    outbox.update(snapshot({ running: true, training: training(1) }), false);
    await timers.advance(0);
    for (let n = 2; n <= 40; n++) {
      outbox.update(snapshot({ running: true, training: training(n) }), true);
      await timers.advance(POST_INTERVAL_MS);
    }
    assert.equal(posted.length, 1, 'nothing more while the first post is not taken');
    settle.shift()!();
    await timers.advance(POST_INTERVAL_MS);
    assert.equal(posted.length, 2);
    assert.ok(posted[1].type === 'training' && posted[1].from === 1 && posted[1].payload.epochs.length === 39);
  });

  it('a new run, a reload of the webview or a changed snapshot sends the whole snapshot; an unchanged one nothing', async () => {
    const { timers, posted, outbox } = setup();
    outbox.webviewReady();
    const runs = [{ specHash: 'h', startedAt: 't1' }] as DashboardSnapshot['runs'];
    const done = snapshot({ training: training(5, 'done'), runs });
    outbox.update(done, false);
    await timers.advance(POST_INTERVAL_MS);
    // The same state again (a cell started and ended without changing anything the dashboard shows): no post.
    outbox.update({ ...done, runs: [...runs] }, false);
    await timers.advance(POST_INTERVAL_MS);
    assert.equal(posted.length, 1);
    // A new run after a finished one: a snapshot, even though it came as a live update.
    outbox.update(snapshot({ running: true, training: training(7), runs }), true);
    await timers.advance(POST_INTERVAL_MS);
    assert.deepEqual(
      posted.map((m) => m.type),
      ['snapshot', 'snapshot'],
    );
    // The webview reloads (hidden, then shown): it holds nothing, so it gets everything.
    outbox.webviewGone();
    outbox.update(snapshot({ running: true, training: training(8), runs }), true);
    await timers.advance(POST_INTERVAL_MS);
    assert.equal(posted.length, 2, 'nothing posted to a webview that is gone');
    outbox.webviewReady();
    await timers.advance(POST_INTERVAL_MS);
    assert.ok(posted[2].type === 'snapshot' && posted[2].snapshot.training?.epochs.length === 8);
  });

  it('says `stopping` at once, ahead of updates waiting for their turn', async () => {
    const { timers, posted, outbox } = setup();
    outbox.webviewReady();
    outbox.update(snapshot({ running: true, training: training(1) }), false);
    await timers.advance(0);
    outbox.update(snapshot({ running: true, training: training(2) }), true);
    outbox.postNow({ type: 'stopping' });
    assert.deepEqual(
      posted.map((m) => m.type),
      ['snapshot', 'stopping'],
    );
    await timers.advance(POST_INTERVAL_MS);
    assert.deepEqual(
      posted.map((m) => m.type),
      ['snapshot', 'stopping', 'training'],
    );
    outbox.dispose();
  });
});
