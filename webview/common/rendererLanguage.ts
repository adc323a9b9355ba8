// A notebook renderer's display language: it draws in English at once, asks the host (renderer messaging), and
// hears the answer for its own notebook editor; without messaging (e.g. a static export) it stays English.
import type { RendererContext } from 'vscode-notebook-renderer';
import { isLanguageMessage, type LanguageRequestMessage } from '../../src/shared/rendererMessages';
import type { ViewLanguage } from '../../src/shared/viewText';

export class RendererLanguage {
  private current: ViewLanguage = 'en';

  /** `redraw` runs when the host's answer changes the language, to draw the mounted outputs again. */
  constructor(context: RendererContext<unknown>, redraw: (language: ViewLanguage) => void) {
    context.onDidReceiveMessage?.((message) => {
      if (!isLanguageMessage(message) || message.language === this.current) return;
      this.current = message.language;
      redraw(this.current);
    });
    // VS Code holds a renderer's message until the extension is active, so one request is enough.
    const request: LanguageRequestMessage = { type: 'language/get' };
    context.postMessage?.(request);
  }

  get language(): ViewLanguage {
    return this.current;
  }
}
