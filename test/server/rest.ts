// Chatwoot's agent REST API (docs/chatwoot-rest.md): the routes, the auth and permission checks, and the
// response envelopes. Handlers stay thin: reads come from the store, writes go through
// Actions so every REST change emits the same cable events as on the real server.

import type { Actions } from './actions';
import { InvalidFilter, validatePayload } from './customFilters';
import { bool, int, json, ok, route, str, strList, type Reply, type Request, type Route } from './http';
import type { Presenters } from './presenters';
import {
  contactConversations,
  matchingMessages,
  SEARCH_RESULTS_PER_PAGE,
  searchContacts,
  searchContactsGlobally,
  searchConversationsGlobally,
  searchMessagesGlobally,
} from './search';
import { CONVERSATIONS_PER_PAGE, NOTIFICATIONS_PER_PAGE, type AssigneeType, type ConversationFilter, type Store } from './store';
import type { UploadedFile } from './multipart';
import type { Attachment, Availability, Conversation, ConversationStatus, Notification, Priority, User } from './types';

export const ERR_INVALID_TOKEN = { error: 'Invalid Access Token' };
export const ERR_NOT_AUTHORIZED = { error: 'You are not authorized to do this action' };
export const ERR_NOT_FOUND = { error: 'Resource could not be found' };

/** Ruby's URI::MailTo::EMAIL_REGEXP, which message_builder.rb checks e-mail recipients with. */
const EMAIL_REGEXP = /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

/** `process_email_string`: whitespace removed, split on commas; blank gives none. */
function emailList(v: unknown): string[] {
  return typeof v === 'string' ? v.replace(/\s+/g, '').split(',').filter(Boolean) : [];
}

const MESSAGES_PAGE = 20; // MessageFinder: latest / before
const MESSAGES_AFTER_LIMIT = 100;
const MESSAGES_RANGE_LIMIT = 1000;
const STATUSES: readonly ConversationStatus[] = ['open', 'resolved', 'pending', 'snoozed'];
const PRIORITIES: readonly string[] = ['low', 'medium', 'high', 'urgent'];
// Chatwoot: app/helpers/file_type_helper.rb (image_file?, video_file?).
const IMAGE_TYPES: readonly string[] = ['image/jpeg', 'image/png', 'image/gif', 'image/bmp', 'image/webp'];
const VIDEO_TYPES: readonly string[] = ['video/ogg', 'video/mp4', 'video/webm', 'video/quicktime'];

function isUploadedFile(v: unknown): v is UploadedFile {
  return typeof v === 'object' && v !== null && Buffer.isBuffer((v as UploadedFile).data);
}

const AVAILABILITIES: readonly Availability[] = ['online', 'busy', 'offline'];
const ASSIGNEE_TYPES: readonly AssigneeType[] = ['me', 'unassigned', 'assigned', 'all'];

interface Ctx {
  user: User;
}

/** Thrown by handlers to answer with a Chatwoot error; caught by the dispatcher. */
class HttpError extends Error {
  constructor(readonly reply: Reply) {
    super(`HTTP ${reply.status}`);
  }
}

const fail = (status: number, body: unknown): never => {
  throw new HttpError(json(status, body));
};

const A = '^/api/v1/accounts/(\\d+)';
const C = `${A}/conversations/(\\d+)`;

export class RestApi {
  private readonly _routes: Route<Ctx>[];

