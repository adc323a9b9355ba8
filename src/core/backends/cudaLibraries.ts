// Which CUDA runtime and cuDNN libraries the machine's dynamic loader knows, so the doctor can say why
// tfjs-node-gpu (built for CUDA 11.2 / cuDNN 8.1) will or will not load.
import * as l10n from '@vscode/l10n';
import { execFileSync } from 'node:child_process';

export function cudaLibraries(): string[] {
  let listing = '';
  for (const ldconfig of ['/sbin/ldconfig', '/usr/sbin/ldconfig', 'ldconfig']) {
    try {
      listing = execFileSync(ldconfig, ['-p'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
        timeout: 5000,
      });
      break;
    } catch {
      /* try the next place ldconfig may live */
    }
  }
  const found = new Set<string>();
  for (const m of listing.matchAll(/\b(libcudart\.so\.[\d.]+|libcudnn\.so\.[\d.]+)/g)) found.add(m[1]);
  return [...found].sort();
}

export function describeCuda(): string {
  const libs = cudaLibraries();
  return libs.length > 0
    ? l10n.t('found {0}', libs.join(', '))
    : l10n.t('no libcudart or libcudnn found by the dynamic loader');
}
