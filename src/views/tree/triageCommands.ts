import * as vscode from 'vscode';
import { Commands } from '../../constants';
import { isAssignedTo } from '../../conversations/filters';
import { ConversationPriority } from '../../model/conversation';
import { Availability } from '../../model/user';
import { action, ConversationCommandTarget, currentMark } from './commands';
import { agentChoices, chosenLabels, labelChoices, PRIORITIES, priorityChoices, sameLabelSet, teamChoices } from './triage';

/**
 * Labels, priority, team and "Assign to…": each picks from the account's current lists (fetched
 * when the picker opens, shown as soon as they arrive) and changes the conversation through the
 * optimistic actions the tree and the chat share. A second argument skips the picker (tests,
 * other features): the label titles, the priority (or null), the team id (or null), the agent id.
 */
export function registerTriageCommands(feature: ConversationCommandTarget): vscode.Disposable {
  const register = vscode.commands.registerCommand;
  /** The pick took time: the account may have changed, and the id with it. */
  const stillSame = (actions: ConversationCommandTarget['actions']) => actions !== undefined && feature.actions === actions;
  return vscode.Disposable.from(
    register(
      Commands.editLabels,
      action(feature, (id) => vscode.l10n.t('label conversation #{0}', id), async (id, extra) => {
        const actions = feature.actions;
        const before = feature.store?.get(id)?.labels ?? [];
        const labels = isStringArray(extra) ? extra : await pickLabels(feature, id, before);
        if (!labels || !stillSame(actions)) return;
        const current = feature.store?.get(id)?.labels ?? before;
        const next = chosenLabels(current, labels);
        if (!sameLabelSet(next, current)) await actions!.setLabels(id, next);
      }),
    ),
    register(
      Commands.setPriority,
      action(feature, (id) => vscode.l10n.t('set the priority of conversation #{0}', id), async (id, extra) => {
        const actions = feature.actions;
        const priority = PRIORITIES.includes(extra as ConversationPriority | null) ? (extra as ConversationPriority | null) : await pickPriority(feature, id);
        if (priority !== undefined && stillSame(actions)) await actions!.setPriority(id, priority);
      }),
    ),
    register(
      Commands.assignTeam,
      action(feature, (id) => vscode.l10n.t('assign a team to conversation #{0}', id), async (id, extra) => {
        const actions = feature.actions;
        const teamId = typeof extra === 'number' || extra === null ? extra : await pickTeam(feature, id);
        if (teamId !== undefined && stillSame(actions)) await actions!.assignTeam(id, teamId);
      }),
    ),
    register(
      Commands.unassignTeam,
      action(feature, (id) => vscode.l10n.t('remove the team of conversation #{0}', id), (id) => feature.actions!.assignTeam(id, null)),
    ),
    register(
      Commands.assignConversation,
      action(feature, (id) => vscode.l10n.t('assign conversation #{0}', id), async (id, extra) => {
        const actions = feature.actions;
        const agentId = typeof extra === 'number' ? extra : await pickAgent(feature, id);
        if (agentId !== undefined && stillSame(actions)) await actions!.assign(id, agentId);
      }),
    ),
  );
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

async function pickLabels(feature: ConversationCommandTarget, id: number, current: readonly string[]): Promise<string[] | undefined> {
  const sync = feature.sync;
  if (!sync) return undefined;
  type LabelPick = vscode.QuickPickItem & { title: string };
  const items = sync.backend.labels().then((labels) =>
    labelChoices(labels, current).map((c): LabelPick => ({ label: c.title, title: c.title, description: c.description, detail: c.detail, picked: c.picked, iconPath: new vscode.ThemeIcon('tag') })),
  );
  const picked = await vscode.window.showQuickPick<LabelPick>(items, {
    title: vscode.l10n.t('Edit Labels of Conversation #{0}', id),
    placeHolder: vscode.l10n.t('Labels (the ticked ones are set)'),
    canPickMany: true,
    matchOnDescription: true,
  });
  return picked?.map((p) => p.title);
}

async function pickPriority(feature: ConversationCommandTarget, id: number): Promise<ConversationPriority | null | undefined> {
  const current = feature.store?.get(id)?.priority ?? null;
  type PriorityPick = vscode.QuickPickItem & { priority: ConversationPriority | null };
  const picked = await vscode.window.showQuickPick<PriorityPick>(
    priorityChoices(current).map((c) => ({ label: c.label, priority: c.priority, iconPath: new vscode.ThemeIcon(c.icon), description: c.current ? currentMark() : undefined })),
    { title: vscode.l10n.t('Set Priority of Conversation #{0}', id), placeHolder: vscode.l10n.t('Priority') },
  );
  return picked?.priority;
}

async function pickTeam(feature: ConversationCommandTarget, id: number): Promise<number | null | undefined> {
  const sync = feature.sync;
  if (!sync) return undefined;
  const current = feature.store?.get(id)?.teamId ?? null;
  type TeamPick = vscode.QuickPickItem & { teamId: number | null };
  const items = sync.backend.teams().then((teams) =>
    teamChoices(teams, current).map((c): TeamPick => ({
      label: c.label,
      teamId: c.teamId,
      description: [c.current ? currentMark() : '', c.description ?? ''].filter(Boolean).join(' · ') || undefined,
      iconPath: new vscode.ThemeIcon(c.teamId === null ? 'circle-slash' : 'organization'),
    })),
  );
  const picked = await vscode.window.showQuickPick<TeamPick>(items, { title: vscode.l10n.t('Assign Team to Conversation #{0}', id), placeHolder: vscode.l10n.t('Team'), matchOnDescription: true });
  return picked?.teamId;
}

/** Online green, busy amber, offline dimmed: the colours Chatwoot's own dots use, as theme colours. */
const AVAILABILITY_COLOURS: Readonly<Record<Availability, string>> = {
  online: 'charts.green',
  busy: 'charts.yellow',
  offline: 'disabledForeground',
};

function availabilityName(availability: Availability): string {
  switch (availability) {
    case 'online':
      return vscode.l10n.t({ message: 'online', comment: 'the availability of an agent' });
    case 'busy':
      return vscode.l10n.t({ message: 'busy', comment: 'the availability of an agent' });
    case 'offline':
      return vscode.l10n.t({ message: 'offline', comment: 'the availability of an agent' });
  }
}

async function pickAgent(feature: ConversationCommandTarget, id: number): Promise<number | undefined> {
  const store = feature.store;
  const sync = feature.sync;
  if (!store || !sync) return undefined;
  const current = store.get(id);
  const inboxId = current?.inboxId;
  // A bot holding it may share an agent's id: only a person is marked as the assignee.
  const assignee = current && current.assigneeId !== null && isAssignedTo(current, current.assigneeId) ? current.assigneeId : undefined;
  type AgentPick = vscode.QuickPickItem & { agentId: number };
  const items = sync.backend.assignableAgents(inboxId === undefined ? [] : [inboxId]).then((agents) =>
    agentChoices(agents, store.meId, assignee, feature.presence).map((c): AgentPick => ({
      label: c.isMe ? vscode.l10n.t('{0} (you)', c.name) : c.name,
      description: [availabilityName(c.availability), c.current ? vscode.l10n.t({ message: 'assigned', comment: 'marks the agent the conversation is assigned to now' }) : ''].filter(Boolean).join(' · '),
      iconPath: new vscode.ThemeIcon(c.availability === 'offline' ? 'circle-outline' : 'circle-filled', new vscode.ThemeColor(AVAILABILITY_COLOURS[c.availability])),
      agentId: c.agentId,
    })),
  );
  const picked = await vscode.window.showQuickPick<AgentPick>(items, { title: vscode.l10n.t('Assign Conversation #{0}', id), placeHolder: vscode.l10n.t('Assign to… (type to search)'), matchOnDescription: true });
  return picked?.agentId;
}