  constructor(
    private readonly _store: Store,
    private readonly _present: Presenters,
    private readonly _actions: Actions,
  ) {
    const r = (method: string, pattern: string, handler: Route<Ctx>['handler']): Route<Ctx> => ({ method, pattern: new RegExp(`${pattern}$`), handler });
    this._routes = [
      r('GET', '^/api/v1/profile', (_q, _m, ctx) => ok(this._present.profile(ctx.user))),
      r('POST', '^/api/v1/profile/availability', (q, _m, ctx) => this._availability(q, ctx)),
      r('POST', '^/api/v1/profile/auto_offline', (q, _m, ctx) => this._autoOffline(q, ctx)),
      r('GET', `${A}/conversations`, (q, m, ctx) => this._list(q, m, ctx, true)),
      r('GET', `${A}/conversations/meta`, (q, m, ctx) => this._list(q, m, ctx, false)),
      r('GET', `${A}/conversations/search`, (q, m, ctx) => this._searchConversations(q, m, ctx)),
      r('POST', `${A}/conversations/filter`, (q, m, ctx) => this._filterConversations(q, m, ctx)),
      r('GET', `${A}/custom_filters`, (q, m, ctx) => this._customFilters(q, m, ctx)),
      r('POST', `${A}/custom_filters`, (q, m, ctx) => this._createCustomFilter(q, m, ctx)),
      r('GET', C, (_q, m, ctx) => ok(this._present.conversation(this._conversation(m, ctx)))),
      r('GET', `${C}/messages`, (q, m, ctx) => this._messages(q, m, ctx)),
      r('POST', `${C}/messages`, (q, m, ctx) => this._createMessage(q, m, ctx)),
      r('DELETE', `${C}/messages/(\\d+)`, (_q, m, ctx) => this._deleteMessage(m, ctx)),
      r('POST', `${C}/toggle_status`, (q, m, ctx) => this._toggleStatus(q, m, ctx)),
      r('POST', `${C}/toggle_priority`, (q, m, ctx) => this._togglePriority(q, m, ctx)),
      r('POST', `${C}/assignments`, (q, m, ctx) => this._assign(q, m, ctx)),
      r('POST', `${C}/toggle_typing_status`, (q, m, ctx) => this._typing(q, m, ctx)),
      r('POST', `${C}/update_last_seen`, (_q, m, ctx) => this._lastSeen(m, ctx, true)),
      r('POST', `${C}/unread`, (_q, m, ctx) => this._lastSeen(m, ctx, false)),
      r('POST', `${C}/mute`, (_q, m, ctx) => (this._actions.setMuted(this._conversation(m, ctx), true), ok())),
      r('POST', `${C}/unmute`, (_q, m, ctx) => (this._actions.setMuted(this._conversation(m, ctx), false), ok())),
      r('GET', `${C}/labels`, (_q, m, ctx) => ok({ payload: [...this._conversation(m, ctx).labels] })),
      r('POST', `${C}/labels`, (q, m, ctx) => this._setLabels(q, m, ctx)),
      r('GET', `${A}/notifications`, (q, m, ctx) => this._notifications(q, m, ctx)),
      r('GET', `${A}/notifications/unread_count`, (_q, m, ctx) => (this._account(m), ok(this._store.unreadNotificationCount(ctx.user.id)))),
      r('POST', `${A}/notifications/read_all`, (q, m, ctx) => this._readAll(q, m, ctx)),
      r('PATCH', `${A}/notifications/(\\d+)`, (_q, m, ctx) => this._readOne(m, ctx)),
      r('POST', `${A}/notifications/(\\d+)/unread`, (_q, m, ctx) => this._unreadOne(m, ctx)),
      r('DELETE', `${A}/notifications/(\\d+)`, (_q, m, ctx) => (this._actions.deleteNotification(this._notification(m, ctx)), ok())),
      r('GET', `${A}/canned_responses`, (q, m) => this._canned(q, m)),
      r('GET', `${A}/labels`, (_q, m) => (this._account(m), ok({ payload: [...this._store.labels.values()].map((l) => this._present.label(l)) }))),
      r('GET', `${A}/inboxes`, (_q, m, ctx) => this._inboxes(m, ctx)),
      r('GET', `${A}/agents`, (_q, m) => (this._account(m), ok([...this._store.users.values()].map((u) => this._present.agent(u))))),
      r('GET', `${A}/assignable_agents`, (q, m) => this._assignable(q, m)),
      r('GET', `${A}/teams`, (_q, m, ctx) => (this._account(m), ok([...this._store.teams.values()].map((t) => this._present.team(t, ctx.user))))),
      r('GET', `${A}/contacts/search`, (q, m) => this._searchContacts(q, m)),
      r('GET', `${A}/contacts/(\\d+)`, (q, m) => this._contact(q, m)),
      r('GET', `${A}/contacts/(\\d+)/conversations`, (_q, m, ctx) => this._contactConversations(m, ctx)),
      r('GET', `${A}/contacts/(\\d+)/notes`, (_q, m) => this._notes(m)),
      r('POST', `${A}/contacts/(\\d+)/notes`, (q, m, ctx) => this._addNote(q, m, ctx)),
      r('GET', `${A}/contacts/(\\d+)/labels`, (_q, m) => ok({ payload: [...(this._store.contactLabels.get(this._contactId(m)) ?? [])] })),
      r('GET', `${C}/participants`, (_q, m, ctx) => ok(this._conversation(m, ctx).participantIds.flatMap((id) => { const u = this._store.users.get(id); return u ? [this._present.agent(u)] : []; }))),
      r('GET', `${A}/search`, (q, m, ctx) => this._globalSearch(q, m, ctx, ['conversations', 'contacts', 'messages'])),
      r('GET', `${A}/search/conversations`, (q, m, ctx) => this._globalSearch(q, m, ctx, ['conversations'])),
      r('GET', `${A}/search/contacts`, (q, m, ctx) => this._globalSearch(q, m, ctx, ['contacts'])),
      r('GET', `${A}/search/messages`, (q, m, ctx) => this._globalSearch(q, m, ctx, ['messages'])),
      r('GET', `${A}/macros`, (_q, m, ctx) => this._macros(m, ctx)),
      r('POST', `${A}/macros/(\\d+)/execute`, (q, m, ctx) => this._executeMacro(q, m, ctx)),
      r('GET', `${A}/cache_keys`, (_q, m) => (this._account(m), ok({ cache_keys: { ...this._store.cacheKeys } }))),
    ];
  }

  /** Authenticates, routes and renders; never throws. */
  async handle(req: Request): Promise<Reply> {
    const token = req.headers['api_access_token'] ?? req.headers['api-access-token'];
    const user = typeof token === 'string' ? this._store.userByAccessToken(token) : undefined;
    const found = route(this._routes, req.method, req.path);
    if (!found) return json(404, { status: 404, error: 'Not Found' });
    if (!user) return json(401, ERR_INVALID_TOKEN);
    try {
      return await found.route.handler(req, found.match, { user });
    } catch (e) {
      if (e instanceof HttpError) return e.reply;
      return json(500, { status: 500, error: 'Internal Server Error' });
    }
  }

