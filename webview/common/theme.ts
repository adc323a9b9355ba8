// Colours from the VS Code theme the output or panel is shown in, so charts follow light, dark and high contrast.

export function themeColor(name: string, fallback: string, el: Element = document.body): string {
  const v = getComputedStyle(el).getPropertyValue(name).trim();
  return v || fallback;
}

export function chartColors(el?: Element) {
  return {
    foreground: themeColor('--vscode-editor-foreground', '#cccccc', el),
    grid: themeColor('--vscode-editorWidget-border', 'rgba(128,128,128,0.3)', el),
    series: [
      themeColor('--vscode-charts-blue', '#3794ff', el),
      themeColor('--vscode-charts-orange', '#d18616', el),
      themeColor('--vscode-charts-green', '#89d185', el),
      themeColor('--vscode-charts-purple', '#b180d7', el),
      themeColor('--vscode-charts-red', '#f14c4c', el),
      themeColor('--vscode-charts-yellow', '#cca700', el),
    ],
  };
}

/** Builds an element with attributes and text content (never innerHTML, so output data cannot inject markup). */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}
