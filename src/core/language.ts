// The core's messages in the display language: @vscode/l10n reads the extension's bundle from l10n/ beside dist/.
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import { l10nBundleFile } from '../shared/displayLanguage';

/** Messages from now on are in `displayLanguage` where the bundle translates them, in English otherwise. */
export function useDisplayLanguage(displayLanguage: string | undefined, bundleFolder = path.join(__dirname, '..', 'l10n')): void {
  const file = l10nBundleFile(displayLanguage);
  try {
    if (file) l10n.config({ fsPath: path.join(bundleFolder, file) });
    else l10n.config({ contents: {} });
  } catch {
    l10n.config({ contents: {} }); // no bundle beside this build (e.g. a test's transpiled copy): English
  }
}
