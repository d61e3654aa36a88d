import * as z from 'zod/mini';
import { Notification } from '../model/notification';
import { AnyBody, ApiClient } from './client';
import { accountPath } from './paths';

/**
 * `meta.count` is the size of the list asked for (read ones included when asked), so it is what
 * "more to load" compares with; `current_page` echoes the `page` parameter (a string when sent).
 * Chatwoot: app/views/api/v1/accounts/notifications/index.json.jbuilder, app/finders/notification_finder.rb
 */
const NotificationListResponse = z.object({
  data: z.object({
    meta: z.looseObject({
      unread_count: z.int().check(z.nonnegative()),
      count: z.int().check(z.nonnegative()),
      current_page: z.optional(z.union([z.number(), z.string()])),
    }),
    payload: z.array(Notification),
  }),
});
export type NotificationList = z.infer<typeof NotificationListResponse>['data'];

/** NotificationFinder::RESULTS_PER_PAGE (app/finders/notification_finder.rb). */
export const NOTIFICATIONS_PER_PAGE = 15;

export interface NotificationQuery {
  /** 1-based; 15 per page. */
  readonly page?: number;
  /** Read and snoozed notifications are left out unless asked for. */
  readonly includeRead?: boolean;
  readonly includeSnoozed?: boolean;
}

/**
 * One page of the user's notifications, newest activity first. The finder's parameters changed
 * within Chatwoot 3.x: its first version reads `type=read` / `status=snoozed`, later ones and
 * 4.x read `includes[]=read` / `includes[]=snoozed`, and 3.x before the finder lists everything.
 * Each ignores the other's parameters, so both are sent and every version answers the same list.
 * Chatwoot: app/finders/notification_finder.rb (apply_filters, then type_included?)
 */
export async function listNotifications(
  client: ApiClient,
  accountId: number,
  query: NotificationQuery = {},
): Promise<NotificationList> {
  const includes = [...(query.includeRead ? ['read'] : []), ...(query.includeSnoozed ? ['snoozed'] : [])];
  const response = await client.request({
    method: 'GET',
    path: accountPath(accountId, '/notifications'),
    query: {
      page: query.page,
      includes: includes.length ? includes : undefined,
      type: query.includeRead ? 'read' : undefined,
      status: query.includeSnoozed ? 'snoozed' : undefined,
    },
    schema: NotificationListResponse,
  });
  return response.data;
}

export async function markNotificationRead(client: ApiClient, accountId: number, notificationId: number): Promise<void> {
  await client.request({
    method: 'PATCH',
    path: accountPath(accountId, `/notifications/${notificationId}`),
    schema: AnyBody,
  });
}

/** All, or only one conversation's (by its database id, `primary_actor_id`, not the display id). */
export async function markAllNotificationsRead(
  client: ApiClient,
  accountId: number,
  conversationDbId?: number,
): Promise<void> {
  await client.request({
    method: 'POST',
    path: accountPath(accountId, '/notifications/read_all'),
    body:
      conversationDbId === undefined
        ? undefined
        : { primary_actor_type: 'Conversation', primary_actor_id: conversationDbId },
    schema: AnyBody,
  });
}
