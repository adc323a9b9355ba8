// Writes and reads the TensorFlow.js layers format (model.json + weights.bin, as tfjs-node's file:// handler does),
// so that `export` writes what `tf.loadLayersModel` and `model: { load: … }` read, and never overwrites a user's file.
import * as l10n from '@vscode/l10n';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LayersModel } from '@tensorflow/tfjs';
import type { ParsedCell } from '../shared/cellSpec';
import { CellError } from './cellError';
import type { FittedPipeline } from './data/pipeline';
import { transformerLayers } from './layers';
import type { Tf } from './tf';

export const MODEL_FILE = 'model.json';
export const WEIGHTS_FILE = 'weights.bin';

/**
 * What a model knows of the data it was trained on: the session's data gives it, an export records it beside the
 * model, and predict prepares new rows and images with it.
 */
export interface TrainedOn {
  task?: string;
  classes?: string[];
  inputShape?: number[];
  featureNames?: string[];
  standardisation?: { mean: number[]; std: number[] };
  /** The preprocessing fitted on the training rows (plain JSON): `model: { load }` needs no data cell to predict. */
  pipeline?: FittedPipeline;
}

/** What an export records beside the model, in model.json's `userDefinedMetadata.bigmodel`: predict reads it back. */
export interface ExportedInfo extends TrainedOn {
  exportedBy: 'BigModel Studio';
}

export interface ExportResult {
  folder: string;
  files: { name: string; bytes: number }[];
}

type At = { line: number; column: number };

/**
 * Saves the model into `folder` (created with its parents). Refuses, naming the file, when a file we would write
 * is there already and is not an earlier export of ours, unless `overwrite` is set.
 */
export async function exportModel(
  tf: Tf,
  model: LayersModel,
  folder: string,
  info: ExportedInfo,
  options: { overwrite: boolean; shownPath: string; at: At },
): Promise<ExportResult> {
  const { shownPath, at } = options;
  if (fs.existsSync(folder) && !fs.statSync(folder).isDirectory()) {
    throw new CellError(
      'invalid-cell',
      l10n.t(
        '`export.to`: {0} is a file; export writes a folder (model.json and weights.bin): name a folder that is not a file, e.g. `to: ./models/my-model`',
        shownPath,
      ),
      at,
    );
  }
  const modelPath = path.join(folder, MODEL_FILE);
  const weightsPath = path.join(folder, WEIGHTS_FILE);
  if (!options.overwrite) {
    const ours = isOurExport(modelPath);
    for (const file of [modelPath, weightsPath]) {
      if (fs.existsSync(file) && !ours) {
        throw new CellError(
          'invalid-cell',
          l10n.t(
            '`export.to`: {0} exists and was not written by an export of BigModel Studio, so it is left as it is: choose another folder, or add `overwrite: true` to replace it',
            path.join(shownPath, path.basename(file)),
          ),
          at,
        );
      }
    }
  }
  try {
    fs.mkdirSync(folder, { recursive: true });
  } catch (e) {
    throw new CellError(
      'invalid-cell',
      l10n.t('`export.to`: cannot create the folder {0}: {1}', shownPath, (e as Error).message),
      at,
    );
  }
  let artifacts: import('@tensorflow/tfjs').io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      artifacts = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (!artifacts?.weightData || !artifacts.weightSpecs)
    throw new CellError('internal', l10n.t('the model gave no weights to save'), at);
  const weights = Buffer.concat(toBuffers(artifacts.weightData));
  const json = {
    modelTopology: artifacts.modelTopology,
    format: 'layers-model',
    generatedBy: artifacts.generatedBy,
    convertedBy: artifacts.convertedBy ?? null,
    weightsManifest: [{ paths: [`./${WEIGHTS_FILE}`], weights: artifacts.weightSpecs }],
    ...(artifacts.trainingConfig ? { trainingConfig: artifacts.trainingConfig } : {}),
    userDefinedMetadata: { bigmodel: info },
  };
  const text = JSON.stringify(json);
  // Each file is written beside its final name and renamed into place: a failure never leaves half a model.
  writeAtomically(weightsPath, weights);
  writeAtomically(modelPath, Buffer.from(text));
  return {
    folder,
    files: [
      { name: MODEL_FILE, bytes: Buffer.byteLength(text) },
      { name: WEIGHTS_FILE, bytes: weights.byteLength },
    ],
  };
}

