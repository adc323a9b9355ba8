// Reproducible runs: TensorFlow.js draws initial weights, dropout masks and fit's shuffles from Math.random
// when no seed is given, so a cell runs with Math.random replaced by a seeded generator.
import { seededRandom } from './data/random';

export async function withSeed<T>(seed: number | undefined, run: () => Promise<T> | T): Promise<T> {
  if (seed === undefined) return run();
  const original = Math.random;
  Math.random = seededRandom(seed);
  try {
    return await run();
  } finally {
    Math.random = original;
  }
}
