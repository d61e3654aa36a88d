import * as vscode from 'vscode';
import { searchConversations } from '../api/conversationSearch';
import { listConversations } from '../api/conversations';
import { listMessages } from '../api/messages';
import { ActiveAccount, ChatwootConnection } from '../connection/chatwootConnection';
import { Tools } from '../constants';
import { ASSIGNEE_TYPE, Group } from '../conversations/filters';
import { ConversationStatus } from '../model/conversation';
import { ChatViews } from '../views/chat/chatViews';
import { conversationLine, messageLine, searchHitLines } from './toolText';

type StatusInput = ConversationStatus | 'all';

const text = (lines: readonly string[]) => new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(lines.join('\n'))]);

/** Language-model tools see only what the signed-in agent could; signed out, they say so. */
function requireAccount(connection: ChatwootConnection): ActiveAccount {
  const account = connection.account;
  if (!account) throw new Error('Not signed in to Chatwoot. Run "Chatwoot: Sign In" first.');
  return account;
}

function conversationId(input: { conversationId?: unknown }): number {
  const id = input.conversationId;
  if (typeof id !== 'number' || !Number.isInteger(id) || id <= 0) throw new Error('conversationId must be a conversation number, e.g. 42.');
  return id;
}

/**
 * Copilot (agent mode) tools over the signed-in Chatwoot account: list, read and search
 * conversations, and put a draft into a conversation's composer. None sends anything to a
 * customer, and none returns the access token: results are text built by toolText.ts.
 */
export function registerChatwootTools(connection: ChatwootConnection, chat: ChatViews, registerTool: typeof vscode.lm.registerTool = vscode.lm.registerTool): vscode.Disposable {
  return vscode.Disposable.from(
    registerTool<{ group?: Group; status?: StatusInput; inboxId?: number; page?: number }>(Tools.listConversations, {
      prepareInvocation: ({ input }) => ({
        // The UI's words; what the model reads (results, errors) stays English.
        invocationMessage: vscode.l10n.t('Reading the {0} conversations ({1}) from Chatwoot', input.group ?? 'mine', input.status ?? 'open'),
      }),
      async invoke({ input }) {
        const { api, accountId } = requireAccount(connection);
        const group = input.group ?? 'mine';
        const list = await listConversations(api, accountId, { assigneeType: ASSIGNEE_TYPE[group], status: input.status ?? 'open', inboxId: input.inboxId, page: input.page ?? 1 });
        const rows = list.payload.map(conversationLine);
        return text(rows.length ? rows : [`No ${input.status ?? 'open'} conversations in ${group}.`]);
      },
    }),
    registerTool<{ conversationId: number }>(Tools.readConversation, {
      prepareInvocation: ({ input }) => ({ invocationMessage: vscode.l10n.t('Reading the latest messages of Chatwoot conversation #{0}, private notes included', input.conversationId) }),
      async invoke({ input }) {
        const { api, accountId } = requireAccount(connection);
        const id = conversationId(input);
        const { payload } = await listMessages(api, accountId, id);
        return text([`Conversation #${id}, latest ${payload.length} messages, oldest first:`, ...payload.map(messageLine)]);
      },
    }),
    registerTool<{ query: string }>(Tools.searchConversations, {
      prepareInvocation: ({ input }) => ({ invocationMessage: vscode.l10n.t('Searching Chatwoot messages for "{0}"', String(input.query).slice(0, 80)) }),
      async invoke({ input }) {
        const { api, accountId } = requireAccount(connection);
        const query = String(input.query ?? '').trim();
        if (!query) throw new Error('query must not be empty.');
        const hits = await searchConversations(api, accountId, query);
        return text(hits.length ? hits.flatMap(searchHitLines) : [`No conversation has a message containing "${query}".`]);
      },
    }),
    registerTool<{ conversationId: number; text: string }>(Tools.draftReply, {
      prepareInvocation: ({ input }) => ({
        // No confirmation: nothing leaves the machine; the agent reviews the draft and sends it, or not.
        invocationMessage: vscode.l10n.t('Putting a draft reply into the composer of Chatwoot conversation #{0} (not sent)', input.conversationId),
      }),
      async invoke({ input }) {
        const { accountId } = requireAccount(connection);
        const id = conversationId(input);
        const draft = String(input.text ?? '');
        if (!draft.trim()) throw new Error('text must not be empty.');
        await chat.insertIntoComposer({ accountId, conversationId: id }, draft);
        return text([`The draft is in the composer of conversation #${id}. It has not been sent: the agent reviews and sends it.`]);
      },
    }),
  );
}
