// The core's messages in the display language: @vscode/l10n reads the extension's bundle from l10n/ beside dist/.
import * as path from 'node:path';
import * as messages from '../shared/messagesLanguage';

/** Messages from now on are in `displayLanguage` where the bundle translates them, in English otherwise. */
export function useDisplayLanguage(
  displayLanguage: string | undefined,
  bundleFolder = path.join(__dirname, '..', 'l10n'),
): void {
  messages.useDisplayLanguage(displayLanguage, bundleFolder);
}
