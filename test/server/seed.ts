// Deterministic seed data: the same team, inboxes and conversations on every run (ids, text,
// assignments), with timestamps laid out backwards from `nowSeconds` so the demo always looks
// like the last few days. `conversations` above 40 adds short generated threads for
// benchmarks; generation is a single pass with no per-item lookups beyond maps.

import { Rng } from './rng';
import { CANNED, CONTACTS, INBOXES, LABELS, LONG_THREAD, PEOPLE, SCRIPTS, TEAMS, type Script } from './seedText';
import { blankConversation, type Store } from './store';
import type { Attachment, ChannelType, Contact, Conversation, ConversationStatus, Inbox, JsonObject, Message, NotificationType } from './types';

export interface SeedOptions {
  /** Number of conversations; 40 is the hand-shaped demo set, more adds generated ones. */
  conversations: number;
  nowSeconds: number;
  seed: number;
}

export const SEED_CONVERSATIONS = 40;
/** Conversation #1 is a long thread so message pagination (before/after) has pages to turn. */
export const LONG_THREAD_ID = 1;
const LONG_THREAD_LENGTH = 60;
const MENTION = /mention:\/\/user\/(\d+)\//;

export function seedStore(store: Store, opts: SeedOptions): void {
  const rng = new Rng(opts.seed);
  const now = opts.nowSeconds;
  seedPeople(store);
  seedCatalog(store, now);
  seedContacts(store, now);

  const total = Math.max(1, opts.conversations);
  // The demo set spans five days; a benchmark set spreads over a month.
  const span = total <= SEED_CONVERSATIONS ? 5 * 86400 : 30 * 86400;
  const step = span / total;
  for (let i = 1; i <= total; i++) {
    const created = Math.floor(now - span + (i - 1) * step - rng.int(0, 600));
    const c = i === LONG_THREAD_ID ? longThread(store, rng, created, now) : scripted(store, rng, i, created, now);
    store.conversations.set(c.displayId, c);
    store.bumpId('conversation', c.displayId);
  }
  seedNotifications(store);
  seedParticipation(store);
  seedCustomFilters(store, now);
}

/**
 * What the seeded history left behind: a Mention and a ConversationParticipant for each user a
 * private note mentions (Messages::MentionService), and a participant for each assignee
 * (ParticipationListener#assignee_changed).
 */
function seedParticipation(store: Store): void {
  for (const c of store.conversations.values()) {
    if (c.assigneeId !== null) store.addParticipant(c.assigneeId, c.displayId);
    for (const m of c.messages) {
      const mention = m.private ? MENTION.exec(m.content ?? '') : null;
      if (!mention) continue;
      store.mentions.add(`${Number(mention[1])}/${c.displayId}`);
      store.addParticipant(Number(mention[1]), c.displayId);
    }
  }
}

/** Two saved views of the demo user, as the dashboard's filter builder saves them. */
function seedCustomFilters(store: Store, now: number): void {
  const views = [
    { name: 'Urgent and high', payload: [{ attribute_key: 'priority', filter_operator: 'equal_to', values: ['urgent', 'high'], query_operator: null }] },
    {
      name: 'Open billing',
      payload: [
        { attribute_key: 'status', filter_operator: 'equal_to', values: ['open'], query_operator: 'and' },
        { attribute_key: 'labels', filter_operator: 'equal_to', values: ['billing'], query_operator: null },
      ],
    },
  ];
  for (const v of views) {
    const id = store.nextId('customFilter');
    store.customFilters.set(id, { id, userId: 1, name: v.name, filterType: 'conversation', query: { payload: v.payload }, createdAt: now - 86400, updatedAt: now - 86400 });
  }
}

function seedPeople(store: Store): void {
  PEOPLE.forEach((p, index) => {
    const id = index + 1;
    store.users.set(id, {
      id,
      name: p.name,
      displayName: p.name.split(' ')[0],
      email: p.email,
      role: p.role,
      accessToken: p.accessToken,
      pubsubToken: p.pubsubToken,
      availability: p.availability,
      autoOffline: p.autoOffline,
      signature: `${p.name}\nAcme Support`,
      notificationFlags: [...p.flags],
    });
  });
  INBOXES.forEach((inbox, index) => {
    const id = index + 1;
    store.inboxes.set(id, {
      id,
      name: inbox.name,
      channelType: inbox.channelType,
      channelId: 100 + id,
      memberIds: PEOPLE.flatMap((p, pi) => (p.inboxIds.includes(id) ? [pi + 1] : [])),
      phoneNumber: inbox.phoneNumber,
      email: inbox.email,
      enableAutoAssignment: inbox.channelType !== 'Channel::Api',
      greetingEnabled: inbox.channelType === 'Channel::WebWidget',
      workingHoursEnabled: false,
    });
  });
}

