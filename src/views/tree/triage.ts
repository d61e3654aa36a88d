import * as l10n from '@vscode/l10n';
import { Agent, Label, Team } from '../../model/catalog';
import { ConversationPriority } from '../../model/conversation';
import { Availability } from '../../model/user';

/**
 * What the triage pickers offer (labels, priority, team, assignee), computed without vscode so it
 * is unit-tested; `triageCommands.ts` maps these rows onto quick pick items.
 */

export interface LabelChoice {
  readonly title: string;
  /** The colour in words, then as Chatwoot stores it ("blue · #1f93ff"), or the label's description. */
  readonly description: string | undefined;
  readonly detail: string | undefined;
  readonly picked: boolean;
}

/**
 * Every label of the account, the conversation's own ticked. A label the conversation has but the
 * account no longer lists is kept (and ticked): leaving it out would remove it on accept.
 */
export function labelChoices(labels: readonly Label[], current: readonly string[]): LabelChoice[] {
  const known = new Set(labels.map((l) => l.title));
  const choices = labels.map((l): LabelChoice => {
    const colour = l.color ? `${colourName(l.color) ?? l10n.t('colour')} · ${l.color}` : undefined;
    return { title: l.title, description: colour, detail: l.description || undefined, picked: current.includes(l.title) };
  });
  for (const title of current) if (!known.has(title)) choices.push({ title, description: undefined, detail: undefined, picked: true });
  return choices.sort((a, b) => a.title.localeCompare(b.title));
}

/** The picked titles in the order the conversation already had them, new ones after. */
export function chosenLabels(current: readonly string[], picked: readonly string[]): string[] {
  return [...current.filter((t) => picked.includes(t)), ...picked.filter((t) => !current.includes(t))];
}

export function sameLabelSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((t) => b.includes(t));
}

/**
 * A hex colour in plain words, for the label picker's description (a quick pick cannot paint an
 * arbitrary colour). Undefined for something that is not `#rgb` / `#rrggbb`.
 */
export function colourName(hex: string): string | undefined {
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) return undefined;
  const h = m[1].length === 3 ? [...m[1]].map((c) => c + c).join('') : m[1];
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16) / 255);
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const light = (max + min) / 2;
  const chroma = max - min;
  if (chroma < 0.12) return light < 0.2 ? l10n.t({ message: 'black', comment: 'the colour of a label' }) : light > 0.85 ? l10n.t({ message: 'white', comment: 'the colour of a label' }) : l10n.t({ message: 'grey', comment: 'the colour of a label' });
  let hue = max === r ? ((g - b) / chroma) % 6 : max === g ? (b - r) / chroma + 2 : (r - g) / chroma + 4;
  hue = (hue * 60 + 360) % 360;
  if (hue < 15 || hue >= 340) return l10n.t({ message: 'red', comment: 'the colour of a label' });
  if (hue < 45) return light < 0.35 ? l10n.t({ message: 'brown', comment: 'the colour of a label' }) : l10n.t({ message: 'orange', comment: 'the colour of a label' });
  if (hue < 70) return l10n.t({ message: 'yellow', comment: 'the colour of a label' });
  if (hue < 165) return l10n.t({ message: 'green', comment: 'the colour of a label' });
  if (hue < 195) return l10n.t({ message: 'teal', comment: 'the colour of a label' });
  if (hue < 255) return l10n.t({ message: 'blue', comment: 'the colour of a label' });
  if (hue < 290) return l10n.t({ message: 'purple', comment: 'the colour of a label' });
  return l10n.t({ message: 'pink', comment: 'the colour of a label' });
}

export interface PriorityChoice {
  readonly priority: ConversationPriority | null;
  readonly label: string;
  /** A codicon id. */
  readonly icon: string;
  readonly current: boolean;
}

export const PRIORITIES: readonly (ConversationPriority | null)[] = [null, 'low', 'medium', 'high', 'urgent'];

