// `train.earlyStopping.monitor` against the names the training logs, as far as the cell's text tells them: `loss` and
// the metrics it names (accuracy or mse when it names none), each also as `val_…`. The core checks again against the
// data (is there a validation split?) in src/core/training/monitor.ts.
import { isMap, isScalar, type Node, type YAMLMap } from 'yaml';
import type { CellReader } from './cellDecode';
import { closest } from './suggest';

/** `train`: the section as written. */
export function checkMonitor(reader: CellReader, train: YAMLMap): void {
  const early = train.get('earlyStopping', true);
  const monitor = isMap(early) ? (early.get('monitor', true) as Node | undefined) : undefined;
  if (!isScalar(monitor) || typeof monitor.value !== 'string') return;
  const canonical = (m: string) => (m === 'acc' ? 'accuracy' : m);
  const logged = ['loss', ...(metricsWritten(train) ?? ['accuracy', 'mse']).map(canonical)];
  const names = [...logged, ...logged.map((n) => `val_${n}`)];
  const written = monitor.value;
  const bare = written.replace(/^val_/, '');
  if (names.includes(written) || names.includes(`${written.startsWith('val_') ? 'val_' : ''}${canonical(bare)}`))
    return;
  const hint = closest(written, names);
  const list = names.map((n) => `\`${n}\``).join(', ');
  reader.unknown(monitor, 'unknown-monitor', hint, [written, hint ?? '', list], [written, list]);
}

/** The metrics as written (a misspelt one included: its own problem says so). */
function metricsWritten(train: YAMLMap): string[] | undefined {
  const listed = (train.get('metrics', true) as Node | undefined)?.toJSON();
  return Array.isArray(listed) ? listed.map(String) : typeof listed === 'string' ? [listed] : undefined;
}
