import * as vscode from 'vscode';
import { ApiClient } from '../api/client';
import { ApiError } from '../api/errors';
import { diagnoseNetworkError, NetworkAdvice } from '../api/networkErrors';
import { getProfile } from '../api/profile';
import { SignedIn, Session } from '../auth/session';
import { CableState, describeState } from '../cable/consumerState';
import { wsSocketFactory } from '../cable/socket';
import { systemClock } from '../common/clock';
import { Disposable, disposeAll, IDisposable } from '../common/dispose';
import { RedactingLogger, Redactor } from '../common/log';
import { plainText } from '../common/plainText';
import { Commands } from '../constants';
import { alwaysFocused, FocusSource, windowFocus } from '../focus';
import { Profile } from '../model/profile';
import { ChatwootEvent } from '../realtime/events';
import { Heartbeat } from '../realtime/heartbeat';
import { Presence } from '../realtime/presence';
import { ResyncEvent, RoomChannel } from '../realtime/roomChannel';
import { affectsConnection, configuredProxy, ConnectionSettings, readConnectionSettings } from './settings';
import { TokenCheck } from './tokenCheck';

/** The cable's state, plus the state of having no session at all. */
export type ConnectionState = CableState | { readonly kind: 'signed-out' };

/** What features need of the signed-in account: where it is, and a REST client for it. */
export interface ActiveAccount {
  readonly baseUrl: string;
  readonly accountId: number;
  readonly api: ApiClient;
}

/** Everything that exists only while signed in; replaced as a whole when the session changes. */
class SessionLink implements IDisposable {
  readonly api: ApiClient;
  readonly tokenCheck: TokenCheck;
  readonly channel: RoomChannel;
  /** Set once this token was found revoked, so a burst of refusals signs out (and says so) once. */
  isSigningOut = false;
  heartbeat: Heartbeat | undefined;
  profile: Profile | undefined;

  constructor(
    readonly session: SignedIn,
    settings: ConnectionSettings,
    logger: RedactingLogger,
    redactor: Redactor,
    onProfile: (p: Profile) => void,
  ) {
    this.profile = session.profile;
    this.api = new ApiClient({ baseUrl: session.baseUrl, token: session.token, logger: logger.child('api'), redactor, proxy: configuredProxy });
    this.tokenCheck = new TokenCheck(this.api);
    this.channel = new RoomChannel({
      baseUrl: session.baseUrl,
      cableUrl: settings.cableUrl,
      clock: systemClock,
      logger: logger.child('cable'),
      redactor,
      socketFactory: wsSocketFactory,
      // The pubsub token rotates when the password changes: fetch it afresh on every connect, and
      // now and then while a subscription confirmation is late (CableConsumer's ConfirmPolicy).
      credentials: async () => {
        const profile = await getProfile(this.api);
        this.profile = profile;
        onProfile(profile);
        if (!profile.accounts.some((a) => a.id === session.accountId)) {
          throw new ApiError('unauthorized', vscode.l10n.t('this user no longer belongs to account {0}', session.accountId));
        }
        return { pubsubToken: profile.pubsub_token, accountId: session.accountId, userId: profile.id };
      },
    });
  }

  dispose(): void {
    this.heartbeat?.dispose();
    this.channel.dispose();
  }
}

/**
 * Keeps one live link to the signed-in installation: the REST client, the RoomChannel cable and
 * the presence heartbeat, rebuilt whenever the session or the connection settings change.
 * Features subscribe to its events once; they survive sign-out, sign-in and account switches.
 * It is also the one place REST errors are turned into what the user sees.
 */
export class ChatwootConnection extends Disposable {
  private readonly _onDidChangeAccount = this._register(new vscode.EventEmitter<ActiveAccount | undefined>());
  readonly onDidChangeAccount = this._onDidChangeAccount.event;
  private readonly _onDidChangeState = this._register(new vscode.EventEmitter<ConnectionState>());
  readonly onDidChangeState = this._onDidChangeState.event;
  private readonly _onDidReceiveEvent = this._register(new vscode.EventEmitter<ChatwootEvent>());
  readonly onDidReceiveEvent = this._onDidReceiveEvent.event;
  private readonly _onDidResync = this._register(new vscode.EventEmitter<ResyncEvent>());
  readonly onDidResync = this._onDidResync.event;
  private readonly _onDidChangeProfile = this._register(new vscode.EventEmitter<Profile>());
  readonly onDidChangeProfile = this._onDidChangeProfile.event;
  private readonly _onDidChangeBehind = this._register(new vscode.EventEmitter<void>());
  readonly onDidChangeBehind = this._onDidChangeBehind.event;
  private readonly _behind = new Set<string>();
  /** Who is online in the signed-in account (agents and contacts), from `presence.update`. */
  readonly presence = this._register(new Presence());

