import { z } from 'zod';
import { Notification } from '../model/notification';
import { AnyBody, ApiClient } from './client';
import { accountPath } from './paths';

const NotificationListResponse = z.object({
  data: z.object({
    meta: z.looseObject({
      unread_count: z.number().int(),
      count: z.number().int(),
      current_page: z.union([z.number(), z.string()]).optional(),
    }),
    payload: z.array(Notification),
  }),
});
export type NotificationList = z.infer<typeof NotificationListResponse>['data'];

export interface NotificationQuery {
  /** 1-based; 15 per page. */
  readonly page?: number;
  /** Read and snoozed notifications are excluded unless asked for (newer servers). */
  readonly includeRead?: boolean;
  readonly includeSnoozed?: boolean;
}

export async function listNotifications(
  client: ApiClient,
  accountId: number,
  query: NotificationQuery = {},
): Promise<NotificationList> {
  const includes = [...(query.includeRead ? ['read'] : []), ...(query.includeSnoozed ? ['snoozed'] : [])];
  const response = await client.request({
    method: 'GET',
    path: accountPath(accountId, '/notifications'),
    query: { page: query.page, includes: includes.length ? includes : undefined },
    schema: NotificationListResponse,
  });
  return response.data;
}

export function getUnreadNotificationCount(client: ApiClient, accountId: number): Promise<number> {
  return client.request({
    method: 'GET',
    path: accountPath(accountId, '/notifications/unread_count'),
    schema: z.number().int(),
  });
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