function seedCatalog(store: Store, now: number): void {
  TEAMS.forEach((t, i) => store.teams.set(i + 1, { id: i + 1, name: t.name, description: t.description, allowAutoAssign: true, memberIds: [...t.memberIds] }));
  LABELS.forEach((l, i) => store.labels.set(i + 1, { id: i + 1, title: l.title, description: l.description, color: l.color, showOnSidebar: true }));
  CANNED.forEach((c, i) => store.cannedResponses.push({ id: i + 1, shortCode: c.shortCode, content: c.content, createdAt: now - 90 * 86400, updatedAt: now - 30 * 86400 }));
  store.cacheKeys.label = store.cacheKeys.inbox = store.cacheKeys.team = (now - 30 * 86400) * 1000;
}

function seedContacts(store: Store, now: number): void {
  CONTACTS.forEach((c, i) => {
    const id = i + 1;
    store.contacts.set(id, {
      id,
      name: c.name,
      email: c.email,
      phoneNumber: c.phone,
      identifier: null,
      thumbnail: c.email ? `https://www.gravatar.com/avatar/${Buffer.from(c.email).toString('hex').slice(0, 32)}?d=404` : '',
      additionalAttributes: c.city ? { city: c.city, company_name: c.company, country: '' } : {},
      customAttributes: {},
      createdAt: now - 60 * 86400 + id * 3600,
      lastActivityAt: now - 86400,
      blocked: false,
    });
    store.bumpId('contact', id);
  });
}

function inboxFor(store: Store, channel: ChannelType): Inbox {
  for (const inbox of store.inboxes.values()) if (inbox.channelType === channel) return inbox;
  throw new Error(`seed has no ${channel} inbox`);
}

function contactFor(store: Store, rng: Rng, channel: ChannelType): Contact {
  const all = [...store.contacts.values()];
  const fits = all.filter((c) =>
    channel === 'Channel::Whatsapp' ? c.phoneNumber !== null : channel === 'Channel::Email' ? c.email !== null : channel === 'Channel::Api' ? c.name.startsWith('Partner') : !c.name.startsWith('Partner'),
  );
  return rng.pick(fits.length > 0 ? fits : all);
}

function additional(channel: ChannelType, subject: string): JsonObject {
  if (channel === 'Channel::Email') return { mail_subject: subject, source: 'email' };
  if (channel === 'Channel::WebWidget') {
    return {
      browser: { device_name: 'Unknown', browser_name: 'Chrome', platform_name: 'macOS', browser_version: '126.0.0.0', platform_version: '14.5' },
      referer: 'https://www.acme.example/pricing',
      initiated_at: { timestamp: 'Mon Jun 03 2024 10:12:44 GMT+0200 (Central European Summer Time)' },
    };
  }
  return {};
}


function push(store: Store, c: Conversation, at: number, fields: Partial<Message> & Pick<Message, 'messageType'>): Message {
  const m: Message = {
    id: store.nextId('message'),
    conversationDisplayId: c.displayId,
    inboxId: c.inboxId,
    content: null,
    contentType: 'text',
    contentAttributes: {},
    private: false,
    status: fields.messageType === 1 ? 'read' : 'sent',
    sourceId: null,
    senderType: null,
    senderId: null,
    createdAt: at,
    updatedAt: at,
    attachments: [],
    ...fields,
  };
  store.addMessage(c, m);
  return m;
}

function attachment(store: Store, kind: 'img' | 'pdf', displayId: number): Attachment {
  const id = store.nextId('attachment');
  return kind === 'img'
    ? { id, fileType: 'image', extension: 'png', dataUrl: `https://files.acme.example/rails/active_storage/blobs/${id}/screenshot-${displayId}.png`, thumbUrl: `https://files.acme.example/rails/active_storage/representations/${id}/screenshot-${displayId}.png`, fileSize: 184_322, width: 1280, height: 800 }
    : { id, fileType: 'file', extension: 'pdf', dataUrl: `https://files.acme.example/rails/active_storage/blobs/${id}/INV-20931.pdf`, thumbUrl: '', fileSize: 96_411, width: null, height: null };
}

