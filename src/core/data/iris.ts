// The built-in `iris`: Fisher's 150 flowers (4 measurements in cm, 3 species), with a seeded stratified 80/20 train/test split.
import * as l10n from '@vscode/l10n';
import type { LoadedData, Table } from './dataset';
import { seededRandom } from './random';

export const IRIS_CLASSES = ['setosa', 'versicolor', 'virginica'];
export const IRIS_FEATURES = ['sepal length', 'sepal width', 'petal length', 'petal width'];
const TEST_FRACTION = 0.2;

/**
 * Fisher (1936) as in scikit-learn, i.e. the UCI file with its two known typos (rows 35 and 38) corrected:
 * 8 digits a flower, each measurement in millimetres; 50 setosa, then 50 versicolor, then 50 virginica.
 */
const MEASUREMENTS_MM = [
  '51351402493014024732130246311502503614025439170446341403503415024429140249311501',
  '54371502483416024830140143301101584012025744150454391304513514035738170351381503',
  '54341702513715044636100251331705483419025030160250341604523515025234140247321602',
  '48311602543415045241150155421402493115025032120255351302493614014430130251341502',
  '50351303452313034432130250351606513819044830140351381602463214025337150250331402',
  '70324714643245156931491555234013652846155728451363334716492433106629461352273914',
  '50203510593042156022401061294714562936136731441456304515582741106222451556253911',
  '59324818612840136325491561284712642943136630441468284814673050176029451557263510',
  '55243811552437105827391260275116543045156034451667314715632344135630411355254013',
  '55264412613046145826401250233310562742135730421257294213622943135125301157284113',
  '63336025582751197130592163295618653058227630662149254517732963186725581872366125',
  '65325120642753196830552157255020582851246432532365305518773867227726692360225015',
  '69325723562849207728672063274918673357217232601862284818613049186428562172305816',
  '74286119793864206428562263285115612656147730612363345624643155186030481869315421',
  '67315624693151235827511968325923673357256730522363255019653052206234542359305118',
].join('');

/** The 150 flowers as rows of 4 measurements in cm, and their species (0, 1, 2). */
export function irisRows(): { features: number[][]; labels: number[] } {
  const features: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < 150; i++) {
    const digits = MEASUREMENTS_MM.slice(i * 8, i * 8 + 8);
    features.push([0, 2, 4, 6].map((at) => Number(digits.slice(at, at + 2)) / 10));
    labels.push(Math.floor(i / 50));
  }
  return { features, labels };
}

/** Row indices split so that every class keeps its share in both parts; both parts come back in a seeded random order. */
export function stratifiedSplit(
  labels: number[],
  testFraction: number,
  random: () => number,
): { train: number[]; test: number[] } {
  const byClass = new Map<number, number[]>();
  labels.forEach((label, i) => byClass.set(label, [...(byClass.get(label) ?? []), i]));
  const train: number[] = [];
  const test: number[] = [];
  for (const label of [...byClass.keys()].sort((a, b) => a - b)) {
    const rows = shuffle(byClass.get(label) ?? [], random);
    const cut = Math.round(rows.length * testFraction);
    test.push(...rows.slice(0, cut));
    train.push(...rows.slice(cut));
  }
  return { train: shuffle(train, random), test: shuffle(test, random) };
}

function shuffle<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

export function loadIris(seed: number): LoadedData {
  const { features, labels } = irisRows();
  const split = stratifiedSplit(labels, TEST_FRACTION, seededRandom(seed));
  const table = (rows: number[]): Table => ({
    features: Float32Array.from(rows.flatMap((r) => features[r])),
    labels: Float32Array.from(rows.map((r) => labels[r])),
    size: rows.length,
  });
  return {
    source: 'iris',
    task: 'classification',
    inputShape: [IRIS_FEATURES.length],
    classes: IRIS_CLASSES,
    featureNames: IRIS_FEATURES,
    train: table(split.train),
    test: table(split.test),
    standardise: true,
    note: l10n.t(
      "Fisher's iris: 150 flowers, 4 measurements in cm; a stratified 80/20 split (seed {0}) gives {1} train / {2} test",
      seed,
      split.train.length,
      split.test.length,
    ),
  };
}
