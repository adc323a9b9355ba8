// The disposable store: everything disposed once, newest first, also what comes after, whatever a disposer throws.
import * as assert from 'node:assert/strict';
import { disposeAll, DisposableStore, toDisposable } from '../../src/shared/lifecycle';

describe('DisposableStore', () => {
  it('disposes what it holds once, newest first', () => {
    const order: string[] = [];
    const store = new DisposableStore();
    for (const name of ['emitter', 'listener', 'panel']) store.add(toDisposable(() => order.push(name)));
    assert.equal(store.isDisposed, false);
    store.dispose();
    store.dispose();
    assert.deepEqual(order, ['panel', 'listener', 'emitter']);
    assert.equal(store.isDisposed, true);
  });

  it('disposes at once what is added after it was disposed', () => {
    const store = new DisposableStore();
    store.dispose();
    let disposed = 0;
    const late = { dispose: () => disposed++ };
    assert.equal(store.add(late), late, 'add returns what it was given');
    assert.equal(disposed, 1);
    store.dispose();
    assert.equal(disposed, 1, 'and never again');
  });

  it('goes on past a disposer that throws, and throws its error after the others ran', () => {
    const ran: string[] = [];
    const store = new DisposableStore();
    store.add(toDisposable(() => ran.push('first')));
    store.add(
      toDisposable(() => {
        throw new Error('broken');
      }),
    );
    store.add(toDisposable(() => ran.push('last')));
    assert.throws(() => store.dispose(), /broken/);
    assert.deepEqual(ran, ['last', 'first']);
  });

  it('throws an AggregateError with every error when several disposers fail', () => {
    const store = new DisposableStore();
    let ran = false;
    store.add(
      toDisposable(() => {
        throw new Error('one');
      }),
    );
    store.add(toDisposable(() => (ran = true)));
    store.add(
      toDisposable(() => {
        throw new Error('two');
      }),
    );
    assert.throws(
      () => store.dispose(),
      (e: unknown) => {
        assert.ok(e instanceof AggregateError);
        assert.deepEqual(
          e.errors.map((x: Error) => x.message),
          ['two', 'one'],
        );
        return true;
      },
    );
    assert.equal(ran, true);
  });

  it('a disposable added late that throws, throws from add', () => {
    const store = new DisposableStore();
    store.dispose();
    assert.throws(
      () =>
        store.add(
          toDisposable(() => {
            throw new Error('late and broken');
          }),
        ),
      /late and broken/,
    );
  });

  it('lets go of what ended by itself without disposing it', () => {
    let disposed = 0;
    const store = new DisposableStore();
    const core = store.add({ dispose: () => disposed++ });
    store.release(core);
    store.dispose();
    assert.equal(disposed, 0);
  });

  it('disposes an item added twice once', () => {
    let disposed = 0;
    const store = new DisposableStore();
    const d = { dispose: () => disposed++ };
    store.add(d);
    store.add(d);
    store.dispose();
    assert.equal(disposed, 1);
  });

  it('toDisposable runs its cleanup once; disposeAll runs in the order given', () => {
    let runs = 0;
    const d = toDisposable(() => runs++);
    d.dispose();
    d.dispose();
    assert.equal(runs, 1);
    const order: number[] = [];
    disposeAll([1, 2, 3].map((n) => toDisposable(() => order.push(n))));
    assert.deepEqual(order, [1, 2, 3]);
  });
});
