// Filling a text's placeholders: `{0}`, `{1}`… from arguments in order (the l10n bundles' style), or `{name}` from
// named values (the views' string tables). A placeholder with nothing to fill it stays as written.

export function fillPositional(template: string, args: readonly string[]): string {
  return template.replace(/\{(\d+)\}/g, (whole, i: string) => args[Number(i)] ?? whole);
}

export type TextValues = Record<string, string | number>;

export function fillNamed(template: string, values: TextValues = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** A string table's text in a language, placeholders filled: `t('runs.label', { n: 2 })`; an unknown language reads the first (English). */
export function textIn<L extends string, K extends string>(
  tables: Record<L, Record<K, string>>,
  english: Record<K, string>,
  language: L | undefined,
): (key: K, values?: TextValues) => string {
  const table = (language !== undefined && tables[language]) || english;
  return (key, values) => fillNamed(table[key], values);
}
