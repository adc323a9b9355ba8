// The summary never invents a number: every figure in its text can be derived from the run it describes.
import * as assert from 'node:assert/strict';
import { writeSummary } from '../../src/shared/summary';
import { allowedFigures, invented, numbersIn } from './summaryFigureCheck';
import { fashionRun, variedRuns } from './summaryFixtures';

const RUNS = variedRuns();

describe('summary figures', () => {
  for (const [name, input, goal] of RUNS) {
    it(`invents no number: ${name}`, () => {
      const allowed = allowedFigures(input, goal);
      for (const language of ['en', 'zh-cn'] as const) {
        for (const audience of ['product', 'engineering'] as const) {
          const p = writeSummary(input, { audience, language, goal });
          const found = numbersIn(p.markdown);
          assert.ok(found.length >= 8, `${language}/${audience} shows figures at all (${found.length})`);
          assert.deepEqual(
            invented(p.markdown, allowed),
            [],
            `${language}/${audience} numbers not derivable from the input:\n${p.markdown}`,
          );
        }
      }
    });
  }

  it('catches a number that is not in the input', () => {
    const input = fashionRun();
    const p = writeSummary(input, { audience: 'product', language: 'en' });
    const allowed = allowedFigures(input, {});
    assert.deepEqual(invented(`${p.markdown}\nAbout 37.4% better than last week.`, allowed), ['37.4']);
  });

  it('lists every figure it wrote with the value it came from', () => {
    const p = writeSummary(fashionRun(), { audience: 'engineering', language: 'en', goal: { accuracy: 0.9 } });
    assert.ok(p.figures.length >= 20);
    for (const f of p.figures) assert.ok(p.markdown.includes(f.text), `${f.name}: "${f.text}" is in the text`);
    const accuracy = p.figures.find((f) => f.name === 'goal.met.higher.value');
    assert.equal(accuracy?.value, fashionRun().evaluation!.metrics.accuracy);
  });
});
