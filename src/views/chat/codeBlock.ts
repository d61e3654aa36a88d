/**
 * The selection (or file) as Markdown for a reply: a caption naming the file and lines, then a
 * fenced block tagged with the language. The fence is longer than any run of backticks in the
 * code, so code that itself contains ``` cannot end the block early.
 */
export function toCodeBlock(code: string, options: { language?: string; fileName?: string; startLine?: number; endLine?: number }): string {
  const longestRun = Math.max(0, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  const language = /^[\w+#.-]+$/.test(options.language ?? '') && options.language !== 'plaintext' ? options.language : '';
  const lines = options.startLine !== undefined && options.endLine !== undefined
    ? options.startLine === options.endLine ? ` (line ${options.startLine})` : ` (lines ${options.startLine}–${options.endLine})`
    : '';
  const caption = options.fileName ? `\`${options.fileName.replace(/`/g, "'")}\`${lines}:\n` : '';
  return `${caption}${fence}${language}\n${code.replace(/\s+$/, '')}\n${fence}\n`;
}
