import { ApiError } from '../../../src/api/errors';
import { ChatBackend } from '../../../src/chat/chatBackend';
import { Conversation } from '../../../src/model/conversation';
import { Message } from '../../../src/model/message';
import type { WireCannedResponse } from '../../../src/protocol/chatProtocol';

export interface Request {
  readonly op: 'conversation' | 'messages' | 'send' | 'retry' | 'typing' | 'canned';
  readonly conversationId?: number;
  readonly before?: number;
  readonly after?: number;
  readonly body?: unknown;
}

/**
 * An in-memory Chatwoot for one chat, written from the server's rules and not from the product:
 * messages page as `MessageFinder` pages them (latest 20, 20 before an id, 100 after an id, in id
 * order), sends get the next id and carry their echo id back in the answer only (Chatwoot stores
 * no echo id, so lists never carry one), and every request is recorded. A
 * test can hold answers until it releases them, or make the next calls of one kind fail.
 */
export class FakeChatServer implements ChatBackend {
  readonly requests: Request[] = [];
  private readonly _conversations = new Map<number, Conversation>();
  private readonly _messages = new Map<number, Message[]>();
  private _nextId = 1;
  private _held: Array<() => void> | undefined;
  private readonly _failures: Array<{ op: Request['op']; error: Error }> = [];
  /** The agent whose token the client uses: the sender of its replies. */
  agentId = 7;
  canned: WireCannedResponse[] = [{ id: 1, short_code: 'hi', content: 'Hello {{contact.name}}' }];

  addConversation(c: Conversation): void {
    this._conversations.set(c.id, c);
    if (!this._messages.has(c.id)) this._messages.set(c.id, []);
  }

  /** Changes the conversation as another agent would (nothing is told to the client). */
  updateConversation(id: number, change: Partial<Conversation>): void {
    const c = this._conversations.get(id);
    if (!c) throw new Error(`no conversation ${id}`);
    this._conversations.set(id, { ...c, ...change, updated_at: (c.updated_at ?? 0) + 1 });
  }

  /** A message from the contact, stored with the next id; returned so a test can push it as an event. */
  addIncoming(conversationId: number, content: string): Message {
    return this._store(conversationId, { content, message_type: 0, private: false });
  }

  /** A reply stored as a send by agent `senderId` stores it, e.g. one whose answer the client lost. */
  addOutgoing(conversationId: number, content: string, opts: { private?: boolean; senderId?: number; createdAt?: number } = {}): Message {
    const fields: Partial<Message> = { content, message_type: 1, private: opts.private ?? false, sender_type: 'User', sender_id: opts.senderId ?? this.agentId };
    return this._store(conversationId, opts.createdAt === undefined ? fields : { ...fields, created_at: opts.createdAt });
  }

  addMany(conversationId: number, n: number, prefix = 'message'): Message[] {
    return Array.from({ length: n }, (_, i) => this.addIncoming(conversationId, `${prefix} ${i + 1}`));
  }

  all(conversationId: number): readonly Message[] {
    return this._messages.get(conversationId) ?? [];
  }

  /** Answers wait until `release()`. */
  hold(): void {
    this._held ??= [];
  }

  get heldCount(): number {
    return this._held?.length ?? 0;
  }

  release(): void {
    const held = this._held ?? [];
    this._held = undefined;
    for (const go of held) go();
  }

  failNext(op: Request['op'], error: Error = new ApiError('server', 'server error (500)'), times = 1): void {
    for (let i = 0; i < times; i++) this._failures.push({ op, error });
  }

  /** `GET …/conversations/{id}`. */
  async conversation(id: number): Promise<Conversation> {
    await this._gate({ op: 'conversation', conversationId: id });
    const c = this._conversations.get(id);
    if (!c) throw new ApiError('not-found', 'not found (404)');
    return c;
  }

  async messages(conversationId: number, page: { before?: number; after?: number } = {}): Promise<readonly Message[]> {
    await this._gate({ op: 'messages', conversationId, before: page.before, after: page.after });
    const all = this._list(conversationId);
    if (page.after !== undefined) return all.filter((m) => m.id > page.after!).slice(0, 100);
    if (page.before !== undefined) return all.filter((m) => m.id < page.before!).slice(-20);
    return all.slice(-20);
  }

  async send(conversationId: number, message: { content: string; private: boolean; echoId: string }): Promise<Message> {
    await this._gate({ op: 'send', conversationId, body: message });
    const stored = this.addOutgoing(conversationId, message.content, { private: message.private });
    return { ...stored, echo_id: message.echoId };
  }

  async retryMessage(conversationId: number, messageId: number): Promise<void> {
    await this._gate({ op: 'retry', conversationId, body: { messageId } });
  }

  async typing(conversationId: number, on: boolean, isPrivate: boolean): Promise<void> {
    await this._gate({ op: 'typing', conversationId, body: { on, isPrivate } });
  }

  async cannedResponses(): Promise<readonly WireCannedResponse[]> {
    await this._gate({ op: 'canned' });
    return this.canned;
  }

  private _list(conversationId: number): Message[] {
    const list = this._messages.get(conversationId);
    if (!list) throw new ApiError('not-found', 'not found (404)');
    return [...list].sort((a, b) => a.id - b.id);
  }

  private _store(conversationId: number, fields: Partial<Message>): Message {
    const list = this._messages.get(conversationId);
    if (!list) throw new Error(`no conversation ${conversationId}`);
    const id = this._nextId++;
    const m = { id, conversation_id: conversationId, created_at: 1_700_000_000 + id, content_type: 'text', ...fields } as Message;
    list.push(m);
    return m;
  }

  private async _gate(request: Request): Promise<void> {
    this.requests.push(request);
    if (this._held) await new Promise<void>((resolve) => this._held!.push(resolve));
    const i = this._failures.findIndex((f) => f.op === request.op);
    if (i >= 0) throw this._failures.splice(i, 1)[0].error;
  }
}