  private _account(match: string[]): void {
    if (Number(match[0]) !== this._store.account.id) fail(404, ERR_NOT_FOUND);
  }

  private _conversation(match: string[], ctx: Ctx): Conversation {
    this._account(match);
    const c = this._store.conversations.get(Number(match[1]));
    if (!c) return fail(404, ERR_NOT_FOUND);
    // Pundit refuses conversations outside the agent's inboxes with 401, not 403.
    if (!this._store.canSee(ctx.user, c)) return fail(401, ERR_NOT_AUTHORIZED);
    return c;
  }

  private _availability(q: Request, ctx: Ctx): Reply {
    const profile = (q.params.profile ?? {}) as Record<string, unknown>;
    const availability = str(profile.availability) as Availability | undefined;
    if (!availability || !AVAILABILITIES.includes(availability)) return json(422, { error: 'Availability is not included in the list' });
    if (int(profile.account_id) !== this._store.account.id) return json(404, ERR_NOT_FOUND);
    this._actions.setAvailability(ctx.user, availability);
    return ok(this._present.profile(ctx.user));
  }

  private _autoOffline(q: Request, ctx: Ctx): Reply {
    const profile = (q.params.profile ?? {}) as Record<string, unknown>;
    if (int(profile.account_id) !== this._store.account.id) return json(404, ERR_NOT_FOUND);
    this._actions.setAutoOffline(ctx.user, bool(profile.auto_offline));
    return ok(this._present.profile(ctx.user));
  }

  private _filter(p: Record<string, unknown>): ConversationFilter {
    const status = str(p.status);
    const assigneeType = str(p.assignee_type);
    return {
      status: status === 'all' ? 'all' : STATUSES.includes(status as ConversationStatus) ? (status as ConversationStatus) : 'open',
      assigneeType: ASSIGNEE_TYPES.includes(assigneeType as AssigneeType) ? (assigneeType as AssigneeType) : 'all',
      inboxId: int(p.inbox_id),
      teamId: int(p.team_id),
      labels: strList(p.labels),
      q: str(p.q),
      sortBy: str(p.sort_by),
      conversationType: str(p.conversation_type),
    };
  }

  private _list(q: Request, match: string[], ctx: Ctx, withPayload: boolean): Reply {
    this._account(match);
    const p = q.params;
    const { counts, matches } = this._store.findConversations(ctx.user, this._filter(p));
    if (!withPayload) return ok({ data: { meta: counts } });
    let items = matches;
    const within = int(p.updated_within);
    if (within !== undefined) {
      // updated_within disables pagination (the dashboard's reconnect refetch).
      const since = this._store.nowMs() / 1000 - within;
      items = items.filter((c) => c.updatedAt >= since);
    } else {
      const page = Math.max(1, int(p.page) ?? 1);
      items = items.slice((page - 1) * CONVERSATIONS_PER_PAGE, page * CONVERSATIONS_PER_PAGE);
    }
    return ok({ data: { meta: counts, payload: items.map((c) => this._present.conversation(c)) } });
  }

  /**
   * POST …/conversations/filter: `{ payload: [conditions], page }` → `{ meta, payload }` (no `data`
   * wrapper); an unknown attribute, operator or query operator is 422.
   * Chatwoot: conversations_controller.rb#filter, conversations/filter.json.jbuilder
   */
  private _filterConversations(q: Request, match: string[], ctx: Ctx): Reply {
    this._account(match);
    try {
      const { counts, matches } = this._store.filterConversations(ctx.user, validatePayload(q.params.payload));
      const page = Math.max(1, int(q.params.page) ?? 1);
      const items = matches.slice((page - 1) * CONVERSATIONS_PER_PAGE, page * CONVERSATIONS_PER_PAGE);
      return ok({ meta: { mine_count: counts.mine_count, unassigned_count: counts.unassigned_count, all_count: counts.all_count }, payload: items.map((c) => this._present.conversation(c)) });
    } catch (e) {
      if (e instanceof InvalidFilter) return json(422, { error: e.message });
      throw e;
    }
  }

  /** The user's own saved filters of one type (default `conversation`), a bare array. Chatwoot: custom_filters_controller.rb#index */
  private _customFilters(q: Request, match: string[], ctx: Ctx): Reply {
    this._account(match);
    const type = str(q.params.filter_type) ?? 'conversation';
    const mine = [...this._store.customFilters.values()].filter((f) => f.userId === ctx.user.id && f.filterType === type);
    return ok(mine.map((f) => this._present.customFilter(f)));
  }