function longThread(store: Store, rng: Rng, created: number, now: number): Conversation {
  const inbox = inboxFor(store, 'Channel::WebWidget');
  const contact = store.contacts.get(1) ?? contactFor(store, rng, 'Channel::WebWidget');
  const c = blankConversation(store, LONG_THREAD_ID, inbox, contact, created, { uuid: rng.uuid(), sourceId: rng.uuid() });
  c.assigneeId = 1;
  c.teamId = 3;
  c.labels = ['onboarding', 'vip'];
  c.priority = 'medium';
  c.additionalAttributes = additional('Channel::WebWidget', '');
  const gap = (now - 1800 - created) / LONG_THREAD_LENGTH;
  for (let k = 0; k < LONG_THREAD_LENGTH; k++) {
    const [kind, text] = LONG_THREAD[k % LONG_THREAD.length];
    const round = Math.floor(k / LONG_THREAD.length);
    const content = round === 0 ? text : `${text} (batch ${round + 1})`;
    const at = Math.floor(created + k * gap);
    push(store, c, at, kind === 'c' ? { messageType: 0, content, senderType: 'Contact', senderId: contact.id } : { messageType: 1, content, senderType: 'User', senderId: 1 });
  }
  finish(c, now, true, 'Channel::WebWidget');
  return c;
}

/** Who answers: the assignee, else an inbox member other than the demo user, else the demo user. */
function responder(store: Store, c: Conversation, inbox: Inbox, avoid?: number): number {
  if (c.assigneeId !== null && c.assigneeId !== avoid) return c.assigneeId;
  return inbox.memberIds.find((id) => id !== 1 && id !== avoid) ?? store.administrators().find((u) => u.id !== avoid)?.id ?? 1;
}

function pickStatus(rng: Rng): ConversationStatus {
  const r = rng.next();
  return r < 0.55 ? 'open' : r < 0.7 ? 'pending' : r < 0.9 ? 'resolved' : 'snoozed';
}

function scripted(store: Store, rng: Rng, displayId: number, created: number, now: number): Conversation {
  const script: Script = SCRIPTS[(displayId - 2) % SCRIPTS.length];
  const inbox = inboxFor(store, script.channel);
  const contact = contactFor(store, rng, script.channel);
  const c = blankConversation(store, displayId, inbox, contact, created, { uuid: rng.uuid(), sourceId: rng.uuid() });
  const firstLine = script.steps[0][1].split('\n')[0];
  c.additionalAttributes = additional(script.channel, firstLine.slice(0, 60));
  c.labels = [...script.labels];
  c.priority = script.priority;
  const unanswered = script.steps.every(([k]) => k === 'c');
  c.status = unanswered ? 'open' : pickStatus(rng);
  const r = rng.next();
  if (!unanswered) {
    const others = inbox.memberIds.filter((id) => id !== 1);
    c.assigneeId = r < 0.35 ? 1 : r < 0.6 && c.status !== 'resolved' ? null : others.length > 0 ? rng.pick(others) : 1;
  }
  if (rng.chance(0.3)) c.teamId = rng.int(1, store.teams.size);

  let at = created;
  const tick = (): number => (at += rng.int(120, 1500));
  script.steps.forEach(([kind, text], index) => {
    const t = tick();
    if (kind === 'c') push(store, c, t, { messageType: 0, content: text, senderType: 'Contact', senderId: contact.id, contentType: script.channel === 'Channel::Email' ? 'incoming_email' : 'text' });
    else if (kind === 'img' || kind === 'pdf') push(store, c, t, { messageType: 0, content: text, senderType: 'Contact', senderId: contact.id, attachments: [attachment(store, kind, displayId)] });
    else if (kind === 'a') push(store, c, t, { messageType: 1, content: text, senderType: 'User', senderId: responder(store, c, inbox) });
    else {
      const mentioned = MENTION.exec(text);
      push(store, c, t, { messageType: 1, private: true, content: text, senderType: 'User', senderId: responder(store, c, inbox, mentioned ? Number(mentioned[1]) : undefined) });
    }
    if (index === 0 && c.assigneeId !== null) {
      const assignee = store.users.get(c.assigneeId);
      push(store, c, tick(), { messageType: 2, content: c.assigneeId === 1 ? 'Priya Raman self-assigned this conversation' : `Assigned to ${assignee?.name ?? 'an agent'} by Priya Raman` });
    }
  });
  const closer = store.users.get(c.assigneeId ?? 1)?.name ?? 'Priya Raman';
  if (c.status === 'resolved') push(store, c, tick(), { messageType: 2, content: `Conversation was marked resolved by ${closer}` });
  if (c.status === 'pending') push(store, c, tick(), { messageType: 2, content: `Conversation was marked as pending by ${closer}` });
  if (c.status === 'snoozed') {
    c.snoozedUntil = now + rng.int(2, 48) * 3600;
    push(store, c, tick(), { messageType: 2, content: `Conversation was snoozed by ${closer}` });
  }
  finish(c, now, rng.chance(0.55) || c.status === 'resolved', script.channel);
  return c;
}

