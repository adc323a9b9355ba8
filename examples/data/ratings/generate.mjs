// Writes ratings.csv: a synthetic user × item ratings table (no real small ratings table ships with Debian or npm).
// Every user and item has a hidden taste vector; a rating is their agreement plus a user and an item bias and a little
// noise, in half stars from 1 to 5, so an embedding recommender has something real to learn. Seeded: the same file
// every time. Run: node examples/data/ratings/generate.mjs
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const USERS = 200;
const ITEMS = 80;
const PER_USER = 40;
const TASTES = 3;

// mulberry32: a small seeded generator, so the file is reproducible.
let state = 20261123;
const random = () => {
  state = (state + 0x6d2b79f5) | 0;
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
const vector = () => Array.from({ length: TASTES }, gaussian);

const users = Array.from({ length: USERS }, () => ({ taste: vector(), bias: 0.4 * gaussian() }));
const items = Array.from({ length: ITEMS }, () => ({ taste: vector(), bias: 0.5 * gaussian() }));
const rows = ['user,item,rating'];
users.forEach((u, userId) => {
  const seen = new Set();
  while (seen.size < PER_USER) seen.add(Math.floor(random() * ITEMS));
  for (const itemIndex of seen) {
    const item = items[itemIndex];
    const agreement = u.taste.reduce((s, v, k) => s + v * item.taste[k], 0) / Math.sqrt(TASTES);
    const score = 3.2 + u.bias + item.bias + 0.9 * agreement + 0.25 * gaussian();
    const rating = Math.min(5, Math.max(1, Math.round(score * 2) / 2));
    // One embedding table holds users and items: item ids are numbered after the user ids.
    rows.push(`${userId},${USERS + itemIndex},${rating}`);
  }
});
writeFileSync(join(dirname(fileURLToPath(import.meta.url)), 'ratings.csv'), rows.join('\n') + '\n');
console.log(`wrote ${rows.length - 1} ratings of ${USERS} users and ${ITEMS} items`);