  /** `{ custom_filter: { name, filter_type, query } }` → the filter. Chatwoot: custom_filters_controller.rb#create */
  private _createCustomFilter(q: Request, match: string[], ctx: Ctx): Reply {
    this._account(match);
    const body = (q.params.custom_filter ?? {}) as Record<string, unknown>;
    const name = str(body.name);
    const query = body.query as { payload?: unknown } | undefined;
    if (!name || !query || !Array.isArray(query.payload)) return json(422, { error: 'Name and query are required' });
    const now = this._store.now();
    const id = this._store.nextId('customFilter');
    const filter = { id, userId: ctx.user.id, name, filterType: str(body.filter_type) ?? 'conversation', query: query as never, createdAt: now, updatedAt: now };
    this._store.customFilters.set(id, filter);
    return ok(this._present.customFilter(filter));
  }

  private _messages(q: Request, match: string[], ctx: Ctx): Reply {
    const c = this._conversation(match, ctx);
    const before = int(q.params.before);
    const after = int(q.params.after);
    let list = c.messages;
    if (bool(q.params.filter_internal_messages)) list = list.filter((m) => !m.private && m.messageType !== 2);
    let page;
    if (after !== undefined && before !== undefined) page = list.filter((m) => m.id >= after && m.id < before).slice(0, MESSAGES_RANGE_LIMIT);
    else if (after !== undefined) page = list.filter((m) => m.id > after).slice(0, MESSAGES_AFTER_LIMIT);
    else if (before !== undefined) page = list.filter((m) => m.id < before).slice(-MESSAGES_PAGE);
    else page = list.slice(-MESSAGES_PAGE);
    const contact = this._store.contacts.get(c.contactId);
    const assignee = c.assigneeId !== null ? this._store.users.get(c.assigneeId) : undefined;
    const meta: Record<string, unknown> = {
      labels: [...c.labels],
      additional_attributes: c.additionalAttributes,
      contact: contact ? this._present.contactPush(contact) : null,
      agent_last_seen_at: c.agentLastSeenAt,
    };
    if (assignee) {
      meta.assignee = this._present.userPush(assignee);
      meta.assignee_last_seen_at = c.assigneeLastSeenAt;
    }
    return ok({ meta, payload: page.map((m) => this._present.message(m)) });
  }

  private _createMessage(q: Request, match: string[], ctx: Ctx): Reply {
    const c = this._conversation(match, ctx);
    const p = q.params;
    const content = str(p.content) ?? '';
    const uploads = Array.isArray(p.attachments) ? p.attachments.filter(isUploadedFile) : [];
    if (!content.trim() && uploads.length === 0) return json(422, { error: "Validation failed: Content can't be blank" });
    const echoId = str(p.echo_id) ?? null;
    const messageType = str(p.message_type) ?? 'outgoing';
    if (messageType === 'incoming') {
      if (this._store.inboxes.get(c.inboxId)?.channelType !== 'Channel::Api') return json(422, { error: 'Incoming messages are only allowed in Api inboxes' });
      return ok(this._present.message(this._actions.contactMessage(c, content)));
    }
    // A multipart form carries content_attributes as JSON text, which the builder parses.
    // Chatwoot: app/builders/messages/message_builder.rb (content_attributes)
    const attrs = typeof p.content_attributes === 'string' ? parseJsonObject(p.content_attributes) : p.content_attributes;
    const contentAttributes: Record<string, unknown> = attrs !== null && typeof attrs === 'object' && !Array.isArray(attrs) ? { ...(attrs as Record<string, unknown>) } : {};
    // E-mail inboxes keep the reply's recipients; an address Ruby's EMAIL_REGEXP refuses fails the
    // whole message with 422. Chatwoot: app/builders/messages/message_builder.rb (process_emails),
    // app/controllers/api/v1/accounts/conversations/messages_controller.rb (render_could_not_create_error)
    if (this._store.inboxes.get(c.inboxId)?.channelType === 'Channel::Email') {
      const lists = { cc_emails: emailList(p.cc_emails), bcc_emails: emailList(p.bcc_emails), to_emails: emailList(p.to_emails) };
      if (Object.values(lists).flat().some((a) => !EMAIL_REGEXP.test(a))) return json(422, { error: 'Invalid email address' });
      Object.assign(contentAttributes, lists);
    }
    const m = this._actions.agentMessage(c, ctx.user, {
      content,
      private: bool(p.private),
      contentType: str(p.content_type) ?? 'text',
      contentAttributes: contentAttributes as Record<string, never>,
      echoId,
      attachments: uploads.map((u) => this._attach(u, q)),
    });
    // Chatwoot: app/views/api/v1/models/_message.json.jbuilder, rendered for the created message.
    return ok(this._present.message(m, echoId));
  }

