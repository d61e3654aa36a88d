/**
 * VS Code turns `[label](target)` in a notification into a link, and runs `command:` targets
 * without asking; text from customers and servers must never become one. A zero-width space
 * between `]` and `(` keeps the text readable and the link inert.
 */
export function plainText(text: string): string {
  return text.replace(/\]\s*\(/g, ']\u200B(');
}
