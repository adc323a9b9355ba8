// The text-column tokenizer: words and Han characters, a frequency-ordered vocabulary, fixed-length padded id sequences.
import * as assert from 'node:assert/strict';
import { PAD_ID, TextTokenizer, tokenize, UNKNOWN_ID, VocabularyBuilder } from '../../src/core/data/tokenizer';

describe('data: text tokenizer', () => {
  it('splits words lower-cased, keeps inner apostrophes and numbers, and gives each Han character a token', () => {
    assert.deepEqual(tokenize("Don't STOP, 3 times!"), ["don't", 'stop', '3', 'times']);
    assert.deepEqual(tokenize('很好 great'), ['很', '好', 'great']);
    assert.deepEqual(tokenize('  ...  '), []);
  });

  it('orders the vocabulary by frequency then alphabetically, after [PAD] and [UNK], and caps its size', () => {
    const b = new VocabularyBuilder();
    for (const t of ['good movie', 'bad movie', 'good good plot']) b.add(t);
    const full = b.build(100);
    assert.deepEqual(full.vocabulary, ['[PAD]', '[UNK]', 'good', 'movie', 'bad', 'plot']);
    assert.equal(full.vocabularySize, 6);
    assert.equal(full.maxLength, 3);
    assert.deepEqual(b.build(4).vocabulary, ['[PAD]', '[UNK]', 'good', 'movie']);
  });

  it('pads short texts with 0 at the end, cuts long ones, and maps unseen words to 1', () => {
    const b = new VocabularyBuilder();
    b.add('good movie');
    const tok = new TextTokenizer(b.build(10, 4));
    assert.deepEqual(tok.encode('good'), [2, PAD_ID, PAD_ID, PAD_ID]);
    assert.deepEqual(tok.encode('a good movie, a good plot'), [UNKNOWN_ID, 2, 3, UNKNOWN_ID]);
  });
});