  /**
   * One uploaded file becomes one attachment (MessageBuilder#process_attachments), typed by its
   * content type (FileTypeHelper#file_type), kept as an Active Storage blob whose URLs
   * (`url_for(file)`, a redirect to the file; a representation for images) are on this host.
   * Chatwoot: app/builders/messages/message_builder.rb, app/helpers/file_type_helper.rb,
   * app/models/attachment.rb (file_metadata, thumb_url).
   */
  private _attach(u: UploadedFile, q: Request): Attachment {
    const id = this._store.nextId('attachment');
    const key = `${id.toString(36)}${Math.random().toString(36).slice(2, 10)}`;
    this._store.blobs.set(key, { filename: u.filename, contentType: u.contentType, data: u.data });
    const origin = `http://${String(q.headers.host ?? '127.0.0.1')}`;
    const name = encodeURIComponent(u.filename);
    const fileType = IMAGE_TYPES.includes(u.contentType) ? 'image' : VIDEO_TYPES.includes(u.contentType) ? 'video' : u.contentType.includes('audio/') ? 'audio' : 'file';
    const dot = u.filename.lastIndexOf('.');
    return {
      id,
      fileType,
      extension: dot > 0 ? u.filename.slice(dot + 1) : '',
      dataUrl: `${origin}/rails/active_storage/blobs/redirect/${key}/${name}`,
      thumbUrl: fileType === 'image' ? `${origin}/rails/active_storage/representations/redirect/${key}/resize/${name}` : '',
      fileSize: u.data.length,
      // Active Storage analyses width and height in a later job: absent at creation.
      width: null,
      height: null,
    };
  }

  /**
   * Active Storage's redirect controllers send the client on to the file, which the disk service
   * then serves; a representation is served as the original here (no resizing). No API token.
   */
  activeStorage(q: Request): Reply {
    const m = /^\/rails\/active_storage\/(blobs\/redirect|representations\/redirect|disk)\/([a-z0-9]+)\//.exec(q.path);
    const blob = m ? this._store.blobs.get(m[2]) : undefined;
    if (!m || !blob || q.method !== 'GET') return json(404, ERR_NOT_FOUND);
    if (m[1] !== 'disk') return { status: 302, redirect: `/rails/active_storage/disk/${m[2]}/${encodeURIComponent(blob.filename)}` };
    return { status: 200, bytes: { contentType: blob.contentType, data: blob.data } };
  }

  /**
   * The macros the agent may see: global ones and their own personal ones, wrapped in `payload`.
   * Chatwoot: app/controllers/api/v1/accounts/macros_controller.rb (index, `Macro.with_visibility`),
   * app/views/api/v1/accounts/macros/index.json.jbuilder
   */
  private _macros(match: string[], ctx: Ctx): Reply {
    this._account(match);
    const visible = this._store.macros.filter((m) => m.visibility === 'global' || m.createdById === ctx.user.id);
    return ok({ payload: visible.map((m) => ({ id: m.id, name: m.name, visibility: m.visibility, account_id: this._store.account.id, actions: m.actions })) });
  }

  /**
   * `head :ok`, then the job runs the actions on each conversation found by display id that the
   * agent may see; here at once, through the same actions as REST (events follow the reply).
   * Chatwoot: macros_controller.rb (execute), app/jobs/macros_execution_job.rb,
   * app/services/macros/execution_service.rb
   */
  private _executeMacro(q: Request, match: string[], ctx: Ctx): Reply {
    this._account(match);
    const macro = this._store.macros.find((m) => m.id === Number(match[1]));
    if (!macro) return json(404, ERR_NOT_FOUND);
    if (macro.visibility === 'personal' && macro.createdById !== ctx.user.id) return json(401, ERR_NOT_AUTHORIZED);
    const ids = Array.isArray(q.params.conversation_ids) ? q.params.conversation_ids.map(Number) : [];
    for (const id of ids) {
      const c = this._store.conversations.get(id);
      if (!c || !this._store.canSee(ctx.user, c)) continue;
      for (const a of macro.actions) this._runMacroAction(c, a, ctx.user);
    }
    return ok();
  }

  private _runMacroAction(c: Conversation, a: { action_name: string; action_params: unknown[] }, user: User): void {
    const first = a.action_params[0];
    switch (a.action_name) {
      case 'add_label':
        this._actions.setLabels(c, [...new Set([...c.labels, ...a.action_params.map(String)])], user);
        break;
      case 'change_priority':
        this._actions.setPriority(c, first === null || first === undefined || first === 'nil' ? null : (String(first) as Priority), user);
        break;
      case 'resolve_conversation':
        this._actions.toggleStatus(c, 'resolved', null, user);
        break;
      case 'change_status':
        this._actions.toggleStatus(c, String(first) as ConversationStatus, null, user);
        break;
      case 'send_message':
      case 'add_private_note':
        this._actions.agentMessage(c, user, { content: String(first ?? ''), private: a.action_name === 'add_private_note', echoId: null });
        break;
      case 'assign_agent':
        this._actions.assign(c, first === 'self' ? user : this._store.users.get(Number(first)) ?? null, user);
        break;
      default:
        break;
    }
  }

  private _deleteMessage(match: string[], ctx: Ctx): Reply {
    const c = this._conversation(match, ctx);
    const m = c.messages.find((x) => x.id === Number(match[2]));
    if (!m) return json(404, ERR_NOT_FOUND);
    this._actions.deleteMessage(c, m);
    return ok(this._present.message(m));
  }

