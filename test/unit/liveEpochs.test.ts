// Live training updates carry only the epochs since the last one, and the client puts whole histories back together;
// a run's stored history keeps at most 200 epochs, the first, the last and the best among them. The real core is driven
// over its own protocol, once with a client that asks for new epochs only and once with one that does not.
import * as assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import * as path from 'node:path';
import {
  createMessageConnection,
  IPCMessageReader,
  IPCMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import { historySample, HISTORY_POINTS } from '../../src/shared/epochSample';
import { LiveEpochsReceiver, LiveEpochsSender } from '../../src/shared/liveEpochs';
import { MIME, type EpochRecord, type TrainingPayload } from '../../src/shared/outputs';
import { Notifications, Requests, type CellOutput, type CellOutputsParams } from '../../src/shared/protocol';

const corePath = path.join(__dirname, '../../../dist/core.js');

function payload(epochs: EpochRecord[]): TrainingPayload {
  return {
    schema: 1,
    state: 'running',
    backend: 'cpu',
    device: 'cpu',
    totalEpochs: 1000,
    samplesPerSecond: 1,
    epochs,
  } as unknown as TrainingPayload;
}
const outputs = (...payloads: TrainingPayload[]): CellOutput[] =>
  payloads.map((p) => ({
    items: [
      { mime: MIME.training, data: p },
      { mime: 'text/plain', data: `epoch ${p.epochs.length}` },
    ],
  }));
const epochsOf = (o: CellOutput[]) =>
  o
    .flatMap((x) => x.items)
    .filter((i) => i.mime === MIME.training)
    .map((i) => (i.data as TrainingPayload).epochs);
const wire = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T; // what crosses the process boundary

describe('live training updates: only the new epochs cross', () => {
  it('sends each epoch once and the receiver puts every payload back together, two payloads in one cell', () => {
    const sender = new LiveEpochsSender();
    const receiver = new LiveEpochsReceiver();
    const all = Array.from({ length: 300 }, (_, i) => ({ epoch: i + 1, loss: 1 / (i + 1) }));
    const other = Array.from({ length: 40 }, (_, i) => ({ epoch: i + 1, loss: i }));
    let carried = 0;
    for (let n = 0; n <= 300; n += 7) {
      const sent = wire(sender.encode(outputs(payload(all.slice(0, n)), payload(other.slice(0, Math.min(n, 40))))));
      const [first, second] = sent.map((o) => o.items[0]);
      assert.equal(first.epochsFrom, Math.max(0, n - 7), 'the index the new epochs start at');
      carried += (first.data as TrainingPayload).epochs.length;
      assert.equal(sent[0].items[1].data, `epoch ${n}`, 'other items pass as they are');
      assert.ok((second.data as TrainingPayload).epochs.length <= 7);
      const got = receiver.decode('c1', sent);
      assert.deepEqual(epochsOf(got), [all.slice(0, n), other.slice(0, Math.min(n, 40))]);
      assert.ok(
        got.flatMap((o) => o.items).every((i) => !('epochsFrom' in i)),
        'the listeners get plain items',
      );
    }
    assert.equal(carried, 294, 'every epoch sent once');
  });

  it('sends a payload whole when it is another run (fewer epochs, or another epoch where the last one was)', () => {
    const sender = new LiveEpochsSender();
    const receiver = new LiveEpochsReceiver();
    const run = (n: number, offset = 0) => Array.from({ length: n }, (_, i) => ({ epoch: i + 1 + offset, loss: i }));
    receiver.decode('c', wire(sender.encode(outputs(payload(run(10))))));
    const shorter = wire(sender.encode(outputs(payload(run(3)))));
    assert.equal(shorter[0].items[0].epochsFrom, 0);
    assert.deepEqual(epochsOf(receiver.decode('c', shorter)), [run(3)]);
    const shifted = wire(sender.encode(outputs(payload(run(5, 100)))));
    assert.equal(shifted[0].items[0].epochsFrom, 0);
    assert.deepEqual(epochsOf(receiver.decode('c', shifted)), [run(5, 100)]);
    receiver.forget('c');
    assert.deepEqual(epochsOf(receiver.decode('c', wire(new LiveEpochsSender().encode(outputs(payload(run(2))))))), [
      run(2),
    ]);
  });
});

describe("a run's stored history", () => {
  const curve = (n: number, best: number) =>
    Array.from({ length: n }, (_, i) => ({
      epoch: i + 1,
      loss: 1 / (i + 1),
      val_loss: i === best ? 0.01 : 1 + Math.abs(i - best) / n,
      val_accuracy: i === best + 3 ? 0.99 : 0.5,
    }));

  it('keeps every epoch of a short run', () => {
    const short = curve(150, 40);
    assert.deepEqual(historySample(short), short);
  });

  it('keeps at most 200 epochs of a long one, in order, with the first, the last and the best', () => {
    const long = curve(10000, 4321);
    const kept = historySample(long);
    assert.ok(kept.length <= HISTORY_POINTS && kept.length >= HISTORY_POINTS - 1, `${kept.length}`);
    assert.equal(kept[0], long[0]);
    assert.equal(kept[kept.length - 1], long[9999]);
    assert.ok(kept.includes(long[4321]), 'the lowest val_loss');
    assert.ok(kept.every((e, i) => i === 0 || e.epoch > kept[i - 1].epoch));
    assert.ok(
      historySample(long, { name: 'val_accuracy', mode: 'max' }).includes(long[4324]),
      'the monitored figure, highest',
    );
  });
});

describe('the core sends only new epochs to a client that asks for them', function () {
  this.timeout(120000);
  let connection: MessageConnection;
  let child: ReturnType<typeof fork>;
  const updates: CellOutputsParams[] = [];

  async function start(incrementalEpochs: boolean | undefined): Promise<void> {
    child = fork(corePath, [], {
      execArgv: [],
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    });
    connection = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    connection.onNotification(Notifications.cellOutputs, (p) => {
      updates.push(p);
    });
    connection.listen();
    await connection.sendRequest(Requests.start, { backend: 'auto', incrementalEpochs });
    updates.length = 0;
  }
  const run = (cellId: string, source: string) =>
    connection.sendRequest(Requests.runCell, { cellId, language: 'bigmodel', source });
  afterEach(async () => {
    await connection.sendRequest(Requests.shutdown).catch(() => undefined);
    await new Promise((r) => (child.exitCode === null ? child.once('exit', r) : r(undefined)));
    connection.dispose();
  });

  const cells = [
    'data: { source: xor, validation: 0.2, seed: 3 }',
    'model:\n  layers:\n    - dense: { units: 8, activation: relu }\n    - dense: { units: 1, activation: sigmoid }',
  ];
  const train = 'train: { epochs: 250, batchSize: 512, learningRate: 0.05 }';

  it('incremental: each epoch crosses once, whole histories come back, and the run record keeps at most 200', async () => {
    await start(true);
    for (const [i, c] of cells.entries()) await run(`c${i}`, c);
    const result = await run('t', train);
    const final = epochsOf(result.outputs)[0];
    assert.equal(final.length, 250);
    const live = updates
      .filter((u) => u.cellId === 't')
      .map((u) => u.outputs.flatMap((o) => o.items).find((i) => i.mime === MIME.training)!)
      .filter(Boolean);
    assert.ok(live.length >= 3, `${live.length} live updates`);
    const carried = live.flatMap((i) => (i.data as TrainingPayload).epochs.map((e) => e.epoch));
    assert.ok(
      carried.every((e, k) => k === 0 || e > carried[k - 1]),
      'no epoch sent twice',
    );
    assert.ok(live.every((i) => typeof i.epochsFrom === 'number'));
    const receiver = new LiveEpochsReceiver();
    for (const u of updates.filter((x) => x.cellId === 't')) {
      const whole = epochsOf(receiver.decode(u.cellId, u.outputs))[0];
      assert.deepEqual(whole, final.slice(0, whole.length), 'each live history is the start of the final one');
    }
    const history = result.run!.history!;
    assert.ok(history.length <= 200 && history.length >= 199, `${history.length}`);
    assert.equal(history[0].epoch, 1);
    assert.equal(history[history.length - 1].epoch, 250);
    const best = final.reduce((b, e) => (e.val_loss < b.val_loss ? e : b));
    assert.ok(
      history.some((e) => e.epoch === best.epoch),
      `the best epoch (${best.epoch}) is kept`,
    );
  });

  it('a client that does not ask gets every epoch in every update, as before', async () => {
    await start(undefined);
    for (const [i, c] of cells.entries()) await run(`c${i}`, c);
    await run('t', 'train: { epochs: 40, batchSize: 512 }');
    const live = updates
      .filter((u) => u.cellId === 't')
      .flatMap((u) => u.outputs.flatMap((o) => o.items))
      .filter((i) => i.mime === MIME.training);
    assert.ok(live.length > 0);
    for (const item of live) {
      assert.equal(item.epochsFrom, undefined);
      const epochs = (item.data as TrainingPayload).epochs;
      assert.deepEqual(
        epochs.map((e) => e.epoch),
        epochs.map((_, k) => k + 1),
        'from the first epoch',
      );
    }
  });
});
