// The serializer's round trip as a property: hundreds of seeded random notebooks (test/unit/notebookGenerator.ts)
// opened in (emulated) VS Code and saved come back as the same JSON value and the same text. Thousands more:
// `node out/test/bench/notebookRoundTrip.js` (not run in CI).
import * as assert from 'node:assert/strict';
import { Generator, roundTripProblem } from './notebookGenerator';

const CASES = 300;

describe('the serializer round trip, on random notebooks', () => {
  it(`gives back every one of ${CASES} random notebooks unchanged, also from editors with CRLF line ends`, () => {
    const started = Date.now();
    let cells = 0;
    let items = 0;
    for (let seed = 1; seed <= CASES; seed++) {
      const text = new Generator(seed).text();
      const problem = roundTripProblem(text, seed % 3 === 0 ? '\r\n' : '\n');
      assert.equal(problem, undefined, `seed ${seed}: ${problem}`);
      const nb = JSON.parse(text) as { cells: { outputs?: { items: unknown[] }[] }[] };
      cells += nb.cells.length;
      items += nb.cells.flatMap((c) => c.outputs ?? []).flatMap((o) => o.items).length;
    }
    // The generator must reach what the property is about, or the test proves little.
    assert.ok(cells > CASES * 2 && items > CASES * 2, `${cells} cells, ${items} output items`);
    assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`);
  });

  it('is deterministic: a seed gives the same notebook', () => {
    assert.equal(new Generator(42).text(), new Generator(42).text());
    assert.notEqual(new Generator(42).text(), new Generator(43).text());
  });
});