  private _toggleStatus(q: Request, match: string[], ctx: Ctx): Reply {
    const c = this._conversation(match, ctx);
    const status = str(q.params.status);
    if (status !== undefined && !STATUSES.includes(status as ConversationStatus)) return json(422, { error: `'${status}' is not a valid status` });
    const until = int(q.params.snoozed_until) ?? null;
    // Reopening may also change the assignee; the reply says nothing of it (toggle_status.json.jbuilder).
    this._actions.toggleStatus(c, status as ConversationStatus | undefined, until, ctx.user);
    return ok({
      meta: {},
      payload: {
        success: true,
        conversation_id: c.displayId,
        current_status: c.status,
        snoozed_until: c.snoozedUntil !== null ? new Date(c.snoozedUntil * 1000).toISOString() : null,
      },
    });
  }

  private _togglePriority(q: Request, match: string[], ctx: Ctx): Reply {
    const c = this._conversation(match, ctx);
    const raw = q.params.priority;
    if (raw !== null && raw !== undefined && raw !== 'null' && !PRIORITIES.includes(String(raw))) return json(422, { error: `'${String(raw)}' is not a valid priority` });
    this._actions.setPriority(c, raw === null || raw === undefined || raw === 'null' ? null : (String(raw) as Priority), ctx.user);
    return ok();
  }

  private _assign(q: Request, match: string[], ctx: Ctx): Reply {
    const c = this._conversation(match, ctx);
    const p = q.params;
    if ('assignee_id' in p) {
      // An unknown id unassigns, as Current.account.users.find_by(id:) returns nil.
      const id = int(p.assignee_id);
      const assignee = id !== undefined ? this._store.users.get(id) ?? null : null;
      const selfOnly = (assignee?.id ?? null) === ctx.user.id || (assignee === null && c.assigneeId === ctx.user.id);
      if (ctx.user.role !== 'administrator' && !selfOnly) return json(401, ERR_NOT_AUTHORIZED);
      this._actions.assign(c, assignee, ctx.user);
      return ok(assignee ? this._present.agent(assignee) : null);
    }
    if ('team_id' in p) {
      const id = int(p.team_id);
      const team = id !== undefined ? this._store.teams.get(id) ?? null : null;
      this._actions.assignTeam(c, team, ctx.user);
      return ok(team ? this._present.team(team, ctx.user) : null);
    }
    return ok(null);
  }

  private _typing(q: Request, match: string[], ctx: Ctx): Reply {
    const c = this._conversation(match, ctx);
    const status = str(q.params.typing_status);
    if (status !== 'on' && status !== 'off' && status !== 'recording') return json(422, { error: 'typing_status must be on, off or recording' });
    this._actions.typing(c, status !== 'off', { user: ctx.user }, bool(q.params.is_private));
    return ok();
  }

  /**
   * Neither action renders explicitly. 4.x has update_last_seen.json.jbuilder, which renders the
   * conversation partial (unread_count 0 after the write); `unread` has no template in any version,
   * nor has update_last_seen in 3.x, and Rails answers a JSON request without a template with
   * `head :no_content`: an empty 204.
   * Chatwoot: app/controllers/api/v1/accounts/conversations_controller.rb (update_last_seen, unread),
   * app/views/api/v1/accounts/conversations/update_last_seen.json.jbuilder
   */
  private _lastSeen(match: string[], ctx: Ctx, read: boolean): Reply {
    const c = this._conversation(match, ctx);
    if (read) this._actions.markRead(c, ctx.user);
    else this._actions.markUnread(c);
    return read && this._store.version >= 4 ? ok(this._present.conversation(c)) : json(204);
  }

  /**
   * Replaces the whole set with the posted titles the account has a label for (others are
   * dropped, silently), and answers the titles kept.
   * Chatwoot: app/controllers/concerns/label_concern.rb (create, valid_labels),
   * app/controllers/api/v1/accounts/conversations/labels_controller.rb
   */
  private _setLabels(q: Request, match: string[], ctx: Ctx): Reply {
    const c = this._conversation(match, ctx);
    const known = new Set([...this._store.labels.values()].map((l) => l.title));
    this._actions.setLabels(c, [...new Set(strList(q.params.labels))].filter((t) => known.has(t)), ctx.user);
    return ok({ payload: [...c.labels] });
  }

  private _notification(match: string[], ctx: Ctx): Notification {
    this._account(match);
    const n = this._store.notifications.get(Number(match[1]));
    if (!n || n.userId !== ctx.user.id) return fail(404, ERR_NOT_FOUND);
    return n;
  }

