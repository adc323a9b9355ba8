// Messages in the display language, read from an l10n bundle on disk: for node-side callers only (the core and the CLI),
// as @vscode/l10n reads `fsPath` with node:fs; webviews take their text from shared/viewText instead.
import * as l10n from '@vscode/l10n';
import { l10nBundleFile } from './displayLanguage';

/**
 * Messages from now on are in `displayLanguage` where the bundle in `bundleFolder` translates them, in English otherwise
 * (also when that bundle is missing, e.g. beside a test's transpiled copy).
 */
export function useDisplayLanguage(displayLanguage: string | undefined, bundleFolder: string): void {
  const file = l10nBundleFile(displayLanguage);
  try {
    // `/` rather than node:path, which shared code does not import; Windows reads `C:\…\l10n/bundle…` alike.
    if (file) l10n.config({ fsPath: `${bundleFolder}/${file}` });
    else l10n.config({ contents: {} });
  } catch {
    l10n.config({ contents: {} });
  }
}
