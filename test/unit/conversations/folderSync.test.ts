import * as assert from 'node:assert/strict';
import { MemoryLogSink, RedactingLogger, Redactor } from '../../../src/common/log';
import { ConversationFilter } from '../../../src/conversations/filters';
import { Folder, FolderId } from '../../../src/conversations/folders';
import { FolderPage, FoldersBackend, FolderSync } from '../../../src/conversations/folderSync';
import { ConversationStore } from '../../../src/conversations/store';
import { Conversation } from '../../../src/model/conversation';
import { FakeClock } from '../../helpers/fakeClock';
import { conversation } from '../../helpers/payloads';

/** A server for the folders: each folder's rows in order; every call recorded. */
class FakeFolders implements FoldersBackend {
  rows = new Map<FolderId, Conversation[]>();
  calls: string[] = [];
  async views(): Promise<readonly Folder[]> {
    return [];
  }
  async list(folder: Folder, _filter: ConversationFilter, page: number): Promise<FolderPage> {
    this.calls.push(`list ${folder.id} ${page}`);
    const all = this.rows.get(folder.id) ?? [];
    return { count: all.length, conversations: all.slice((page - 1) * 25, page * 25) };
  }
  async count(folder: Folder): Promise<number> {
    this.calls.push(`count ${folder.id}`);
    return (this.rows.get(folder.id) ?? []).length;
  }
}

suite('FolderSync: counts and refetches after live changes', () => {
  let clock: FakeClock;
  let store: ConversationStore;
  let backend: FakeFolders;
  let folders: FolderSync;
  /** Lets every due timer and the requests it starts run (fake time; the fake server answers at once). */
  async function settle(ms = 1_000): Promise<void> {
    for (let i = 0; i < 5; i++) {
      clock.advance(ms);
      await new Promise((r) => setImmediate(r));
    }
  }
  setup(async () => {
    clock = new FakeClock();
    store = new ConversationStore(1, 1);
    backend = new FakeFolders();
    backend.rows.set('mention', [conversation(1, { last_activity_at: 300 }), conversation(2, { last_activity_at: 200 })]);
    backend.rows.set('unattended', [conversation(2, { last_activity_at: 200, first_reply_created_at: null })]);
    folders = new FolderSync(store, backend, { clock, logger: new RedactingLogger(new MemoryLogSink(), new Redactor()), refetchDelayMs: 500 });
    await folders.start();
    await folders.loadFirst('mention');
    await folders.loadFirst('unattended');
    await settle();
    backend.calls = [];
  });
  teardown(() => {
    folders.dispose();
    store.dispose();
  });

  test('read state alone changes nothing a folder lists by: no refetch', async () => {
    store.patch(1, { unreadCount: 3 }, 'delta');
    await settle();
    assert.deepEqual(backend.calls, []);
  });

  test('a member leaving the tree filter moves the count at once, with no request', async () => {
    assert.deepEqual(folders.members('mention').map((c) => c.id), [1, 2]);
    store.upsert(conversation(1, { status: 'resolved', last_activity_at: 300, updated_at: 2_000 }), { counts: 'delta' });
    assert.deepEqual(folders.members('mention').map((c) => c.id), [2]);
    assert.equal(folders.state('mention')?.count, 1);
    await settle();
    assert.deepEqual(backend.calls, []);
  });

  test('a message in a conversation may be a mention: Mentions refetches page 1 once per burst', async () => {
    store.upsert(conversation(3, { last_activity_at: 100 }), { counts: 'none' });
    backend.rows.set('mention', [conversation(3, { last_activity_at: 400 }), ...backend.rows.get('mention')!]);
    for (let i = 0; i < 3; i++) {
      const prev = store.get(3)!;
      store.patch(3, { lastActivityAt: prev.lastActivityAt + 1, lastMessage: { id: 50 + i, text: 'x', messageType: 1, private: true, createdAt: 400, hasAttachments: false, deleted: false } }, 'delta');
    }
    assert.deepEqual(backend.calls, [], 'not before the quiet time');
    await settle(500);
    assert.deepEqual(backend.calls.filter((c: string) => c.startsWith('list mention')), ['list mention 1']);
    assert.deepEqual(folders.members('mention').map((c) => c.id), [3, 1, 2]);
    assert.equal(folders.state('mention')?.count, 3);
  });

  test('unattended is decided by the record; a new message there still refetches, since the wait may have moved', async () => {
    store.upsert(conversation(2, { last_activity_at: 200, first_reply_created_at: 250, waiting_since: 0, updated_at: 2_000 }), { counts: 'delta' });
    assert.deepEqual(folders.members('unattended').map((c) => c.id), []);
    assert.equal(folders.state('unattended')?.count, 0);
    await settle(500);
    assert.deepEqual(backend.calls.filter((c) => c.includes('unattended')), [], 'the record said all');
    // As the reducer applies a message: its text and the activity time.
    store.patch(2, { lastActivityAt: 300, lastMessage: { id: 99, text: 'hi', messageType: 0, private: false, createdAt: 300, hasAttachments: false, deleted: false } }, 'delta');
    await settle(500);
    assert.deepEqual(backend.calls.filter((c) => c.includes('unattended')), ['list unattended 1']);
  });

  test('a filter change starts the conversation types again', async () => {
    store.setFilter({ status: 'pending', inboxId: undefined });
    await settle();
    assert.ok(backend.calls.includes('list mention 1') && backend.calls.includes('list unattended 1'), backend.calls.join());
    assert.ok(backend.calls.includes('count participating'));
  });
});
