import type { MacroAction } from '../../model/macro';

/** Names for the ids a macro's actions carry (agents, teams); a number when unknown. */
export interface MacroNames {
  agent(id: number): string | undefined;
  team(id: number): string | undefined;
}

const param = (a: MacroAction): unknown[] => a.action_params ?? [];
const texts = (a: MacroAction): string => param(a).map(String).join(', ');
const quoteOf = (a: MacroAction): string => {
  const t = String(param(a)[0] ?? '').replace(/\s+/g, ' ').trim();
  return `“${t.length > 60 ? `${t.slice(0, 59)}…` : t}”`;
};

/**
 * One line per macro action, in words. The action names are those the dashboard's macro editor
 * offers (Chatwoot: app/services/macros/execution_service.rb and the ActionService it extends).
 */
export function describeMacroAction(a: MacroAction, names: MacroNames): string {
  const ids = param(a).map(Number).filter(Number.isInteger);
  switch (a.action_name) {
    case 'assign_agent':
      return String(param(a)[0]) === 'self' ? 'Assign to the agent who runs it' : `Assign to ${ids.map((id) => names.agent(id) ?? `agent ${id}`).join(', ')}`;
    case 'assign_team':
      return `Assign to team ${ids.map((id) => names.team(id) ?? String(id)).join(', ')}`;
    case 'remove_assigned_agent':
      return 'Unassign the agent';
    case 'remove_assigned_team':
      return 'Remove the team';
    case 'add_label':
      return `Add labels: ${texts(a)}`;
    case 'remove_label':
      return `Remove labels: ${texts(a)}`;
    case 'change_status':
      return `Set status to ${texts(a)}`;
    case 'resolve_conversation':
      return 'Resolve the conversation';
    case 'snooze_conversation':
      return 'Snooze the conversation';
    case 'change_priority':
      return `Set priority to ${texts(a) || 'none'}`;
    case 'mute_conversation':
      return 'Mute the conversation';
    case 'send_message':
      return `Send a reply: ${quoteOf(a)}`;
    case 'add_private_note':
      return `Add a private note: ${quoteOf(a)}`;
    case 'send_email_transcript':
      return `E-mail the transcript to ${texts(a)}`;
    case 'send_attachment':
      return 'Send an attachment';
    default:
      return a.action_name.replace(/_/g, ' ');
  }
}