  private _live: SessionLink | undefined;
  private _liveSubscriptions: IDisposable[] = [];
  private _state: ConnectionState = { kind: 'signed-out' };
  private _lastEventAt: number | undefined;
  private _networkAdvice: NetworkAdvice | undefined;

  constructor(
    private readonly _session: Session,
    private readonly _logger: RedactingLogger,
    private readonly _redactor: Redactor,
    private readonly _focus: FocusSource = windowFocus,
  ) {
    super();
    this._register(_session.onDidChange(() => this._rebuild()));
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affectsConnection(e) && this._live) this._rebuild();
        // VS Code applies a changed proxy or certificate setting to the next request: try now, not after the backoff.
        else if (e.affectsConfiguration('http') && this._state.kind === 'reconnecting') this._live?.channel.retryNow();
      }),
    );
    // Coming back to the window is the moment a user expects "connected" again.
    this._register(
      _focus.onDidChangeFocus((focused) => {
        if (focused && this._state.kind === 'reconnecting') this._live?.channel.retryNow();
      }),
    );
  }

  get state(): ConnectionState {
    return this._state;
  }

  get account(): ActiveAccount | undefined {
    const live = this._live;
    return live && { baseUrl: live.session.baseUrl, accountId: live.session.accountId, api: live.api };
  }

  get profile(): Profile | undefined {
    return this._live?.profile;
  }

  get lastEventAt(): number | undefined {
    return this._lastEventAt;
  }

  /** Why the cable cannot connect, when a proxy or a certificate is to blame; cleared once connected. */
  get networkAdvice(): NetworkAdvice | undefined {
    return this._networkAdvice;
  }

  /**
   * What may be out of date because catching up with the server failed and is being retried
   * ("the conversations", …). Connected is not "all good" while this is not empty.
   */
  get behind(): readonly string[] {
    return [...this._behind];
  }

  /** Each feature reports its own catch-up (common/catchUp.ts); the status bar shows the union. */
  setBehind(what: string, behind: boolean): void {
    if (behind === this._behind.has(what)) return;
    if (behind) this._behind.add(what);
    else this._behind.delete(what);
    this._onDidChangeBehind.fire();
  }

  /** Whether `update_presence` heartbeats are being sent right now. */
  get isSendingHeartbeats(): boolean {
    return this._live?.heartbeat?.isActive ?? false;
  }

  /**
   * Sends nothing but makes the cable reconnect at once, start again after an auth error, or
   * (when the user asks while a confirmation is late) try a fresh socket with a fresh profile.
   */
  reconnect(): void {
    const live = this._live;
    if (!live) return;
    if (this._state.kind === 'reconnecting') live.channel.retryNow();
    else if (this._state.kind === 'auth-error' || this._state.kind === 'stopped' || this._state.kind === 'awaiting-confirmation') live.channel.start();
  }

  /** Ends the previous session's link: its listeners first, so it reports nothing while it closes. */
  private _unlink(): void {
    const subscriptions = this._liveSubscriptions;
    this._liveSubscriptions = [];
    disposeAll(subscriptions);
    this._live?.dispose();
    this._live = undefined;
    // What the old session's views were behind on is no concern of the next one.
    if (this._behind.size > 0) {
      this._behind.clear();
      this._onDidChangeBehind.fire();
    }
  }

  private _rebuild(): void {
    this._unlink();
    this.presence.clear();
    const session = this._session.current;
    this._networkAdvice = undefined;
    if (!session) {
      this._setState({ kind: 'signed-out' });
      this._onDidChangeAccount.fire(undefined);
      return;
    }
    const settings = readConnectionSettings();
    const live: SessionLink = new SessionLink(session, settings, this._logger, this._redactor, (p) => {
      // A slow answer for a connection already replaced must not become the new session's.
      if (this._live !== live) return;
      this._session.updateProfile(p);
      this._onDidChangeProfile.fire(p);
    });
    this._live = live;
    this._liveSubscriptions.push(
      live.channel.onDidChangeState((s) => this._onCableState(live, s)),
      live.channel.onDidReceiveEvent((e) => {
        this._lastEventAt = Date.now();
        if (e.event === 'presence.update') this.presence.update(e.data);
        this._onDidReceiveEvent.fire(e);
      }),
      live.channel.onDidResync((r) => {
        this._logger.info(`resync (${r.reason})`);
        this._onDidResync.fire(r);
      }),
    );
    if (settings.presenceMode !== 'off') {
      live.heartbeat = new Heartbeat({
        target: live.channel,
        focus: settings.presenceMode === 'whileOpen' ? alwaysFocused : this._focus,
        clock: systemClock,
        logger: this._logger.child('presence'),
        intervalMs: settings.heartbeatMs,
      });
    }
    this._onDidChangeAccount.fire(this.account);
    live.channel.start();
  }

  private _onCableState(live: SessionLink, state: CableState): void {
    if (live !== this._live) return;
    this._logger.info(`connection: ${describeState(state)}`);
    if (state.kind === 'reconnecting') {
      const { advice } = diagnoseNetworkError(state.error, { host: new URL(live.session.baseUrl).host, proxy: configuredProxy() });
      if (advice && advice.kind !== this._networkAdvice?.kind) this._logger.warn(`connection: ${advice.message}`);
      this._networkAdvice = advice;
    } else if (state.kind === 'connected') {
      this._networkAdvice = undefined;
    }
    this._setState(state);
    if (state.kind === 'auth-error') this._onAuthError(live, state).catch((e: unknown) => this._logger.error('handling the refused connection failed', e));
  }

  private async _onAuthError(live: SessionLink, state: Extract<CableState, { kind: 'auth-error' }>): Promise<void> {
    // Only the REST API can tell a revoked token from a refused subscription.
    if (await live.tokenCheck.isRevoked()) {
      await this._tokenRevoked(live, 'the profile was refused too');
      return;
    }
    if (live !== this._live) return;
    const reconnect = vscode.l10n.t('Reconnect');
    const showLog = vscode.l10n.t('Show Log');
    const choice = await vscode.window.showWarningMessage(
      state.detail
        ? vscode.l10n.t('Chatwoot refused the live connection ({0}: {1}). New messages will not arrive until it reconnects.', state.reason, plainText(state.detail))
        : vscode.l10n.t('Chatwoot refused the live connection ({0}). New messages will not arrive until it reconnects.', state.reason),
      reconnect,
      showLog,
    );
    if (choice === reconnect) this.reconnect();
    else if (choice === showLog) void vscode.commands.executeCommand(Commands.showLog);
  }

  private async _tokenRevoked(live: SessionLink, detail: string): Promise<void> {
    if (live !== this._live || live.isSigningOut) return;
    live.isSigningOut = true;
    this._logger.warn(`access token refused: ${detail}`);
    await this._session.signOut('the access token is no longer valid');
    const signIn = vscode.l10n.t('Sign In');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('Your Chatwoot access token is no longer valid (it was reset or revoked). Sign in again to keep receiving conversations.'),
      signIn,
    );
    if (choice === signIn) void vscode.commands.executeCommand(Commands.signIn);
  }

  /**
   * Reports a failed REST call. A 401 signs out only once `GET /api/v1/profile` is refused too
   * (TokenCheck); a permission refusal or a passing 401 is reported, and the user stays signed in.
   */
  async handleError(error: unknown, action: string, api?: ApiClient): Promise<void> {
    // Callers fire and forget; reporting an error must never become an unhandled rejection.
    await this._handleError(error, action, api).catch((e: unknown) => this._logger.error('reporting an error failed', e));
  }

  private async _handleError(error: unknown, action: string, api?: ApiClient): Promise<void> {
    const message = plainText(error instanceof Error ? error.message : String(error));
    this._logger.warn(`${action} failed: ${message}`);
    const live = this._live;
    // A request of a session already replaced says nothing about the current token.
    if (api && api !== live?.api) return;
    if (error instanceof ApiError && error.kind === 'unauthorized') {
      if (!live) return;
      if (await live.tokenCheck.isRevoked()) {
        await this._tokenRevoked(live, message);
        return;
      }
      if (live !== this._live) return;
      this._logger.info(`${action}: HTTP 401, but the access token is still valid; staying signed in`);
      const choice = await vscode.window.showWarningMessage(
        vscode.l10n.t('Chatwoot refused to {0} (HTTP 401), but your access token is still valid. You may not be allowed to do this, or the refusal was passing: try again.', action),
        vscode.l10n.t('Show Log'),
      );
      if (choice) void vscode.commands.executeCommand(Commands.showLog);
    } else if (error instanceof ApiError && error.kind === 'forbidden') {
      void vscode.window.showWarningMessage(vscode.l10n.t('Chatwoot did not allow this: {0}. {1}', action, message));
    } else {
      const advice = error instanceof ApiError ? error.advice : undefined;
      const choice = await vscode.window.showErrorMessage(vscode.l10n.t('Chatwoot: could not {0}. {1}', action, advice ? advice.message : message), vscode.l10n.t('Show Log'));
      if (choice) void vscode.commands.executeCommand(Commands.showLog);
    }
  }

  private _setState(state: ConnectionState): void {
    this._state = state;
    this._onDidChangeState.fire(state);
  }

  override dispose(): void {
    this._unlink();
    super.dispose();
  }
}
