import * as l10n from '@vscode/l10n';

/**
 * The selection (or file) as Markdown for a reply: a caption naming the file and lines, then a
 * fenced block tagged with the language. The fence is longer than any run of backticks in the
 * code, so code that itself contains ``` cannot end the block early.
 */
export function toCodeBlock(code: string, options: { language?: string; fileName?: string; startLine?: number; endLine?: number }): string {
  const longestRun = Math.max(0, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  const language = /^[\w+#.-]+$/.test(options.language ?? '') && options.language !== 'plaintext' ? options.language : '';
  const file = options.fileName && `\`${options.fileName.replace(/`/g, "'")}\``;
  const { startLine, endLine } = options;
  const caption = !file
    ? ''
    : startLine === undefined || endLine === undefined
      ? `${file}:\n`
      : startLine === endLine
        ? `${l10n.t('{0} (line {1}):', file, startLine)}\n`
        : `${l10n.t('{0} (lines {1}–{2}):', file, startLine, endLine)}\n`;
  return `${caption}${fence}${language}\n${code.replace(/\s+$/, '')}\n${fence}\n`;
}
