// A word-level tokenizer and vocabulary for text columns: token ids as fixed-length integer sequences for an embedding.

/** Id 0 pads a short text; it never stands for a word (an embedding with `maskZero` can skip it). */
export const PAD_ID = 0;
/** Id 1 stands for every word the vocabulary does not hold (unseen in training, or too rare to keep). */
export const UNKNOWN_ID = 1;
export const PAD_TOKEN = '[PAD]';
export const UNKNOWN_TOKEN = '[UNK]';

/** Words (letters, digits, inner apostrophes) and single Han / kana / Hangul characters, which have no spaces between them. */
const TOKEN =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]|[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;

/** Lower-cased tokens of a text, in order. */
export function tokenize(text: string): string[] {
  return text.toLowerCase().match(TOKEN) ?? [];
}

export interface TextEncoding {
  /** Index = token id: `[PAD]`, `[UNK]`, then words from the most to the least frequent in training. */
  vocabulary: string[];
  /** `vocabulary.length`: an embedding's `inputDim`. */
  vocabularySize: number;
  /** Every sequence has exactly this many ids: longer texts are cut at the end, shorter ones padded with 0 at the end. */
  maxLength: number;
}

/**
 * Counts the training texts' tokens one text at a time (a streamed file never holds all texts), then keeps the
 * most frequent words; ties are broken alphabetically so the same data always gives the same ids.
 */
export class VocabularyBuilder {
  private readonly counts = new Map<string, number>();
  private longest = 0;

  add(text: string): void {
    const tokens = tokenize(text);
    this.longest = Math.max(this.longest, tokens.length);
    for (const t of tokens) this.counts.set(t, (this.counts.get(t) ?? 0) + 1);
  }

  /**
   * @param maxSize at most this many ids, `[PAD]` and `[UNK]` included.
   * @param maxLength the sequence length; the longest training text (at least 1) when omitted.
   */
  build(maxSize: number, maxLength?: number): TextEncoding {
    const words = [...this.counts.entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .slice(0, Math.max(0, maxSize - 2))
      .map(([w]) => w);
    const vocabulary = [PAD_TOKEN, UNKNOWN_TOKEN, ...words];
    return { vocabulary, vocabularySize: vocabulary.length, maxLength: maxLength ?? Math.max(1, this.longest) };
  }
}

/** Maps texts to ids with a fixed vocabulary. */
export class TextTokenizer {
  private readonly ids: Map<string, number>;

  constructor(readonly encoding: TextEncoding) {
    this.ids = new Map(encoding.vocabulary.map((w, i) => [w, i]));
  }

  /** Writes the text's `maxLength` ids into `out` at `offset`: words in order, unknown words as 1, padding 0 at the end. */
  encodeInto(text: string, out: Float32Array | Int32Array, offset: number): void {
    const tokens = tokenize(text);
    const n = this.encoding.maxLength;
    for (let i = 0; i < n; i++) out[offset + i] = i < tokens.length ? (this.ids.get(tokens[i]) ?? UNKNOWN_ID) : PAD_ID;
  }

  encode(text: string): number[] {
    const out = new Int32Array(this.encoding.maxLength);
    this.encodeInto(text, out, 0);
    return Array.from(out);
  }
}