  /**
   * NotificationFinder: read and snoozed notifications are left out unless asked for, 15 a page,
   * newest activity first. How to ask differs: 4.x takes `includes[]=read` / `includes[]=snoozed`;
   * the 3.x finder this mode follows takes `type=read` / `status=snoozed` and ignores `includes`
   * (both ask for both in that one); 3.x before the finder listed everything. Each mode honours
   * only its own parameters. `unread_count` and `count` are the finder's over the requested list;
   * `current_page` echoes `params[:page]` (a string when sent).
   * Chatwoot: app/finders/notification_finder.rb (apply_filters in 3.x; type_included? in 4.x),
   * app/controllers/api/v1/accounts/notifications_controller.rb (index),
   * app/views/api/v1/accounts/notifications/index.json.jbuilder
   */
  private _notifications(q: Request, match: string[], ctx: Ctx): Reply {
    this._account(match);
    let withRead: boolean;
    let withSnoozed: boolean;
    if (this._store.version >= 4) {
      const includes = strList(q.params.includes);
      withRead = includes.includes('read');
      withSnoozed = includes.includes('snoozed');
    } else {
      withRead = str(q.params.type) === 'read';
      withSnoozed = str(q.params.status) === 'snoozed';
    }
    const all = this._store.notificationsOf(ctx.user.id);
    const list = all.filter((n) => (withRead || n.readAt === null) && (withSnoozed || n.snoozedUntil === null));
    const asc = str(q.params.sort_order) === 'asc';
    list.sort((a, b) => (asc ? 1 : -1) * (a.lastActivityAt - b.lastActivityAt || a.id - b.id));
    const rawPage = str(q.params.page);
    const page = Math.max(1, int(rawPage) ?? 1);
    return ok({
      data: {
        meta: { unread_count: list.filter((n) => n.readAt === null).length, count: list.length, current_page: rawPage ?? 1 },
        payload: list.slice((page - 1) * NOTIFICATIONS_PER_PAGE, page * NOTIFICATIONS_PER_PAGE).map((n) => this._present.notification(n)),
      },
    });
  }

  /** update_all in Chatwoot: no callbacks, so no notification.updated frames either. */
  private _readAll(q: Request, match: string[], ctx: Ctx): Reply {
    this._account(match);
    const actorId = int(q.params.primary_actor_id);
    const now = this._store.now();
    for (const n of this._store.notificationsOf(ctx.user.id)) {
      if (n.readAt === null && (actorId === undefined || n.conversationDbId === actorId)) n.readAt = now;
    }
    return ok();
  }

  private _readOne(match: string[], ctx: Ctx): Reply {
    const n = this._notification(match, ctx);
    this._actions.readNotification(n);
    return ok(this._present.notification(n));
  }

  private _unreadOne(match: string[], ctx: Ctx): Reply {
    const n = this._notification(match, ctx);
    this._actions.readNotification(n, null);
    return ok();
  }

  private _canned(q: Request, match: string[]): Reply {
    this._account(match);
    const search = str(q.params.search)?.toLowerCase();
    let list = this._store.cannedResponses;
    if (search) {
      const hits = list.filter((c) => c.shortCode.toLowerCase().includes(search) || c.content.toLowerCase().includes(search));
      // Short-code matches rank first, as the finder orders them.
      list = [...hits.filter((c) => c.shortCode.toLowerCase().includes(search)), ...hits.filter((c) => !c.shortCode.toLowerCase().includes(search))];
    }
    return ok(list.map((c) => this._present.canned(c)));
  }

  private _inboxes(match: string[], ctx: Ctx): Reply {
    this._account(match);
    const visible = this._store.visibleInboxIds(ctx.user);
    return ok({ payload: [...this._store.inboxes.values()].filter((i) => visible.has(i.id)).map((i) => this._present.inbox(i)) });
  }

  /**
   * The members of every inbox asked for (their intersection), plus the administrators, as
   * agent partials (with availability_status). An unknown inbox is a 404, as `find` raises.
   * Chatwoot: app/controllers/api/v1/accounts/assignable_agents_controller.rb,
   * app/views/api/v1/accounts/assignable_agents/index.json.jbuilder
   */
  private _assignable(q: Request, match: string[]): Reply {
    this._account(match);
    const inboxIds = strList(q.params.inbox_ids).map(Number);
    const inboxes = inboxIds.map((id) => this._store.inboxes.get(id));
    if (inboxes.some((i) => i === undefined)) return json(404, ERR_NOT_FOUND);
    const members = inboxes.map((i) => new Set(i!.memberIds));
    const ids = new Set<number>(members.length > 0 ? [...members[0]].filter((id) => members.every((m) => m.has(id))) : []);
    for (const admin of this._store.administrators()) ids.add(admin.id);
    return ok({ payload: [...ids].sort((a, b) => a - b).flatMap((id) => { const u = this._store.users.get(id); return u ? [this._present.agent(u)] : []; }) });
  }

  /** `show` renders with_contact_inboxes unless `include_contact_inboxes` is given and not 'true'. Chatwoot: contacts_controller.rb, contacts/show.json.jbuilder. */
  private _contact(q: Request, match: string[]): Reply {
    this._account(match);
    const c = this._store.contacts.get(Number(match[1]));
    const withInboxes = q.params.include_contact_inboxes === undefined || str(q.params.include_contact_inboxes) === 'true';
    return c ? ok({ payload: withInboxes ? this._present.contactWithInboxes(c) : this._present.contact(c) }) : json(404, ERR_NOT_FOUND);
  }

  /** The contact of an account-scoped path, 404 when unknown (Contacts::BaseController#ensure_contact). */
  private _contactId(match: string[]): number {
    this._account(match);
    const id = Number(match[1]);
    if (!this._store.contacts.has(id)) fail(404, ERR_NOT_FOUND);
    return id;
  }

  /** A bare array, newest first (`notes.latest`). Chatwoot: contacts/notes_controller.rb (`index`), notes/index.json.jbuilder. */
  private _notes(match: string[]): Reply {
    const contactId = this._contactId(match);
    const notes = [...this._store.contactNotes.values()].filter((n) => n.contactId === contactId).sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
    return ok(notes.map((n) => this._present.note(n)));
  }

