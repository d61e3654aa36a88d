/**
 * Server and customer text shown literally inside a MarkdownString (tooltips): Markdown syntax is
 * backslash-escaped and `<`, `>`, `&` become entities, so `*bold*`, `[label](command:…)`,
 * `<img>`, `$(icon)` and `:`-autolinks stay text and can never become a link or a command.
 * Line breaks become spaces, so a name cannot start a heading, a list or a rule of its own.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/[\\`*_{}[\]()#+\-.!|<>~$&:=]/g, (ch) => (ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : ch === '&' ? '&amp;' : `\\${ch}`));
}
