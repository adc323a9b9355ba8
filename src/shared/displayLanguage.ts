// Which l10n bundle holds the messages for a display language (VS Code's, or a terminal's locale such as zh_CN.UTF-8).

/** `bundle.l10n.zh-cn.json` for any Chinese display language; undefined for English, which needs no bundle. */
export function l10nBundleFile(displayLanguage: string | undefined): string | undefined {
  return displayLanguage?.toLowerCase().startsWith('zh') ? 'bundle.l10n.zh-cn.json' : undefined;
}
