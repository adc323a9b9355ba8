// Tells the notebook renderers VS Code's display language: a renderer asks when it starts, and the host answers the
// renderer of the notebook editor that asked (renderers cannot read the display language themselves).
import * as vscode from 'vscode';
import { dashboardLanguage } from '../shared/dashboard';
import {
  isLanguageRequest,
  RESULTS_RENDERER_ID,
  TRAINING_RENDERER_ID,
  type LanguageMessage,
} from '../shared/rendererMessages';

/** The part of `vscode.NotebookRendererMessaging` this uses, so a test can hand in its own. */
export type RendererMessaging = Pick<vscode.NotebookRendererMessaging, 'onDidReceiveMessage' | 'postMessage'>;

/** VS Code's display language as the renderers draw it: Simplified Chinese for any `zh*`, otherwise English. */
export function rendererLanguage(displayLanguage = vscode.env.language): LanguageMessage {
  return { type: 'language', language: dashboardLanguage(displayLanguage) };
}

/** Answers every renderer's language request, posting to the editor the request came from only. */
export function answerLanguageRequests(messaging: RendererMessaging, displayLanguage?: string): vscode.Disposable {
  return messaging.onDidReceiveMessage(({ editor, message }) => {
    if (isLanguageRequest(message)) void messaging.postMessage(rendererLanguage(displayLanguage), editor);
  });
}

export function registerRendererLanguage(): vscode.Disposable {
  return vscode.Disposable.from(
    ...[TRAINING_RENDERER_ID, RESULTS_RENDERER_ID].map((id) =>
      answerLanguageRequests(vscode.notebooks.createRendererMessaging(id)),
    ),
  );
}
