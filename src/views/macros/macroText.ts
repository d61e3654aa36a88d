import * as l10n from '@vscode/l10n';
import type { MacroAction } from '../../model/macro';
import { ConversationPriority } from '../../model/conversation';
import { statusName } from '../tree/presentation';
import { PRIORITIES, priorityName } from '../tree/triage';

/** Names for the ids a macro's actions carry (agents, teams); a number when unknown. */
export interface MacroNames {
  agent(id: number): string | undefined;
  team(id: number): string | undefined;
}

const param = (a: MacroAction): unknown[] => a.action_params ?? [];
const texts = (a: MacroAction): string => param(a).map(String).join(', ');
/** The priority (or statuses) an action sets, in the tree's words; a value we do not know, as it is. */
const priorityOf = (a: MacroAction): string => {
  const value = String(param(a)[0] ?? '');
  if (!value) return priorityName(null).toLowerCase();
  return PRIORITIES.includes(value as ConversationPriority) ? priorityName(value as ConversationPriority).toLowerCase() : texts(a);
};
const statusOf = (a: MacroAction): string => param(a).map((s) => statusName(String(s)).toLowerCase()).join(', ');
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
      return String(param(a)[0]) === 'self'
        ? l10n.t('Assign to the agent who runs it')
        : l10n.t('Assign to {0}', ids.map((id) => names.agent(id) ?? l10n.t('agent {0}', id)).join(', '));
    case 'assign_team':
      return l10n.t('Assign to team {0}', ids.map((id) => names.team(id) ?? String(id)).join(', '));
    case 'remove_assigned_agent':
      return l10n.t('Unassign the agent');
    case 'remove_assigned_team':
      return l10n.t('Remove the team');
    case 'add_label':
      return l10n.t('Add labels: {0}', texts(a));
    case 'remove_label':
      return l10n.t('Remove labels: {0}', texts(a));
    case 'change_status':
      return l10n.t('Set status to {0}', statusOf(a));
    case 'resolve_conversation':
      return l10n.t('Resolve the conversation');
    case 'snooze_conversation':
      return l10n.t('Snooze the conversation');
    case 'change_priority':
      return l10n.t('Set priority to {0}', priorityOf(a));
    case 'mute_conversation':
      return l10n.t('Mute the conversation');
    case 'send_message':
      return l10n.t('Send a reply: {0}', quoteOf(a));
    case 'add_private_note':
      return l10n.t('Add a private note: {0}', quoteOf(a));
    case 'send_email_transcript':
      return l10n.t('E-mail the transcript to {0}', texts(a));
    case 'send_attachment':
      return l10n.t('Send an attachment');
    default:
      return a.action_name.replace(/_/g, ' ');
  }
}
