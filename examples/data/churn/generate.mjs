// Writes train.csv, test.csv and new-customers.csv: a synthetic subscription table whose label is written as words
// (`yes` / `no`), seeded so that it writes the same files each time. See README.md.
import { writeFileSync } from 'node:fs';

let a = 20261206;
const random = () => {
  a = (a + 0x6d2b79f5) >>> 0;
  let t = a;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (items) => items[Math.floor(random() * items.length)];
const PLANS = ['basic', 'family', 'premium'];

function customer() {
  const plan = pick(PLANS);
  const months = 1 + Math.floor(random() * 60);
  const spend = Math.round((plan === 'basic' ? 9 : plan === 'family' ? 19 : 29) * (0.8 + 0.4 * random()) * 100) / 100;
  const calls = Math.floor(random() ** 2 * 8);
  // Short, unhappy, cheap-plan customers leave: a logistic score of the four columns, then a coin.
  const score = -1.9 + 0.55 * calls - 0.05 * months + (plan === 'basic' ? 0.6 : plan === 'premium' ? -0.4 : 0);
  const churned = random() < 1 / (1 + Math.exp(-score)) ? 'yes' : 'no';
  return { plan, months, spend, calls, churned };
}

const header = 'plan,months,monthly_spend,support_calls,churned';
const row = (c) => `${c.plan},${c.months},${c.spend},${c.calls},${c.churned}`;
const table = (n) => [header, ...Array.from({ length: n }, () => row(customer()))].join('\n') + '\n';
writeFileSync(new URL('./train.csv', import.meta.url), table(1500));
writeFileSync(new URL('./test.csv', import.meta.url), table(400));
// New customers to score: no label, and one plan (`student`) that the training rows never had.
writeFileSync(new URL('./new-customers.csv', import.meta.url),
  'plan,months,monthly_spend,support_calls\npremium,48,31.5,0\nbasic,2,8.9,6\nstudent,5,5,3\nfamily,12,18,2\n');
