/**
 * The conversation header: who the customer is, where the conversation came from, its status,
 * priority, assignee, team and labels, and the actions an agent takes on it.
 */
import type { ChatActionName, ChatAgent, ChatConversation } from '../../protocol/chatProtocol';
import { h, icon, iconButton } from './dom';
import { capitalize, channelLabel, fullDateTime } from './format';

export class Header {
  readonly el: HTMLElement;

  constructor(private readonly _onAction: (name: ChatActionName) => void) {
    this.el = h('header', { class: 'header' });
  }

  update(c: ChatConversation, agent: ChatAgent): void {
    const name = c.contact.name || c.contact.email || c.contact.phoneNumber || `Contact #${c.contact.id}`;
    const where = [c.inboxName, channelLabel(c.channel), `#${c.id}`].filter((s): s is string => !!s).join(' · ');

    const badges = h('div', { class: 'header__badges' }, h('span', { class: `badge badge--${c.status}`, text: statusText(c) }));
    if (c.contact.online) badges.prepend(h('span', { class: 'badge badge--online', attrs: { title: 'The customer is online now' } }, icon('circle-filled'), 'Online'));
    if (c.priority) badges.append(h('span', { class: `badge badge--priority badge--priority-${c.priority}`, attrs: { title: 'Priority' } }, icon(PRIORITY_ICONS[c.priority]), capitalize(c.priority)));
    const bot = c.assignee?.type === 'AgentBot';
    const mine = isMine(c, agent);
    badges.append(
      h(
        'span',
        { class: `header__assignee${bot ? ' header__assignee--bot' : ''}`, attrs: { title: [bot ? 'A bot is handling this conversation' : null, c.team ? `Team: ${c.team.name}` : null].filter(Boolean).join(' · ') || null } },
        icon(bot ? 'hubot' : 'account'),
        assigneeText(c, mine),
      ),
    );
    if (c.team) badges.append(h('span', { class: 'header__team', attrs: { title: 'Team' } }, icon('organization'), c.team.name));
    const labels = c.labels ?? [];
    if (labels.length > 0) {
      badges.append(
        h('ul', { class: 'header__labels', attrs: { 'aria-label': 'Labels' } }, ...labels.map((l) => h('li', { class: 'label-chip' }, icon('tag'), h('span', { text: l })))),
      );
    }

    const actions = h('div', { class: 'header__actions', attrs: { role: 'group', 'aria-label': 'Conversation actions' } });
    const add = (action: ChatActionName, iconName: string, label: string) => {
      const b = iconButton(iconName, label);
      b.dataset.action = action;
      b.addEventListener('click', () => this._onAction(action));
      actions.append(b);
    };
    if (c.status === 'resolved' || c.status === 'snoozed') add('reopen', 'issue-reopened', 'Reopen conversation');
    if (c.status !== 'resolved') add('resolve', 'check', 'Resolve conversation');
    if (c.status === 'open' || c.status === 'pending') add('snooze', 'clock', 'Snooze conversation…');
    if (!mine) add('assignToMe', 'person-add', 'Assign to me');
    add('assign', 'person', 'Assign to…');
    add('assignTeam', 'organization', 'Assign team…');
    add('editLabels', 'tag', 'Edit labels…');
    add('setPriority', 'flame', 'Set priority…');
    add('openInBrowser', 'link-external', 'Open in Chatwoot');

    // The header is one line (chat.css); what it cuts short is all in the tooltip.
    const details = [name, where, statusText(c), c.priority ? `Priority: ${capitalize(c.priority)}` : null, assigneeText(c, mine), c.team ? `Team: ${c.team.name}` : null];
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
  return c.assignee ? (mine ? 'Assigned to you' : `Assigned to ${c.assignee.name}`) : 'Unassigned';
}

function statusText(c: ChatConversation): string {
  if (c.status !== 'snoozed') return capitalize(c.status);
  return c.snoozedUntil ? `Snoozed until ${fullDateTime(c.snoozedUntil * 1000)}` : 'Snoozed until next reply';
}
