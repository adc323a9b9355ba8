// Something a suite's tests share, made before them (or before each) and undone after, read through a function so
// that a test cannot hold on to a stale one: the hooks a scratch folder and a started core both need.
export type Lifetime = 'suite' | 'each test';

/** Call inside a `describe`; read the returned function inside a test or a hook, where the value exists. */
export function suiteFixture<T>(
  what: string,
  make: () => T | Promise<T>,
  undo: (value: T) => unknown,
  lifetime: Lifetime = 'suite',
): () => T {
  let current: { value: T } | undefined;
  const setUp = async () => {
    current = { value: await make() };
  };
  const tearDown = async () => {
    const made = current;
    current = undefined;
    if (made) await undo(made.value);
  };
  if (lifetime === 'suite') {
    before(setUp);
    after(tearDown);
  } else {
    beforeEach(setUp);
    afterEach(tearDown);
  }
  return () => {
    if (!current) throw new Error(`${what} is read outside its tests (read it in a test or a hook)`);
    return current.value;
  };
}
