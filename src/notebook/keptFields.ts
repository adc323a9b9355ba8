// Fields of a cell or an output that VS Code has no place for, kept in its metadata between opening and saving.
// The file's own `metadata` object becomes VS Code's metadata, so other extensions see it and what they add is saved.

/** The metadata key (of a cell and of an output) under which the fields VS Code does not keep wait for the save. */
export const KEPT = 'bigmodel.kept';

export interface Kept {
  /** The fields this version does not know, as written and in their order. */
  extra?: Record<string, unknown>;
  /** The file's `metadata` object is VS Code's metadata itself; `extra.metadata` only marks the field's place. */
  spread?: true;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * VS Code metadata for a cell or output with these unknown fields: the file's `metadata` object (when it has keys and
 * none is ours), and KEPT holding `kept` with the unknown fields, when there is anything to keep.
 */
export function keep(extra: Record<string, unknown>, kept: Kept): Record<string, unknown> {
  const own = extra.metadata;
  const spread = isObject(own) && Object.keys(own).length > 0 && !Object.hasOwn(own, KEPT);
  const metadata: Record<string, unknown> = spread ? { ...own } : {};
  if (!spread) {
    if (Object.keys(extra).length > 0) kept.extra = extra;
  } else if (Object.keys(extra).length > 1) {
    // VS Code holds the value; the kept field only marks where `metadata` goes among the others.
    kept.extra = { ...extra, metadata: null };
    kept.spread = true;
  }
  if (Object.keys(kept).length > 0)
    Object.defineProperty(metadata, KEPT, { value: kept, enumerable: true, writable: true, configurable: true });
  return metadata;
}

/**
 * What `keep` kept, and the unknown fields to write: the file's `metadata` becomes VS Code's metadata as it is now
 * (another extension may have changed it), and metadata that VS Code or an extension added is saved in `metadata` too.
 */
export function unkeep<K extends Kept>(
  metadata: Record<string, unknown> | undefined,
): { kept: Partial<K>; extra: Record<string, unknown> } {
  const { [KEPT]: stored, ...now } = metadata ?? {};
  const kept = (isObject(stored) ? stored : {}) as Partial<K>;
  const extra: Record<string, unknown> = isObject(kept.extra) ? { ...kept.extra } : {};
  const added = Object.keys(now).length > 0;
  if (kept.spread === true) {
    if (added)
      extra.metadata = now; // in place: the field keeps its position among the unknown ones
    else delete extra.metadata;
  } else if (added) {
    extra.metadata = isObject(extra.metadata) ? { ...extra.metadata, ...now } : now;
  }
  return { kept, extra };
}