/** The model a `model: { load: … }` cell names, or undefined when the cell builds its layers instead. */
export async function loadModelOfCell(
  tf: Tf,
  cell: ParsedCell,
): Promise<{ model: LayersModel; info?: ExportedInfo } | undefined> {
  const load = cell.spec.model?.load;
  if (load === undefined) return undefined;
  const at = cell.locate(['model', 'load']);
  if (load.trim() === '')
    throw new CellError(
      'invalid-cell',
      l10n.t('`model.load` is the folder an export wrote, e.g. `load: ./models/my-model`'),
      at,
    );
  if (cell.spec.model?.layers !== undefined) {
    throw new CellError(
      'invalid-cell',
      l10n.t('`model` takes either `layers:` (a new model) or `load:` (a saved one), not both: remove one'),
      at,
    );
  }
  return loadModel(tf, load, { shownPath: load, at });
}

/** Reads a model written by `export` (or by TensorFlow.js) from a folder holding model.json, or from the model.json itself. */
export async function loadModel(
  tf: Tf,
  target: string,
  options: { shownPath: string; at: At },
): Promise<{ model: LayersModel; info?: ExportedInfo }> {
  const { shownPath, at } = options;
  const modelPath = fs.existsSync(target) && fs.statSync(target).isDirectory() ? path.join(target, MODEL_FILE) : target;
  let json: {
    modelTopology?: object;
    weightsManifest?: { paths: string[]; weights: import('@tensorflow/tfjs').io.WeightsManifestEntry[] }[];
    trainingConfig?: import('@tensorflow/tfjs').io.TrainingConfig;
    userDefinedMetadata?: { bigmodel?: ExportedInfo };
  };
  try {
    json = JSON.parse(fs.readFileSync(modelPath, 'utf8'));
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? l10n.t('there is no such file') : (e as Error).message;
    throw new CellError(
      'invalid-cell',
      l10n.t(
        '`model.load`: cannot read {0}: {1}. Give the folder an `export: { to: … }` wrote, or its model.json',
        modelPath === target ? shownPath : path.join(shownPath, MODEL_FILE),
        why,
      ),
      at,
    );
  }
  if (!json.modelTopology || !Array.isArray(json.weightsManifest)) {
    throw new CellError(
      'invalid-cell',
      l10n.t(
        '`model.load`: {0} is not a TensorFlow.js layers model (its model.json has no modelTopology or weightsManifest)',
        shownPath,
      ),
      at,
    );
  }
  const folder = path.dirname(modelPath);
  const weightSpecs = json.weightsManifest.flatMap((group) => group.weights);
  const parts: Buffer[] = [];
  for (const file of json.weightsManifest.flatMap((group) => group.paths)) {
    try {
      parts.push(fs.readFileSync(path.join(folder, file)));
    } catch (e) {
      throw new CellError(
        'invalid-cell',
        l10n.t(
          '`model.load`: cannot read the weights file {0} beside {1}: {2}',
          file,
          MODEL_FILE,
          (e as Error).message,
        ),
        at,
      );
    }
  }
  const all = Buffer.concat(parts);
  const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength) as ArrayBuffer;
  try {
    transformerLayers(tf); // a model with our attention layers names their classes: register them before reading it
    const model = await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: json.modelTopology,
        weightSpecs,
        weightData,
        trainingConfig: json.trainingConfig,
      }),
    );
    return { model, info: json.userDefinedMetadata?.bigmodel };
  } catch (e) {
    throw new CellError(
      'invalid-cell',
      l10n.t('`model.load`: TensorFlow.js cannot read {0}: {1}', shownPath, (e as Error).message),
      at,
    );
  }
}

function isOurExport(modelPath: string): boolean {
  try {
    const json = JSON.parse(fs.readFileSync(modelPath, 'utf8')) as {
      userDefinedMetadata?: { bigmodel?: { exportedBy?: string } };
    };
    return json.userDefinedMetadata?.bigmodel?.exportedBy === 'BigModel Studio';
  } catch {
    return false;
  }
}

function toBuffers(data: ArrayBuffer | ArrayBuffer[]): Buffer[] {
  return (Array.isArray(data) ? data : [data]).map((b) => Buffer.from(b));
}

function writeAtomically(file: string, bytes: Buffer): void {
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, bytes);
  fs.renameSync(temporary, file);
}