function finish(c: Conversation, now: number, read: boolean, channel: ChannelType): void {
  const chat = c.messages.filter((m) => m.messageType !== 2);
  const last = chat[chat.length - 1] ?? c.messages[c.messages.length - 1];
  c.lastActivityAt = last.createdAt;
  c.updatedAt = c.messages[c.messages.length - 1].createdAt + 0.123;
  const firstReply = chat.find((m) => m.messageType === 1 && !m.private);
  c.firstReplyCreatedAt = firstReply?.createdAt ?? null;
  const firstIncoming = chat.find((m) => m.messageType === 0);
  const lastIncoming = [...chat].reverse().find((m) => m.messageType === 0);
  c.agentLastSeenAt = read ? c.messages[c.messages.length - 1].createdAt : (firstIncoming?.createdAt ?? c.createdAt) - 1;
  c.assigneeLastSeenAt = c.assigneeId !== null ? c.agentLastSeenAt : 0;
  c.waitingSince = c.status === 'open' && last.messageType === 0 ? last.createdAt : null;
  // WhatsApp only allows free-form replies within 24 h of the customer's last message.
  c.canReply = channel !== 'Channel::Whatsapp' || (lastIncoming !== undefined && now - lastIncoming.createdAt <= 86400);
}

/** Notifications the demo user (and one agent) would have accumulated: some read, most not. */
function seedNotifications(store: Store): void {
  const add = (userId: number, type: NotificationType, c: Conversation, messageId: number | null, at: number, read: boolean): void => {
    const user = store.users.get(userId);
    if (!user?.notificationFlags.includes(type)) return;
    // One notification per user and conversation, as RemoveDuplicateNotificationJob leaves it.
    for (const n of store.notifications.values()) if (n.userId === userId && n.conversationDbId === c.dbId) store.notifications.delete(n.id);
    const id = store.nextId('notification');
    store.notifications.set(id, { id, userId, type, conversationDbId: c.dbId, messageId, readAt: read ? at + 60 : null, snoozedUntil: null, createdAt: at, lastActivityAt: at });
  };
  let assigned = 0;
  const seedSet = [...store.conversations.values()].filter((c) => c.displayId <= SEED_CONVERSATIONS);
  for (const c of seedSet) {
    if (c.assigneeId !== null && c.assigneeId !== 1) {
      add(c.assigneeId, 'conversation_assignment', c, null, c.createdAt + 300, true);
    }
    if (c.assigneeId === 1) {
      assigned++;
      const unreadIncoming = c.messages.filter((m) => m.messageType === 0 && m.createdAt > c.agentLastSeenAt);
      const lastUnread = unreadIncoming[unreadIncoming.length - 1];
      if (lastUnread) add(1, 'assigned_conversation_new_message', c, lastUnread.id, lastUnread.createdAt, false);
      else add(1, 'conversation_assignment', c, null, c.createdAt + 300, assigned % 3 !== 0);
    }
    for (const m of c.messages) {
      const mention = m.private ? MENTION.exec(m.content ?? '') : null;
      if (mention && Number(mention[1]) !== m.senderId) add(Number(mention[1]), 'conversation_mention', c, m.id, m.createdAt, false);
    }
  }
}
