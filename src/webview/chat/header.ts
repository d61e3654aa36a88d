/**
 * The conversation header: who the customer is, where the conversation came from, its status,
 * priority, assignee, team and labels, and the actions an agent takes on it.
 */
import * as l10n from '@vscode/l10n';
import type { ChatActionName, ChatAgent, ChatConversation } from '../../protocol/chatProtocol';
import { h, icon, iconButton } from './dom';
import { channelLabel, fullDateTime, priorityLabel, statusLabel } from './format';

export class Header {
  readonly el: HTMLElement;

  constructor(private readonly _onAction: (name: ChatActionName) => void) {
    this.el = h('header', { class: 'header' });
  }

  update(c: ChatConversation, agent: ChatAgent): void {
    const name = c.contact.name || c.contact.email || c.contact.phoneNumber || l10n.t('Contact #{0}', c.contact.id);
    const where = [c.inboxName, channelLabel(c.channel), `#${c.id}`].filter((s): s is string => !!s).join(' · ');

    const badges = h('div', { class: 'header__badges' }, h('span', { class: `badge badge--${c.status}`, text: statusText(c) }));
    if (c.contact.online) badges.prepend(h('span', { class: 'badge badge--online', attrs: { title: l10n.t('The customer is online now') } }, icon('circle-filled'), l10n.t('Online')));
    if (c.priority) badges.append(h('span', { class: `badge badge--priority badge--priority-${c.priority}`, attrs: { title: l10n.t('Priority') } }, icon(PRIORITY_ICONS[c.priority]), priorityLabel(c.priority)));
    const bot = c.assignee?.type === 'AgentBot';
    const mine = isMine(c, agent);
    badges.append(
      h(
        'span',
        { class: `header__assignee${bot ? ' header__assignee--bot' : ''}`, attrs: { title: [bot ? l10n.t('A bot is handling this conversation') : null, c.team ? l10n.t('Team: {0}', c.team.name) : null].filter(Boolean).join(' · ') || null } },
        icon(bot ? 'hubot' : 'account'),
        assigneeText(c, mine),
      ),
    );
    if (c.team) badges.append(h('span', { class: 'header__team', attrs: { title: l10n.t('Team') } }, icon('organization'), c.team.name));
    const labels = c.labels ?? [];
    if (labels.length > 0) {
      badges.append(
        h('ul', { class: 'header__labels', attrs: { 'aria-label': l10n.t('Labels') } }, ...labels.map((l) => h('li', { class: 'label-chip' }, icon('tag'), h('span', { text: l })))),
      );
    }

    const actions = h('div', { class: 'header__actions', attrs: { role: 'group', 'aria-label': l10n.t('Conversation actions') } });
    const add = (action: ChatActionName, iconName: string, label: string) => {
      const b = iconButton(iconName, label);
      b.dataset.action = action;
      b.addEventListener('click', () => this._onAction(action));
      actions.append(b);
    };
    if (c.status === 'resolved' || c.status === 'snoozed') add('reopen', 'issue-reopened', l10n.t('Reopen conversation'));
    if (c.status !== 'resolved') add('resolve', 'check', l10n.t('Resolve conversation'));
    if (c.status === 'open' || c.status === 'pending') add('snooze', 'clock', l10n.t('Snooze conversation…'));
    if (!mine) add('assignToMe', 'person-add', l10n.t('Assign to me'));
    add('assign', 'person', l10n.t('Assign to…'));
    add('assignTeam', 'organization', l10n.t('Assign team…'));
    add('editLabels', 'tag', l10n.t('Edit labels…'));
    add('setPriority', 'flame', l10n.t('Set priority…'));
    add('openInBrowser', 'link-external', l10n.t('Open in Chatwoot'));

    // The header is one line (chat.css); what it cuts short is all in the tooltip.
    const details = [name, where, statusText(c), c.priority ? l10n.t('Priority: {0}', priorityLabel(c.priority)) : null, assigneeText(c, mine), c.team ? l10n.t('Team: {0}', c.team.name) : null];
    this.el.replaceChildren(
      h(
        'div',
        { class: 'header__main', attrs: { title: details.filter(Boolean).join('\n') } },
        h('h1', { class: 'header__name', text: name }),
        where ? h('div', { class: 'header__where', text: where }) : null,
        badges,
      ),
      actions,
    );
  }
}

/** The same codicons the conversation list uses (src/views/tree/triage.ts#priorityIcon). */
const PRIORITY_ICONS: Readonly<Record<NonNullable<ChatConversation['priority']>, string>> = { urgent: 'flame', high: 'arrow-up', medium: 'dash', low: 'arrow-down' };

/** Assigned to the signed-in agent: a person with the agent's id (a bot may have the same id). */
function isMine(c: ChatConversation, agent: ChatAgent): boolean {
  return !!c.assignee && c.assignee.type !== 'AgentBot' && c.assignee.id === agent.id;
}

function assigneeText(c: ChatConversation, mine: boolean): string {
  return c.assignee ? (mine ? l10n.t('Assigned to you') : l10n.t('Assigned to {0}', c.assignee.name)) : l10n.t('Unassigned');
}

function statusText(c: ChatConversation): string {
  if (c.status !== 'snoozed') return statusLabel(c.status);
  return c.snoozedUntil ? l10n.t('Snoozed until {0}', fullDateTime(c.snoozedUntil * 1000)) : l10n.t('Snoozed until next reply');
}
