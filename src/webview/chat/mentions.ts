/**
 * The markup of an @mention in a private note, written exactly as Chatwoot's dashboard writes it
 * so the server notifies the agent: `[@Name](mention://user/<id>/<encoded name>)`, with the name
 * and the URI passed through prosemirror-markdown's inline escape. Chatwoot reads only the id
 * (`(mention://(user|team)/(\d+)/(.+?))`); the name is what every reader sees.
 * Chatwoot: app/services/messages/mention_service.rb; the dashboard's serializer is
 * chatwoot/prosemirror-schema src/schema/markdown/serializer.js (`mention`).
 */

/** Someone a note can mention. */
export interface Mentionable {
  readonly id: number;
  readonly name: string;
}

/** prosemirror-markdown's `esc` for inline text: `_` between word characters stays as it is. */
export function escapeInline(text: string): string {
  return text.replace(/[`*\\~[\]_]/g, (m, i: number) =>
    m === '_' && i > 0 && i + 1 < text.length && /\w/.test(text[i - 1]) && /\w/.test(text[i + 1]) ? m : `\\${m}`,
  );
}

export function mentionMarkup(agent: Mentionable): string {
  const uri = escapeInline(`mention://user/${agent.id}/${encodeURIComponent(agent.name)}`);
  return `[${escapeInline(`@${agent.name}`)}](${uri})`;
}

/** A link target that is a mention (rendered as a chip, never as a link). */
export function isMentionUri(url: string): boolean {
  return /^mention:\/\/(?:user|team)\/\d+\//.test(url);
}

/** The label of a mention link with its backslash escapes removed. */
export function mentionLabel(raw: string): string {
  return raw.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

/** Agents whose name contains the query (case-insensitive), those starting with it first; as the dashboard's TagAgents filters. */
export function filterMentionables(all: readonly Mentionable[], query: string, max: number): Mentionable[] {
  const q = query.toLocaleLowerCase();
  return all
    .map((a) => ({ a, at: a.name.toLocaleLowerCase().indexOf(q) }))
    .filter((x) => x.at >= 0)
    .sort((x, y) => Number(x.at !== 0) - Number(y.at !== 0) || x.a.name.localeCompare(y.a.name))
    .slice(0, max)
    .map((x) => x.a);
}
