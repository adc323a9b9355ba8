// The seed models a notebook can start from ("BigModel: New Notebook"): the same five models the snippets offer,
// as the `bigmodel` cells of a notebook. Pure data; the host adds each template's localised title and intro.

export type SeedModelId = 'binary-classifier' | 'mlp' | 'cnn' | 'recommender' | 'text-transformer';

export interface SeedModel {
  id: SeedModelId;
  /** The code cells, in order: data, model, training with evaluation, summary. */
  cells: string[];
  /** Files the user must put beside the notebook before it runs (relative to the notebook's folder). */
  needsFiles: string[];
}

const lines = (...l: string[]) => l.join('\n');

const summary = (goal: string) => lines('summary:', `  goal: { ${goal} }`, '  audience: product', '  language: auto');

// The MLP and the CNN read the same pictures and train the same way, so that what differs in their results is the model.
const fashionMnistData = lines('data:', '  source: fashion-mnist', '  validation: 0.1', '  seed: 42');
const fashionMnistTraining = lines(
  'train:',
  '  optimizer: adam',
  '  learningRate: 0.001',
  '  epochs: 5',
  '  batchSize: 64',
  'evaluate:',
  '  on: test',
);

export const SEED_MODELS: readonly SeedModel[] = [
  {
    id: 'binary-classifier',
    needsFiles: [],
    cells: [
      lines('data:', '  source: xor', '  validation: 0.2', '  seed: 42'),
      lines(
        'model:',
        '  layers:',
        '    - dense: { units: 10, activation: relu }',
        '    - dense: { units: 1, activation: sigmoid }',
      ),
      lines(
        'train:',
        '  optimizer: adam',
        '  learningRate: 0.02',
        '  epochs: 30',
        '  batchSize: 32',
        'evaluate:',
        '  on: test',
      ),
      summary('accuracy: 0.95'),
    ],
  },
  {
    id: 'mlp',
    needsFiles: [],
    cells: [
      fashionMnistData,
      lines(
        'model:',
        '  layers:',
        '    - flatten',
        '    - dense: { units: 500, activation: relu }',
        '    - dense: { units: 10, activation: softmax }',
      ),
      fashionMnistTraining,
      summary('accuracy: 0.88'),
    ],
  },
  {
    id: 'cnn',
    needsFiles: [],
    cells: [
      fashionMnistData,
      lines(
        'model:',
        '  layers:',
        '    - conv2d: { filters: 32, kernelSize: 3, activation: relu }',
        '    - maxPooling2d: { poolSize: 2 }',
        '    - conv2d: { filters: 64, kernelSize: 3, activation: relu }',
        '    - maxPooling2d: { poolSize: 2 }',
        '    - conv2d: { filters: 64, kernelSize: 3, activation: relu }',
        '    - flatten',
        '    - dense: { units: 64, activation: relu }',
        '    - dense: { units: 10, activation: softmax }',
      ),
      fashionMnistTraining,
      summary('accuracy: 0.9'),
    ],
  },
  {
    id: 'recommender',
    needsFiles: ['data/ratings.csv'],
    cells: [
      // Ids are names, not amounts: scaling them would mix up users and items.
      lines(
        'data:',
        '  train: ./data/ratings.csv',
        '  label: rating',
        '  features: [user, item]',
        '  normalize: false',
        '  validation: 0.1',
        '  seed: 42',
      ),
      // One table holds the users' and the items' vectors (item ids numbered after the user ids): inputDim above the largest id.
      lines(
        'model:',
        '  layers:',
        '    - embedding: { inputDim: 10000, outputDim: 32 }',
        '    - flatten',
        '    - dense: { units: 64, activation: relu }',
        '    - dense: { units: 1 }',
      ),
      lines(
        'train:',
        '  optimizer: adam',
        '  learningRate: 0.001',
        '  loss: meanSquaredError',
        '  metrics: [mae]',
        '  epochs: 10',
        '  batchSize: 256',
        'evaluate:',
        '  on: validation',
      ),
      summary('mae: 0.8'),
    ],
  },
  {
    id: 'text-transformer',
    needsFiles: ['data/reviews.csv'],
    cells: [
      // The vocabulary size is the embedding's inputDim: every word id has a vector.
      lines(
        'data:',
        '  train: ./data/reviews.csv',
        '  label: sentiment',
        '  text: text',
        '  vocabularySize: 10000',
        '  maxLength: 64',
        '  validation: 0.1',
        '  seed: 42',
      ),
      lines(
        'model:',
        '  layers:',
        '    - embedding: { inputDim: 10000, outputDim: 64 }',
        '    - positionEmbedding',
        '    - transformerEncoder: { numHeads: 4, intermediateDim: 128 }',
        '    - globalAveragePooling1d',
        '    - dropout: 0.1',
        '    - dense: { units: 2, activation: softmax }',
      ),
      lines(
        'train:',
        '  optimizer: adam',
        '  learningRate: 0.0005',
        '  epochs: 5',
        '  batchSize: 32',
        '  earlyStopping: { monitor: val_loss, patience: 2, restoreBest: true }',
        'evaluate:',
        '  on: validation',
      ),
      summary('accuracy: 0.85'),
    ],
  },
];

export function seedModel(id: string): SeedModel | undefined {
  return SEED_MODELS.find((m) => m.id === id);
}
