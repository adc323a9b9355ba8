// Writes train.csv and test.csv: short synthetic product reviews labelled positive or negative, for the transformer
// text classifier. Word order matters on purpose: "not" flips the word after it, and after "but" the second clause
// decides, so a bag of words is not enough. Seeded: the same files every time.
// Run: node examples/data/reviews/generate.mjs
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let state = 7331;
const random = () => {
  state = (state + 0x6d2b79f5) | 0;
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (list) => list[Math.floor(random() * list.length)];

const THINGS = ['the battery', 'the screen', 'the delivery', 'the price', 'the sound', 'the camera', 'the keyboard', 'the case', 'the app', 'the support team', 'the fit', 'the packaging'];
const GOOD = ['great', 'excellent', 'good', 'lovely', 'fast', 'solid', 'perfect', 'brilliant', 'reliable', 'comfortable'];
const BAD = ['awful', 'poor', 'slow', 'terrible', 'broken', 'disappointing', 'flimsy', 'noisy', 'useless', 'cheap'];
const ADVERBS = ['', '', 'really ', 'very ', 'quite ', 'truly '];
const OPENERS = ['', '', 'honestly ', 'well ', 'overall ', 'so '];

/** A clause and whether it is positive: "the screen is really good", "the case is not flimsy". */
function clause() {
  const positive = random() < 0.5;
  const negated = random() < 0.3;
  const word = (positive !== negated) ? pick(GOOD) : pick(BAD);
  return { text: `${pick(THINGS)} is ${negated ? 'not ' : pick(ADVERBS)}${word}`, positive };
}

function review() {
  const first = clause();
  if (random() < 0.45) {
    // Two clauses of opposite feeling joined by "but": the second one decides.
    let second = clause();
    while (second.positive === first.positive) second = clause();
    return { text: `${pick(OPENERS)}${first.text} but ${second.text}`, positive: second.positive };
  }
  const and = random() < 0.4 ? clause() : undefined;
  if (and && and.positive !== first.positive) return review(); // "good and bad" has no clear label
  return { text: `${pick(OPENERS)}${first.text}${and ? ` and ${and.text}` : ''}`, positive: first.positive };
}

const write = (name, n) => {
  const rows = ['text,sentiment'];
  for (let i = 0; i < n; i++) {
    const r = review();
    rows.push(`${r.text.trim()},${r.positive ? 'positive' : 'negative'}`);
  }
  writeFileSync(join(dirname(fileURLToPath(import.meta.url)), name), rows.join('\n') + '\n');
};
write('train.csv', 2400);
write('test.csv', 400);
console.log('wrote train.csv (2400 reviews) and test.csv (400 reviews)');