  /**
   * `content` top-level or under `note` (permitted_note_params); the caller is the author; answers
   * the note partial; a blank one is a 422 (Note validates the content's presence).
   * Chatwoot: contacts/notes_controller.rb (`create`), app/models/note.rb.
   */
  private _addNote(q: Request, match: string[], ctx: Ctx): Reply {
    const contactId = this._contactId(match);
    const source = (typeof q.params.note === 'object' && q.params.note !== null ? q.params.note : q.params) as Record<string, unknown>;
    const content = str(source.content);
    if (!content || !content.trim()) return json(422, { message: "Content can't be blank" });
    return ok(this._present.note(this._actions.addContactNote(contactId, ctx.user.id, content)));
  }

  /**
   * ConversationFinder with `q`: every status, message content only, newest activity first, 25 a
   * page; rendered with its own envelope (no `data`) and the cut-down search partial.
   * Chatwoot: conversations_controller.rb (`search`), app/finders/conversation_finder.rb,
   * app/views/api/v1/accounts/conversations/search.json.jbuilder.
   */
  private _searchConversations(q: Request, match: string[], ctx: Ctx): Reply {
    this._account(match);
    const query = str(q.params.q);
    const { counts, matches } = this._store.findConversations(ctx.user, this._filter(q.params));
    const page = Math.max(1, int(q.params.page) ?? 1);
    const items = matches.slice((page - 1) * SEARCH_RESULTS_PER_PAGE, page * SEARCH_RESULTS_PER_PAGE);
    return ok({
      meta: { mine_count: counts.mine_count, assigned_count: counts.assigned_count, unassigned_count: counts.unassigned_count, all_count: counts.all_count },
      payload: items.map((c) => this._present.searchConversation(c, matchingMessages(c, query ?? ''))),
    });
  }

  /**
   * The global search: `{ payload: { <kind>: [...] } }` for each kind asked (`index` asks all
   * three; articles are left out, the stand-in has no help center). A missing `q` searches for
   * '' (`params[:q].to_s.strip`), which matches everything.
   * Chatwoot: app/controllers/api/v1/accounts/search_controller.rb, app/services/search_service.rb,
   * app/views/api/v1/accounts/search/{index,conversations,contacts,messages}.json.jbuilder.
   */
  private _globalSearch(q: Request, match: string[], ctx: Ctx, kinds: ReadonlyArray<'conversations' | 'contacts' | 'messages'>): Reply {
    this._account(match);
    const query = str(q.params.q) ?? '';
    const page = Math.max(1, int(q.params.page) ?? 1);
    const payload: Record<string, unknown> = {};
    for (const kind of kinds) {
      if (kind === 'conversations') payload.conversations = searchConversationsGlobally(this._store, ctx.user, query, page).map((c) => this._present.searchConversationResult(c));
      if (kind === 'contacts') payload.contacts = searchContactsGlobally(this._store, query, page).map((c) => this._present.searchContact(c));
      if (kind === 'messages') payload.messages = searchMessagesGlobally(this._store, ctx.user, query, page).map(({ conversation, message }) => this._present.searchMessage(conversation, message));
    }
    return ok({ payload });
  }

  /**
   * 422 without `q`; `{ meta: { count, current_page[, has_more] }, payload: [contact] }`.
   * `current_page` echoes `params[:page]`, so it is a string when the client sent one.
   * Chatwoot: contacts_controller.rb (`search`), app/views/api/v1/accounts/contacts/search.json.jbuilder.
   */
  private _searchContacts(q: Request, match: string[]): Reply {
    this._account(match);
    const query = str(q.params.q);
    if (!query || !query.trim()) return json(422, { error: 'Specify search string with parameter q' });
    const rawPage = str(q.params.page);
    const found = searchContacts(this._store, query, Math.max(1, int(rawPage) ?? 1));
    const meta: Record<string, unknown> = { count: found.count, current_page: rawPage ?? 1 };
    if (this._store.version === 4) meta.has_more = found.hasMore;
    // set_include_contact_inboxes: present means "== 'true'", absent means true.
    const withInboxes = q.params.include_contact_inboxes === undefined || str(q.params.include_contact_inboxes) === 'true';
    return ok({ meta, payload: found.contacts.map((c) => (withInboxes ? this._present.contactWithInboxes(c) : this._present.contact(c))) });
  }

  /**
   * 404 for an unknown contact (Contacts::BaseController); `{ payload: [conversation] }` with the
   * full list partial. Chatwoot: contacts/conversations_controller.rb,
   * app/views/api/v1/accounts/contacts/conversations/index.json.jbuilder.
   */
  private _contactConversations(match: string[], ctx: Ctx): Reply {
    this._account(match);
    const contactId = Number(match[1]);
    if (!this._store.contacts.has(contactId)) return json(404, ERR_NOT_FOUND);
    return ok({ payload: contactConversations(this._store, ctx.user, contactId).map((c) => this._present.conversation(c)) });
  }
}

function parseJsonObject(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
