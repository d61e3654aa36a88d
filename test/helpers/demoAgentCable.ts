import { ApiClient } from '../../src/api/client';
import { getProfile } from '../../src/api/profile';
import { systemClock } from '../../src/common/clock';
import { IDisposable } from '../../src/common/dispose';
import { Logger } from '../../src/common/log';
import { ChatwootEvent } from '../../src/realtime/events';
import { RoomChannel } from '../../src/realtime/roomChannel';
import type { FakeChatwoot } from '../server/index';
import { nextEvent } from './wait';

/** The stand-in's demo agent's live events, received as the extension receives them. */
export class DemoAgentCable implements IDisposable {
  /** Every event, in order of arrival. */
  readonly received: ChatwootEvent[] = [];
  private _channel: RoomChannel | undefined;

  constructor(
    private readonly _server: FakeChatwoot,
    private readonly _api: ApiClient,
    private readonly _logger: Logger,
  ) {}

  /** Connects with the pubsub token from the profile, as the extension does; each event also goes to `onEvent`. */
  async connect(onEvent: (e: ChatwootEvent) => void): Promise<RoomChannel> {
    const server = this._server;
    const ch = new RoomChannel({
      baseUrl: server.url,
      credentials: async () => {
        const profile = await getProfile(this._api);
        return { pubsubToken: profile.pubsub_token, accountId: server.accountId, userId: profile.id };
      },
      clock: systemClock,
      logger: this._logger,
      staleAfterMs: 3_600_000,
    });
    this._channel = ch;
    ch.onDidReceiveEvent((e) => {
      this.received.push(e);
      onEvent(e);
    });
    const connected = nextEvent(ch.onDidChangeState, 'connected', (s) => s.kind === 'connected');
    ch.start();
    await connected;
    return ch;
  }

  /** Proves nothing more is on its way to the channel: the server's queue drains, then a marker arrives. */
  async fence(): Promise<void> {
    const { _server: server, _channel: ch } = this;
    if (!ch) throw new Error('connect() first');
    await server.control.waitForEventsDelivered();
    const id = 900_000 + Math.floor(Math.random() * 1000);
    const marker = nextEvent(ch.onDidReceiveEvent, 'the fence', (e) => e.event === 'contact.deleted' && e.data.id === id);
    server.control.inject('contact.deleted', { id, account_id: server.accountId }, { token: server.user(server.demoUserId).pubsubToken });
    await marker;
  }

  dispose(): void {
    this._channel?.dispose();
    this._channel = undefined;
  }
}
