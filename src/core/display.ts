// What `display(value)` in a script cell shows: a tensor as a table, a model as its summary, a payload with its
// renderer, text as text, anything else as JSON; every output with a text/plain sibling (spec sections 2 and 4).
import * as l10n from '@vscode/l10n';
import { formatWithOptions } from 'node:util';
import type { LayersModel, Tensor } from '@tensorflow/tfjs';
import {
  evaluationText,
  MIME,
  summaryText,
  trainingText,
  type EvaluationPayload,
  type SummaryPayload,
  type TrainingPayload,
} from '../shared/outputs';
import type { CellOutput } from '../shared/protocol';
import { describeModel, modelSummaryText } from './modelBuilder';
import type { Tf } from './tf';

const MAX_ROWS = 50;
const MAX_COLUMNS = 20;

export function displayOutput(tf: Tf, value: unknown): CellOutput {
  if (value instanceof tf.Tensor) return tensorOutput(value);
  if (value instanceof tf.LayersModel) {
    const summary = describeModel(value as LayersModel);
    return {
      items: [
        { mime: MIME.modelSummary, data: summary },
        { mime: 'text/plain', data: modelSummaryText(summary) },
      ],
    };
  }
  if (typeof value === 'string') return text(value);
  if (value === null || typeof value !== 'object') return text(String(value));
  const payload = payloadOutput(value as Record<string, unknown>);
  if (payload) return payload;
  let json: string | undefined;
  try {
    json = JSON.stringify(value, (_k, v: unknown) => (v instanceof tf.Tensor ? v.toString() : v), 2);
  } catch {
    json = undefined; // circular: Node's own formatting copes
  }
  if (json === undefined) return text(formatWithOptions({ colors: false, depth: 4 }, value));
  return {
    items: [
      { mime: 'application/json', data: JSON.parse(json) },
      { mime: 'text/plain', data: json },
    ],
  };
}

function text(data: string): CellOutput {
  return { items: [{ mime: 'text/plain', data }] };
}

/** A payload of spec section 4 (`schema: 1`) goes to its renderer, recognised by its fields. */
function payloadOutput(v: Record<string, unknown>): CellOutput | undefined {
  if (v.schema !== 1) return undefined;
  if (Array.isArray(v.epochs) && 'backend' in v)
    return {
      items: [
        { mime: MIME.training, data: v },
        { mime: 'text/plain', data: trainingText(v as unknown as TrainingPayload) },
      ],
    };
  if ('metrics' in v && 'on' in v)
    return {
      items: [
        { mime: MIME.evaluation, data: v },
        { mime: 'text/plain', data: evaluationText(v as unknown as EvaluationPayload) },
      ],
    };
  if ('verdict' in v && 'markdown' in v)
    return {
      items: [
        { mime: MIME.summary, data: v },
        { mime: 'text/plain', data: summaryText(v as unknown as SummaryPayload) },
      ],
    };
  if (Array.isArray(v.layers) && 'totalParams' in v)
    return {
      items: [
        { mime: MIME.modelSummary, data: v },
        { mime: 'text/plain', data: JSON.stringify(v, null, 2) },
      ],
    };
  if ('splits' in v && 'inputShape' in v)
    return {
      items: [
        { mime: MIME.dataPreview, data: v },
        { mime: 'text/plain', data: JSON.stringify(v, null, 2) },
      ],
    };
  return undefined;
}

/** A tensor of rank 0–2 as a Markdown table (first rows and columns of a large one); higher ranks as text. */
function tensorOutput(t: Tensor): CellOutput {
  if (t.isDisposed) return text(`Tensor (disposed), shape [${t.shape.join(', ')}], ${t.dtype}`);
  const plain = t.toString();
  const heading = `Tensor \`[${t.shape.join(', ')}]\` ${t.dtype}`;
  if (t.rank > 2)
    return {
      items: [
        { mime: 'text/markdown', data: `${heading}\n\n\`\`\`\n${plain}\n\`\`\`` },
        { mime: 'text/plain', data: plain },
      ],
    };
  const values = t.arraySync() as unknown;
  const rows: unknown[][] =
    t.rank === 0 ? [[values]] : t.rank === 1 ? (values as unknown[]).map((v) => [v]) : (values as unknown[][]);
  const columns = rows[0]?.length ?? 0;
  const shownColumns = Math.min(columns, MAX_COLUMNS);
  const cell = (v: unknown) => (typeof v === 'number' ? format(v) : String(v));
  const lines = [
    `| | ${Array.from({ length: shownColumns }, (_, j) => String(j)).join(' | ')}${columns > shownColumns ? ' | …' : ''} |`,
    `|---|${'---:|'.repeat(shownColumns)}${columns > shownColumns ? '---|' : ''}`,
    ...rows
      .slice(0, MAX_ROWS)
      .map(
        (r, i) =>
          `| **${i}** | ${r.slice(0, shownColumns).map(cell).join(' | ')}${columns > shownColumns ? ' | …' : ''} |`,
      ),
  ];
  if (rows.length > MAX_ROWS) lines.push(`\n${l10n.t('… {0} more rows', rows.length - MAX_ROWS)}`);
  return {
    items: [
      { mime: 'text/markdown', data: `${heading}\n\n${lines.join('\n')}` },
      { mime: 'text/plain', data: plain },
    ],
  };
}

function format(v: number): string {
  if (Number.isInteger(v)) return String(v);
  return Math.abs(v) >= 1e-3 && Math.abs(v) < 1e6 ? String(Number(v.toPrecision(6))) : v.toExponential(4);
}
