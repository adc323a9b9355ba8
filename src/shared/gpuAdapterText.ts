// A WebGPU adapter in one line for people (the doctor, Check Training Setup): what Dawn says it is, and its limits.
import * as l10n from '@vscode/l10n';
import type { GpuAdapterInfo } from './protocol';

export function adapterText(a: GpuAdapterInfo): string {
  const unknown = l10n.t('unknown');
  return l10n.t(
    'adapter: vendor {0}, architecture {1}, device {2}, description {3}{4}; maxBufferSize {5}, maxStorageBufferBindingSize {6}',
    a.vendor || unknown,
    a.architecture || unknown,
    a.device || unknown,
    a.description || unknown,
    a.software ? l10n.t(' (software)') : '',
    String(a.maxBufferSize),
    String(a.maxStorageBufferBindingSize),
  );
}
