import { CableState } from '../cable/consumerState';
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
  /** What to change when a proxy or a certificate keeps the cable from connecting (connection/networkAdvice.ts). */
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
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

function clock(at: number | undefined): string {
  return at === undefined ? 'never' : new Date(at).toLocaleTimeString();
}

function listed(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Maps the agent's availability and the connection to one status bar item that never lies. */
export function presentStatus(s: StatusInputs): StatusView {
  const c = s.connection;
  const behind = s.behind ?? [];
  const bell = s.doNotDisturb ? ' $(bell-slash)' : s.unreadNotifications > 0 ? ` $(bell-dot) ${s.unreadNotifications}` : '';
  const bellSpoken = s.doNotDisturb ? ', do not disturb' : s.unreadNotifications > 0 ? `, ${s.unreadNotifications} unread notifications` : '';
  let text: string;
  let spoken: string;
  let background: StatusView['background'];
  let state: string;
  switch (c.kind) {
    case 'signed-out':
      return {
        text: '$(comment-discussion) Chatwoot: Sign in',
        tooltip: 'Chatwoot: signed out. Click to sign in.',
        background: undefined,
        accessibilityLabel: 'Chatwoot, signed out. Activate to sign in.',
      };
    case 'connected': {
      const availability = s.availability ?? 'offline';
      if (behind.length > 0) {
        // Connected, but a catch-up failed: the lists may be missing what happened meanwhile.
        text = `${AVAILABILITY_ICON[availability]} ${capital(availability)} $(warning)${bell}`;
        spoken = `Chatwoot, ${availability}, connected, but ${listed(behind)} may be out of date${bellSpoken}`;
        background = 'warning';
        state = `connected, but could not catch up: ${listed(behind)} may be out of date (retrying)`;
        break;
      }
      text = `${AVAILABILITY_ICON[availability]} ${capital(availability)}${bell}`;
      spoken = `Chatwoot, ${availability}, connected${bellSpoken}`;
      state = 'connected';
      break;
    }
    case 'connecting':
      text = `$(sync~spin) Chatwoot${bell}`;
      spoken = `Chatwoot, connecting${bellSpoken}`;
      state = 'connecting…';
      break;
    case 'awaiting-confirmation': {
      // Not an error: the server confirms only once its pub/sub has subscribed, which on a busy
      // installation takes seconds. Nothing for the user to do, so no colour.
      const waited = seconds(s.now - c.since);
      text = `$(sync~spin) Chatwoot: waiting for the server${bell}`;
      spoken = `Chatwoot, connected, waiting for the server to confirm the subscription${bellSpoken}`;
      state = `waiting for the server to confirm the subscription (${waited} so far); new events arrive once it does`;
      break;
    }
    case 'reconnecting': {
      const wait = seconds(c.nextRetryAt - s.now);
      text = `$(sync~spin) Chatwoot: reconnecting in ${wait}${bell}`;
      spoken = `Chatwoot, disconnected, reconnecting in ${wait}${bellSpoken}`;
      background = 'warning';
      state = `disconnected (${escapeMarkdown(c.cause)}); retry ${c.attempt} in ${wait}`;
      break;
    }
    case 'stopped':
      text = `$(debug-disconnect) Chatwoot: offline${bell}`;
      spoken = `Chatwoot, offline${bellSpoken}`;
      background = 'warning';
      state = `offline (${c.reason})`;
      break;
    case 'auth-error':
      text = `$(error) Chatwoot: connection refused${bell}`;
      spoken = `Chatwoot, the server refused the connection${bellSpoken}`;
      background = 'error';
      state = `refused by the server (${c.reason}${c.detail ? `: ${escapeMarkdown(c.detail)}` : ''}); use Reconnect or sign in again`;
      break;
  }
  const lines = [
    `**Chatwoot** — ${state}`,
    '',
    `Installation: ${s.baseUrl ?? '?'}`,
    // Names and reasons come from the server: the tooltip is Markdown, so they are escaped.
    `Account: ${s.accountName === undefined ? '?' : escapeMarkdown(s.accountName)}`,
    `Agent: ${s.agentName === undefined ? '?' : escapeMarkdown(s.agentName)}`,
    `Availability: ${s.availability ?? 'unknown'}${c.kind === 'connected' ? '' : ' (last known)'}`,
    `Connected since: ${c.kind === 'connected' ? clock(c.since) : '—'}`,
    `Last event received: ${clock(s.lastEventAt)}`,
    `Presence heartbeats: ${s.heartbeat.sending ? 'being sent' : `not sent (${s.heartbeat.why ?? 'not connected'})`}`,
    `Notifications: ${s.unreadNotifications} unread${s.doNotDisturb ? ', do not disturb is on' : ''}`,
  ];
  if (behind.length > 0) lines.push(`May be out of date: ${listed(behind)}; catching up is retried until it succeeds`);
  // Right under the state: the one thing the user can change to connect.
  const advice = c.kind === 'connected' ? undefined : s.networkAdvice;
  if (advice) lines.splice(1, 0, '', `$(warning) ${escapeMarkdown(advice)}`);
  // Who is signed in, and where, is in the tooltip for sighted users; a screen reader hears it here.
  const who = s.agentName === undefined ? '' : `. Signed in as ${s.agentName}${s.accountName === undefined ? '' : ` on ${s.accountName}`}`;
  return { text, tooltip: lines.join('  \n'), background, accessibilityLabel: spoken + (advice ? `. ${advice}` : '') + who };
}