/** The codicon a priority is shown with, on rows and in the picker; none for no priority. */
export function priorityIcon(priority: ConversationPriority | null): string {
  switch (priority) {
    case 'urgent':
      return 'flame';
    case 'high':
      return 'arrow-up';
    case 'medium':
      return 'dash';
    case 'low':
      return 'arrow-down';
    default:
      return 'circle-slash';
  }
}

export function priorityName(priority: ConversationPriority | null): string {
  switch (priority) {
    case 'urgent':
      return l10n.t({ message: 'Urgent', comment: 'a conversation priority' });
    case 'high':
      return l10n.t({ message: 'High', comment: 'a conversation priority' });
    case 'medium':
      return l10n.t({ message: 'Medium', comment: 'a conversation priority' });
    case 'low':
      return l10n.t({ message: 'Low', comment: 'a conversation priority' });
    case null:
      return l10n.t({ message: 'None', comment: 'a conversation priority: no priority set' });
  }
}

export function priorityChoices(current: ConversationPriority | null): PriorityChoice[] {
  return PRIORITIES.map((p) => ({ priority: p, label: priorityName(p), icon: priorityIcon(p), current: p === current }));
}

export interface TeamChoice {
  /** null: remove the team. */
  readonly teamId: number | null;
  readonly label: string;
  readonly description: string | undefined;
  readonly current: boolean;
}

/** The account's teams by name, then "No team" when the conversation has one. */
export function teamChoices(teams: readonly Team[], current: number | null): TeamChoice[] {
  const choices = [...teams]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((t): TeamChoice => ({ teamId: t.id, label: t.name, description: t.description || undefined, current: t.id === current }));
  if (current !== null) choices.push({ teamId: null, label: l10n.t('No team'), description: l10n.t('Remove the team'), current: false });
  return choices;
}

export interface AgentChoice {
  readonly agentId: number;
  readonly name: string;
  readonly availability: Availability;
  readonly isMe: boolean;
  readonly current: boolean;
}

/**
 * Who is online, as the last `presence.update` said: its `users` map lists present agents only,
 * so anyone missing from it is offline (Chatwoot: lib/online_status_tracker.rb#get_available_users).
 * Before the first one, the agents list's `availability_status` is all there is.
 */
export type PresenceMap = ReadonlyMap<number, Availability>;

const AVAILABILITY_ORDER: Readonly<Record<Availability, number>> = { online: 0, busy: 1, offline: 2 };

export function availabilityOf(agent: Pick<Agent, 'id' | 'availability_status'>, presence: PresenceMap | undefined): Availability {
  if (presence) return presence.get(agent.id) ?? 'offline';
  return agent.availability_status ?? 'offline';
}

/**
 * The assignable agents for the picker: the signed-in agent first, then who can take it now
 * (online, busy, offline), then by name. AgentBots that newer versions add to the list are left
 * out: assigning one takes `assignee_type: AgentBot`, which this picker does not send
 * (Chatwoot: app/views/api/v1/accounts/assignable_agents/_payload.json.jbuilder).
 */
export function agentChoices(agents: readonly Agent[], meId: number | undefined, currentAssignee: number | undefined, presence: PresenceMap | undefined): AgentChoice[] {
  return agents
    .filter((a) => (a as { assignee_type?: unknown }).assignee_type !== 'AgentBot' && a.role !== 'agent_bot')
    .map((a): AgentChoice => ({ agentId: a.id, name: a.available_name || a.name, availability: availabilityOf(a, presence), isMe: a.id === meId, current: a.id === currentAssignee }))
    .sort((a, b) => Number(b.isMe) - Number(a.isMe) || AVAILABILITY_ORDER[a.availability] - AVAILABILITY_ORDER[b.availability] || a.name.localeCompare(b.name));
}

/** `presence.update`'s `users` (ids as strings) as a map; statuses it does not know are skipped. */
export function presenceFrom(users: Readonly<Record<string, string>>): Map<number, Availability> {
  const map = new Map<number, Availability>();
  for (const [id, status] of Object.entries(users)) {
    const n = Number(id);
    if (Number.isInteger(n) && (status === 'online' || status === 'busy' || status === 'offline')) map.set(n, status);
  }
  return map;
}
