// A notebook's runs in the controller: one cell at a time across requests, in order, and an interrupt ends the
// running request after its cell and drops the queued ones.
import * as assert from 'node:assert/strict';
import { NotebookRunQueue } from '../../src/notebook/runQueue';
import { SerialQueue } from '../../src/shared/serialQueue';

const tick = (ms = 5) => new Promise((r) => setTimeout(r, ms));

/** Cells that log their start and end, each taking a few ms; `fail` names a cell that fails. */
function recorder(fail?: string) {
  const log: string[] = [];
  let running = 0;
  let overlap = false;
  const runCell = async (cell: string) => {
    running++;
    if (running > 1) overlap = true;
    log.push(`start ${cell}`);
    await tick();
    log.push(`end ${cell}`);
    running--;
    return cell !== fail;
  };
  return { log, runCell, overlapped: () => overlap };
}

describe("the controller's run queue", () => {
  it('runs a second request (Run All twice, a cell while another runs) after the first, never beside it', async () => {
    const q = new NotebookRunQueue();
    const r = recorder();
    const first = q.enqueue(['a', 'b'], r.runCell);
    const second = q.enqueue(['c'], r.runCell);
    assert.equal(q.busy, true);
    await Promise.all([first, second]);
    assert.equal(r.overlapped(), false);
    assert.deepEqual(r.log, ['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    assert.equal(q.busy, false);
  });

  it('ends a request at a failed cell, and runs the next request', async () => {
    const q = new NotebookRunQueue();
    const r = recorder('a');
    await Promise.all([q.enqueue(['a', 'b'], r.runCell), q.enqueue(['c'], r.runCell)]);
    assert.deepEqual(r.log, ['start a', 'end a', 'start c', 'end c']);
  });

  it('on interrupt, lets the running cell end, and runs nothing more of what was queued before it', async () => {
    const q = new NotebookRunQueue();
    const r = recorder();
    const first = q.enqueue(['a', 'b'], r.runCell);
    const second = q.enqueue(['c'], r.runCell);
    await tick(1);
    q.dropQueued();
    const third = q.enqueue(['d'], r.runCell); // asked for after the interrupt: it runs
    await Promise.all([first, second, third]);
    assert.deepEqual(r.log, ['start a', 'end a', 'start d', 'end d']);
  });

  it('settles each job as it settled, in order, whatever the one before did', async () => {
    const s = new SerialQueue();
    const order: string[] = [];
    const a = s.run(async () => {
      await tick();
      order.push('a');
      throw new Error('a failed');
    });
    const b = s.run(() => {
      order.push('b');
      return 2;
    });
    await assert.rejects(a, /a failed/);
    assert.equal(await b, 2);
    assert.deepEqual(order, ['a', 'b']);
    assert.equal(s.size, 0);
  });
});
