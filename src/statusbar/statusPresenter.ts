import * as l10n from '@vscode/l10n';
import { CableState } from '../cable/consumerState';
import { timeOfDay } from '../common/displayLanguage';
import { escapeMarkdown } from '../common/markdownText';
import { Availability } from '../model/user';

/** Everything the status bar item shows, gathered by the glue; pure so each case is unit-tested. */
export interface StatusInputs {
  readonly connection: CableState | { readonly kind: 'signed-out' };
  readonly now: number;
  readonly baseUrl?: string;
  readonly accountName?: string;
  readonly agentName?: string;
  /** As the server last reported it (presence.update, else the profile). */
  readonly availability?: Availability;
  readonly unreadNotifications: number;
  readonly doNotDisturb: boolean;
  readonly connectedSince?: number;
  readonly lastEventAt?: number;
  /** What may be out of date because catching up failed and is being retried ("the conversations", …). */
  readonly behind?: readonly string[];
  readonly heartbeat: { readonly sending: boolean; readonly why?: string };
  /** What to change when a proxy or a certificate keeps the cable from connecting (api/networkErrors.ts). */
  readonly networkAdvice?: string;
}

export interface StatusView {
  readonly text: string;
  readonly tooltip: string;
  readonly background: 'warning' | 'error' | undefined;
  readonly accessibilityLabel: string;
}

const AVAILABILITY_ICON: Record<Availability, string> = {
  online: '$(circle-filled)',
  busy: '$(circle-slash)',
  offline: '$(circle-outline)',
};

function seconds(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return s < 60 ? l10n.t('{0} s', s) : l10n.t('{0} min {1} s', Math.floor(s / 60), s % 60);
}

function clock(at: number | undefined): string {
  return at === undefined ? l10n.t('never') : timeOfDay(at);
}

function listed(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : l10n.t('{0} and {1}', items.slice(0, -1).join(', '), items[items.length - 1]);
}

/** The availability as a title ("Online") and inside a sentence ("online"). */
function availabilityTitle(a: Availability): string {
  switch (a) {
    case 'online':
      return l10n.t('Online');
    case 'busy':
      return l10n.t('Busy');
    case 'offline':
      return l10n.t('Offline');
  }
}

function availabilityWord(a: Availability): string {
  switch (a) {
    case 'online':
      return l10n.t('online');
    case 'busy':
      return l10n.t('busy');
    case 'offline':
      return l10n.t('offline');
  }
}

/**
 * What the features report they are behind on are fixed English phrases (they double as keys of
 * the connection's set); the known ones are put into the display language here, when shown.
 */
function behindLabel(what: string): string {
  if (what === 'the conversations') return l10n.t('the conversations');
  if (what === 'your notifications') return l10n.t('your notifications');
  const conversation = /^conversation #(\d+|\?)$/.exec(what);
  return conversation ? l10n.t('conversation #{0}', conversation[1]) : what;
}

