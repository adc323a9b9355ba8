// `export`, `model: { load }` and `predict` through the real core process: the files TensorFlow.js reads back,
// the same predictions after a round trip, nothing of the user's overwritten, and bad input named at its line.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { PNG } from 'pngjs';
import { TrainingCore } from '../../src/client/trainingCore';
import { cellFailure as failure } from './cellFailure';
import type { CellOutput } from '../../src/shared/protocol';

const corePath = path.join(__dirname, '../../../dist/core.js');
const text = (outputs: CellOutput[], mime = 'text/plain') =>
  outputs
    .flatMap((o) => o.items)
    .filter((i) => i.mime === mime)
    .map((i) => String(i.data));
const ROWS = '[[0.6, -0.4], [-0.5, -0.7], [0.8, 0.9], [-0.2, 0.7]]';
const XOR_TRAINED = [
  'data: { source: xor, validation: 0.2, seed: 5, normalize: false }',
  'model:',
  '  layers:',
  '    - dense: { units: 16, activation: relu }',
  '    - dense: { units: 1, activation: sigmoid }',
  'train: { epochs: 12, learningRate: 0.05, seed: 5 }',
].join('\n');

describe('export, load and predict in the core', function () {
  let dir: string;
  let core: TrainingCore;
  let n = 0;
  const run = (source: string, language = 'bigmodel') => core.runCell({ cellId: `c${++n}`, language, source });

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bigmodel-export-'));
    core = await TrainingCore.start({ corePath, backend: 'auto', notebookFolder: dir });
  });
  afterEach(async () => {
    await core.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('exports the layers format that tf.loadLayersModel reads, and model.load gives the same predictions in a new core', async () => {
    await run(XOR_TRAINED);
    const exported = await run(`export: { to: ./models/xor }\npredict: { input: ${ROWS} }`);
    assert.match(
      text(exported.outputs)[0],
      /^exported the model to \.\/models\/xor: model\.json \([\d.]+ KB\), weights\.bin \([\d.]+ KB\)/,
    );
    const folder = path.join(dir, 'models/xor');
    assert.deepEqual(fs.readdirSync(folder).sort(), ['model.json', 'weights.bin'], 'no temporary files left');
    const manifest = JSON.parse(fs.readFileSync(path.join(folder, 'model.json'), 'utf8'));
    assert.equal(manifest.format, 'layers-model');
    assert.deepEqual(manifest.weightsManifest[0].paths, ['./weights.bin']);
    assert.deepEqual(manifest.userDefinedMetadata.bigmodel.classes, ['same sign', 'different sign']);
    const before = text(exported.outputs)[1];
    assert.match(
      before,
      /^4 predictions \(classes: same sign, different sign\)\n1\. \[0\.6, -0\.4\] → (same|different) sign \(\d+\.\d%\)/,
    );

    // TensorFlow.js itself, over HTTP as an app would load it, reads the same weights the core predicts with.
    const inCore = await run(
      `const ys = session.model.predict(tf.tensor2d(${ROWS}));\nconsole.log(JSON.stringify(Array.from(await ys.data())));`,
      'javascript',
    );
    const server = http.createServer((req, res) =>
      res.end(fs.readFileSync(path.join(folder, path.basename(req.url ?? '')))),
    );
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const { port } = server.address() as AddressInfo;
      const model = await tf.loadLayersModel(`http://127.0.0.1:${port}/model.json`);
      const ys = Array.from(await (model.predict(tf.tensor2d(JSON.parse(ROWS))) as tf.Tensor).data());
      const core = JSON.parse(String(inCore.outputs[0].items[0].data)) as number[];
      ys.forEach((y, i) => assert.ok(Math.abs(y - core[i]) < 1e-6, `prediction ${i}: ${y} vs ${core[i]}`));
      model.dispose();
    } finally {
      server.close();
    }

    await core.dispose();
    core = await TrainingCore.start({ corePath, backend: 'auto', notebookFolder: dir });
    const loaded = await run(`model: { load: ./models/xor }\npredict: { input: ${ROWS} }`);
    assert.equal(
      text(loaded.outputs).pop(),
      before,
      'the loaded model predicts what the exported one did, with its class names',
    );
    assert.match(
      text(loaded.outputs, 'text/markdown')[0],
      /\| 1 \| \[0\.6, -0\.4\] \| (same|different) sign \| \d+\.\d% \|/,
    );
  });

  it('never overwrites a model.json it did not write, unless overwrite is set; replaces its own export', async () => {
    const folder = path.join(dir, 'shipped');
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, 'model.json'), '{"mine": true}');
    await run(XOR_TRAINED.replace('epochs: 12', 'epochs: 1'));
    const e = await failure(run('predict: { input: [[0, 1]] }\nexport:\n  to: ./shipped'));
    assert.match(
      e.message,
      /`export.to`: shipped\/model\.json exists and was not written by an export of BigModel Studio.*add `overwrite: true`/,
    );
    assert.deepEqual([e.position?.line, e.position?.column], [3, 3]);
    assert.equal(
      fs.readFileSync(path.join(folder, 'model.json'), 'utf8'),
      '{"mine": true}',
      'the user file is untouched',
    );
    assert.ok(!fs.existsSync(path.join(folder, 'weights.bin')), 'nothing written beside it');

    await run('export: { to: ./shipped, overwrite: true }');
    assert.equal(JSON.parse(fs.readFileSync(path.join(folder, 'model.json'), 'utf8')).format, 'layers-model');
    await run('export: { to: ./shipped }'); // our own export now: replaced without asking
  });

  it('refuses an export without `to`, to a file, and a load of a missing model, naming the field and the path', async () => {
    await run(XOR_TRAINED.replace('epochs: 12', 'epochs: 1'));
    const missing = await failure(run('export: {}'));
    assert.match(missing.message, /`export` needs `to:`/);
    assert.equal(missing.position?.line, 1);
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'keep me');
    const onFile = await failure(run('export:\n  to: notes.txt'));
    assert.match(onFile.message, /`export.to`: notes\.txt is a file/);
    assert.equal(onFile.position?.line, 2);
    assert.equal(fs.readFileSync(path.join(dir, 'notes.txt'), 'utf8'), 'keep me');
    const load = await failure(run('model:\n  load: ./models/nowhere'));
    assert.match(load.message, /`model.load`: cannot read \.\/models\/nowhere: there is no such file/);
    assert.deepEqual([load.position?.line, load.position?.column], [2, 3]);
    const both = await failure(run('model:\n  layers:\n    - dense: { units: 1 }\n  load: ./models/xor'));
    assert.match(both.message, /`model` takes either `layers:` \(a new model\) or `load:` \(a saved one\), not both/);
    assert.equal(both.position?.line, 4);
    const noModel = await TrainingCore.start({ corePath, backend: 'auto', notebookFolder: dir });
    try {
      const e = await failure(noModel.runCell({ cellId: 'x', language: 'bigmodel', source: 'export: { to: ./m }' }));
      assert.match(e.message, /there is no model yet/);
    } finally {
      await noModel.dispose();
    }
  });

  it('predicts the rows of a CSV file by column name, standardised as in training, and names a bad value', async () => {
    const rows = ['a,b,label'];
    for (let i = 0; i < 120; i++) {
      const a = (i % 12) * 10;
      const b = Math.floor(i / 12) - 5;
      rows.push(`${a},${b},${a > 55 ? 'big' : 'small'}`);
    }
    fs.writeFileSync(path.join(dir, 'train.csv'), rows.join('\n') + '\n');
    fs.writeFileSync(path.join(dir, 'new.csv'), 'b,a\n2,100\n-3,5\n');
    fs.writeFileSync(path.join(dir, 'bad.csv'), 'a,b\n10,2\nlots,3\n');
    await run(
      [
        'data: { train: ./train.csv, label: label, seed: 1 }',
        'model:',
        '  layers:',
        '    - dense: { units: 8, activation: relu }',
        '    - dense: { units: 2, activation: softmax }',
        'train: { epochs: 40, learningRate: 0.05, seed: 1 }',
      ].join('\n'),
    );
    const result = await run('predict:\n  input: ./new.csv');
    const [plain] = text(result.outputs);
    assert.match(
      plain,
      /^2 predictions \(classes: (big, small|small, big)\)\n1\. new\.csv line 2 → big \(\d+\.\d%\)\n2\. new\.csv line 3 → small \(\d+\.\d%\)$/,
    );
    const bad = await failure(run('predict:\n  input: ./bad.csv'));
    assert.match(bad.message, /`predict.input`: \.\/bad\.csv line 3, column `a`: "lots" is not a number/);
    assert.deepEqual([bad.position?.line, bad.position?.column], [2, 3], 'at the `input:` key');
    const width = await failure(run('predict: { input: [[1, 2, 3]] }'));
    assert.match(width.message, /row 1 has 3 values; the model reads 2 columns \(a, b\)/);
  });

  it('classifies a folder of images at the model input size, in file order', async () => {
    const images = path.join(dir, 'samples');
    fs.mkdirSync(images);
    const png = (name: string, shade: number) => {
      const image = new PNG({ width: 8, height: 8 });
      image.data.fill(shade);
      for (let i = 3; i < image.data.length; i += 4) image.data[i] = 255;
      fs.writeFileSync(path.join(images, name), PNG.sync.write(image));
    };
    png('a-dark.png', 0);
    png('b-light.png', 255);
    fs.writeFileSync(path.join(images, 'readme.txt'), 'not an image');
    // A model that says "light" for bright images: mean brightness through a fixed dense layer.
    await run(
      [
        'const model = tf.sequential({ layers: [tf.layers.flatten({ inputShape: [4, 4, 1] }), tf.layers.dense({ units: 2, activation: "softmax" })] });',
        'model.layers[1].setWeights([tf.concat([tf.fill([16, 1], -1), tf.fill([16, 1], 1)], 1), tf.tensor1d([8, -8])]);',
        'session.model = model;',
      ].join('\n'),
      'javascript',
    );
    const result = await run('predict: { input: ./samples }');
    assert.deepEqual(text(result.outputs)[0].split('\n'), [
      '2 predictions',
      '1. samples/a-dark.png → 0 (100.0%)',
      '2. samples/b-light.png → 1 (100.0%)',
    ]);
    const empty = path.join(dir, 'empty');
    fs.mkdirSync(empty);
    const e = await failure(run('predict: { input: ./empty }'));
    assert.match(e.message, /the folder \.\/empty holds no images \(\.png, \.jpg, \.jpeg\)/);
  });

  /**
   * Trains in one core, predicts raw rows there, exports; a fresh core with no data cell loads the export and must give
   * the same predictions for the same raw input: the fitted pipeline (categories, vocabulary, image size and scale,
   * standardisation, classes) travels with the model.
   */
  async function sameAfterLoad(
    files: Record<string, string | Buffer>,
    dataCell: string,
    layers: string[],
    input: string,
  ): Promise<string> {
    for (const [name, content] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), content);
    }
    await run(
      [
        dataCell,
        'model:',
        '  layers:',
        ...layers.map((l) => `    - ${l}`),
        'train: { epochs: 8, learningRate: 0.05, seed: 3 }',
      ].join('\n'),
    );
    const trained = await run(`export: { to: ./models/m }\npredict: { input: ${input} }`);
    const before = text(trained.outputs)[1];
    await core.dispose();
    core = await TrainingCore.start({ corePath, backend: 'auto', notebookFolder: dir });
    const loaded = await run(`model: { load: ./models/m }\npredict: { input: ${input} }`);
    assert.equal(text(loaded.outputs)[1], before, 'the loaded model predicts the raw input as the trained one did');
    return before;
  }

  it('predicts raw rows with categories (an unseen one too) the same after export and load, with no data cell', async () => {
    const rows = Array.from(
      { length: 60 },
      (_, i) =>
        `${20 + (i % 30)},${['basic', 'family', 'premium'][i % 3]},${(i * 7) % 50},${i % 3 === 2 || i % 7 === 0 ? 'yes' : 'no'}`,
    );
    const shown = await sameAfterLoad(
      {
        'churn.csv': `age,plan,spend,churned\n${rows.join('\n')}\n`,
        'new.csv': 'age,plan,spend\n30,premium,12\n41,student,30\n25,basic,3\n',
      },
      'data: { train: churn.csv, label: churned, categorical: [plan], validation: 0.2, seed: 3 }',
      ['dense: { units: 8, activation: relu }', 'dense: { units: 1, activation: sigmoid }'],
      './new.csv',
    );
    assert.match(
      shown,
      /^3 predictions \(classes: no, yes\)\n1\. new\.csv line 2 → (yes|no) \(\d+\.\d%\)\n2\. new\.csv line 3 → (yes|no)/,
    );
    assert.match(shown, /\n\n1 categories that the training rows did not have were read as unknown$/);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'models/m/model.json'), 'utf8'));
    const pipeline = manifest.userDefinedMetadata.bigmodel.pipeline;
    assert.deepEqual(
      pipeline.input.columns.map((c: { kind: string; name: string }) => `${c.kind}:${c.name}`),
      ['number:age', 'onehot:plan', 'number:spend'],
    );
    assert.deepEqual(pipeline.label, { task: 'binary', classes: ['no', 'yes'], positive: 'yes' });
    assert.equal(pipeline.standardisation.mean.length, 5);
  });

  it('predicts raw text the same after export and load, unseen words as unknown', async () => {
    const good = [
      'a wonderful film',
      'great story and acting',
      'moving and wonderful',
      'a great cast',
      'lovely, warm, wonderful',
    ];
    const bad = ['boring and long', 'a dull story', 'awful acting', 'too long and boring', 'dull, flat, awful'];
    const rows = Array.from({ length: 40 }, (_, i) =>
      i % 2 ? `"${bad[i % 5]}",negative` : `"${good[i % 5]}",positive`,
    );
    await sameAfterLoad(
      { 'reviews.csv': `review,sentiment\n${rows.join('\n')}\n` },
      'data: { train: reviews.csv, text: review, label: sentiment, maxLength: 6, vocabularySize: 40, seed: 3 }',
      [
        'embedding: { inputDim: 40, outputDim: 8 }',
        'globalAveragePooling1d',
        'dense: { units: 1, activation: sigmoid }',
      ],
      '[["a wonderful story"], ["boring, dull and unheard-of"]]',
    );
  });

  it('predicts images the same after export and load, resized and scaled as the training images were', async () => {
    const fixtures = path.join(__dirname, '../../../test/fixtures/data');
    const files: Record<string, Buffer> = {};
    for (const c of ['blue', 'red'])
      for (const f of fs.readdirSync(path.join(fixtures, 'colours', c)))
        files[`colours/${c}/${f}`] = fs.readFileSync(path.join(fixtures, 'colours', c, f));
    files['new/x.png'] = fs.readFileSync(path.join(fixtures, 'colours/red/a.png'));
    const shown = await sameAfterLoad(
      files,
      'data: { train: colours, imageSize: [6, 6], normalize: false, seed: 3 }',
      ['flatten', 'dense: { units: 2, activation: softmax }'],
      './new',
    );
    // Two class folders are a yes/no task; with `normalize: false` predict must not divide by 255 either.
    assert.match(shown, /^1 prediction \(classes: (blue, red|red, blue)\)\n1\. new\/x\.png → (red|blue)/);
    const pipeline = JSON.parse(fs.readFileSync(path.join(dir, 'models/m/model.json'), 'utf8')).userDefinedMetadata
      .bigmodel.pipeline;
    assert.deepEqual(pipeline.input, { kind: 'image', height: 6, width: 6, channels: 3, scale: 1 });
  });

  it('asks the client before an export outside the write roots (the editor asks the user), and writes only on yes', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'bigmodel-outside-'));
    const asked: string[] = [];
    let answer = false;
    await core.dispose();
    core = await TrainingCore.start({
      corePath,
      backend: 'auto',
      notebookFolder: dir,
      writeRoots: [dir],
      allowWrite: ({ target, setting }) => (asked.push(`${setting} ${target}`), answer),
    });
    try {
      await run(XOR_TRAINED);
      const refused = await failure(run(`export: { to: ${JSON.stringify(path.join(outside, 'm'))} }`));
      assert.match(refused.message, /is outside the workspace .*so nothing was written/);
      assert.deepEqual(asked, [`export.to ${path.join(fs.realpathSync(outside), 'm')}`]);
      assert.ok(!fs.existsSync(path.join(outside, 'm')));
      answer = true;
      await run(`export: { to: ${JSON.stringify(path.join(outside, 'm'))} }`);
      assert.ok(fs.existsSync(path.join(outside, 'm', 'model.json')));
      // Inside the roots nothing is asked.
      await run('export: { to: ./models/inside }');
      assert.equal(asked.length, 2);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('ends a data load at once on interrupt, between rows, and keeps the data and model of the cells before', async function () {
    this.timeout(120000);
    // A table whose passes hold the core's main thread for seconds: the interrupt reaches it through stdin.
    const rows = Array.from({ length: 400000 }, (_, i) => `${i % 97},${(i * 7) % 13},${i % 3 ? 'yes' : 'no'}`);
    fs.writeFileSync(path.join(dir, 'big.csv'), `a,b,label\n${rows.join('\n')}\n`);
    await run('data: { source: xor, seed: 1 }');
    const load = run('data: { train: big.csv }');
    await new Promise((r) => setTimeout(r, 400));
    const asked = Date.now();
    core.stopTraining();
    const stopped = await failure(load);
    const took = Date.now() - asked;
    assert.equal(stopped.category, 'cancelled');
    assert.match(
      stopped.message,
      /interrupted while loading the data: the data and model of the cells before are kept/,
    );
    assert.ok(took < 2000, `the load ended ${took} ms after the interrupt`);
    // The same core goes on, with the xor data of the cell before (two features).
    const trained = await run(
      'model:\n  layers:\n    - dense: { units: 1, activation: sigmoid }\ntrain: { epochs: 1 }',
    );
    assert.ok(trained.run, 'the next cell trains on the data that was kept');
  });
});
