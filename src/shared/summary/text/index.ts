// Picks a language's string table and fills its {placeholders}.
import type { SummaryLanguage } from '../types';
import { en, type SummaryStringKey, type SummaryStrings } from './en';
import { zhCn } from './zhCn';

export type { SummaryStringKey, SummaryStrings };

export const TABLES: Record<SummaryLanguage, SummaryStrings> = { en, 'zh-cn': zhCn };

/** A key without its audience suffix: `say('headline.regression')` finds `headline.regression.product`. */
export type TextKey = WithoutAudience<SummaryStringKey>;
type WithoutAudience<K> = K extends `${infer B}.product` ? B : K extends `${infer B}.engineering` ? B : K;

const PLACEHOLDER = /\{(\w+)\}/g;

export function fill(template: string, values: Record<string, string>): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => values[name] ?? whole);
}

export function placeholders(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]).sort();
}
