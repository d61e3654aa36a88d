import * as l10n from '@vscode/l10n';

/**
 * Why a conversation cannot take replies now. Chatwoot sets `can_reply` from the channel's
 * messaging window, counted from the customer's last incoming message: 24 hours on WhatsApp
 * (not WhatsApp Light) and Twilio's WhatsApp, 24 hours on Messenger and Instagram (7 days where
 * the human-agent tag is enabled), 48 hours on TikTok, and what an API inbox configures
 * (`agent_reply_time_window`). Chatwoot: app/services/conversations/message_window_service.rb.
 * Only a template message may be sent after it; templates need the dashboard's form of their
 * parameters, so the chat points there instead of sending them itself.
 */
export function replyWindowNotice(channel: string | null | undefined): string {
  switch (channel) {
    case 'Channel::Whatsapp':
    case 'Channel::TwilioSms':
      return l10n.t('WhatsApp accepts replies only within 24 hours of the customer’s last message. Only private notes can be added here. To write first, send an approved template from the Chatwoot dashboard.');
    case 'Channel::FacebookPage':
    case 'Channel::Instagram':
      return l10n.t(
        '{0} accepts replies only within 24 hours of the customer’s last message (7 days where Chatwoot enables the human-agent tag). Only private notes can be added here. The customer has to write again.',
        channel === 'Channel::Instagram' ? 'Instagram' : 'Messenger',
      );
    case 'Channel::Tiktok':
      return l10n.t('TikTok accepts replies only within 48 hours of the customer’s last message. Only private notes can be added here.');
    case 'Channel::Api':
      return l10n.t('This inbox accepts replies only for a set time after the customer’s last message, and it has passed. Only private notes can be added here.');
    default:
      return l10n.t('This channel’s reply window has closed. Only private notes can be added here.');
  }
}

/** Channels whose closed window a template message (sent from the dashboard) can reopen. */
export function templatesReopen(channel: string | null | undefined): boolean {
  return channel === 'Channel::Whatsapp' || channel === 'Channel::TwilioSms';
}
