// Tells a canvas when VS Code switches theme, so colours read once from CSS variables can be read again.

/**
 * VS Code swaps the theme of a webview by rewriting the CSS variables on <html> and the theme class on <body>.
 * Returns the function that stops watching.
 */
export function onThemeChange(callback: () => void): () => void {
  if (typeof MutationObserver === 'undefined') return () => undefined;
  const observer = new MutationObserver(() => callback());
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
  if (document.body)
    observer.observe(document.body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-kind'] });
  return () => observer.disconnect();
}