/** Maps the agent's availability and the connection to one status bar item that never lies. */
export function presentStatus(s: StatusInputs): StatusView {
  const c = s.connection;
  const behind = (s.behind ?? []).map(behindLabel);
  const bell = s.doNotDisturb ? ' $(bell-slash)' : s.unreadNotifications > 0 ? ` $(bell-dot) ${s.unreadNotifications}` : '';
  const bellSpoken = s.doNotDisturb ? l10n.t(', do not disturb') : s.unreadNotifications > 0 ? l10n.t(', {0} unread notifications', s.unreadNotifications) : '';
  let text: string;
  let spoken: string;
  let background: StatusView['background'];
  let state: string;
  switch (c.kind) {
    case 'signed-out':
      return {
        text: `$(comment-discussion) ${l10n.t('Chatwoot: Sign in')}`,
        tooltip: l10n.t('Chatwoot: signed out. Click to sign in.'),
        background: undefined,
        accessibilityLabel: l10n.t('Chatwoot, signed out. Activate to sign in.'),
      };
    case 'connected': {
      const availability = s.availability ?? 'offline';
      if (behind.length > 0) {
        // Connected, but a catch-up failed: the lists may be missing what happened meanwhile.
        text = `${AVAILABILITY_ICON[availability]} ${availabilityTitle(availability)} $(warning)${bell}`;
        spoken = l10n.t('Chatwoot, {0}, connected, but {1} may be out of date{2}', availabilityWord(availability), listed(behind), bellSpoken);
        background = 'warning';
        state = l10n.t('connected, but could not catch up: {0} may be out of date (retrying)', listed(behind));
        break;
      }
      text = `${AVAILABILITY_ICON[availability]} ${availabilityTitle(availability)}${bell}`;
      spoken = l10n.t('Chatwoot, {0}, connected{1}', availabilityWord(availability), bellSpoken);
      state = l10n.t('connected');
      break;
    }
    case 'connecting':
      text = `$(sync~spin) Chatwoot${bell}`;
      spoken = l10n.t('Chatwoot, connecting{0}', bellSpoken);
      state = l10n.t('connecting…');
      break;
    case 'awaiting-confirmation': {
      // Not an error: the server confirms only once its pub/sub has subscribed, which on a busy
      // installation takes seconds. Nothing for the user to do, so no colour.
      const waited = seconds(s.now - c.since);
      text = `$(sync~spin) ${l10n.t('Chatwoot: waiting for the server')}${bell}`;
      spoken = l10n.t('Chatwoot, connected, waiting for the server to confirm the subscription{0}', bellSpoken);
      state = l10n.t('waiting for the server to confirm the subscription ({0} so far); new events arrive once it does', waited);
      break;
    }
    case 'reconnecting': {
      const wait = seconds(c.nextRetryAt - s.now);
      text = `$(sync~spin) ${l10n.t('Chatwoot: reconnecting in {0}', wait)}${bell}`;
      spoken = l10n.t('Chatwoot, disconnected, reconnecting in {0}{1}', wait, bellSpoken);
      background = 'warning';
      state = l10n.t('disconnected ({0}); retry {1} in {2}', escapeMarkdown(c.cause), c.attempt, wait);
      break;
    }
    case 'stopped':
      text = `$(debug-disconnect) ${l10n.t('Chatwoot: offline')}${bell}`;
      spoken = l10n.t('Chatwoot, offline{0}', bellSpoken);
      background = 'warning';
      state = l10n.t('offline ({0})', c.reason);
      break;
    case 'auth-error':
      text = `$(error) ${l10n.t('Chatwoot: connection refused')}${bell}`;
      spoken = l10n.t('Chatwoot, the server refused the connection{0}', bellSpoken);
      background = 'error';
      state = c.detail
        ? l10n.t('refused by the server ({0}: {1}); use Reconnect or sign in again', c.reason, escapeMarkdown(c.detail))
        : l10n.t('refused by the server ({0}); use Reconnect or sign in again', c.reason);
      break;
  }
  const availability = s.availability === undefined ? l10n.t('unknown') : availabilityWord(s.availability);
  const lines = [
    `**Chatwoot** — ${state}`,
    '',
    l10n.t('Installation: {0}', s.baseUrl ?? '?'),
    // Names and reasons come from the server: the tooltip is Markdown, so they are escaped.
    l10n.t('Account: {0}', s.accountName === undefined ? '?' : escapeMarkdown(s.accountName)),
    l10n.t('Agent: {0}', s.agentName === undefined ? '?' : escapeMarkdown(s.agentName)),
    c.kind === 'connected' ? l10n.t('Availability: {0}', availability) : l10n.t('Availability: {0} (last known)', availability),
    l10n.t('Connected since: {0}', c.kind === 'connected' ? clock(c.since) : '—'),
    l10n.t('Last event received: {0}', clock(s.lastEventAt)),
    s.heartbeat.sending ? l10n.t('Presence heartbeats: being sent') : l10n.t('Presence heartbeats: not sent ({0})', s.heartbeat.why ?? l10n.t('not connected')),
    s.doNotDisturb ? l10n.t('Notifications: {0} unread, do not disturb is on', s.unreadNotifications) : l10n.t('Notifications: {0} unread', s.unreadNotifications),
  ];
  if (behind.length > 0) lines.push(l10n.t('May be out of date: {0}; catching up is retried until it succeeds', listed(behind)));
  // Right under the state: the one thing the user can change to connect.
  const advice = c.kind === 'connected' ? undefined : s.networkAdvice;
  if (advice) lines.splice(1, 0, '', `$(warning) ${escapeMarkdown(advice)}`);
  // Who is signed in, and where, is in the tooltip for sighted users; a screen reader hears it here.
  const who = s.agentName === undefined ? '' : s.accountName === undefined ? l10n.t('. Signed in as {0}', s.agentName) : l10n.t('. Signed in as {0} on {1}', s.agentName, s.accountName);
  return { text, tooltip: lines.join('  \n'), background, accessibilityLabel: spoken + (advice ? `. ${advice}` : '') + who };
}
