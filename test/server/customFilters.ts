// Saved conversation views (custom filters) and the advanced filter they run through
// (POST …/conversations/filter): the conditions the dashboard's filter builder writes, evaluated
// over the stand-in's records the way Chatwoot's FilterService turns them into SQL.
// Chatwoot: app/services/filter_service.rb, app/services/conversations/filter_service.rb,
// lib/filters/filter_keys.yml, app/models/custom_filter.rb

import type { Conversation, JsonObject } from './types';

export interface FilterCondition {
  attribute_key: string;
  filter_operator: string;
  values: unknown;
  /** How this condition joins the next one: `and` / `or` (SQL precedence: AND first); null on the last. */
  query_operator?: string | null;
}

export interface CustomFilter {
  id: number;
  userId: number;
  name: string;
  /** `conversation`, `contact` or `report` (CustomFilter's enum). */
  filterType: string;
  query: { payload: FilterCondition[] } & JsonObject;
  createdAt: number;
  updatedAt: number;
}

/** What CustomExceptions::CustomFilter::* say, rendered by render_could_not_create_error as 422. */
export class InvalidFilter extends Error {}

/** The standard conversation attributes of filter_keys.yml that the stand-in evaluates. */
const ATTRIBUTES: Readonly<Record<string, (c: Conversation) => unknown>> = {
  status: (c) => c.status,
  assignee_id: (c) => c.assigneeId,
  inbox_id: (c) => c.inboxId,
  team_id: (c) => c.teamId,
  priority: (c) => c.priority,
  display_id: (c) => c.displayId,
  labels: (c) => c.labels,
};

const OPERATORS = new Set(['equal_to', 'not_equal_to', 'is_present', 'is_not_present']);

function valuesOf(condition: FilterCondition): string[] {
  const raw = Array.isArray(condition.values) ? condition.values : [condition.values];
  // The dashboard saves plain values; older saves kept { id, name } options.
  return raw.map((v) => String(typeof v === 'object' && v !== null && 'id' in v ? (v as { id: unknown }).id : v));
}

function matches(c: Conversation, condition: FilterCondition): boolean {
  const read = ATTRIBUTES[condition.attribute_key];
  if (!read) throw new InvalidFilter(`Invalid attribute key - [${condition.attribute_key}]`);
  if (!OPERATORS.has(condition.filter_operator)) throw new InvalidFilter(`Invalid filter operator - [${condition.filter_operator}]`);
  const value = read(c);
  if (condition.attribute_key === 'labels') {
    // tag_filter_query: EXISTS / NOT EXISTS over the taggings.
    const labels = value as string[];
    const wanted = valuesOf(condition);
    switch (condition.filter_operator) {
      case 'equal_to':
        return labels.some((l) => wanted.includes(l));
      case 'not_equal_to':
        return !labels.some((l) => wanted.includes(l));
      case 'is_present':
        return labels.length > 0;
      default:
        return labels.length === 0;
    }
  }
  switch (condition.filter_operator) {
    case 'is_present':
      return value !== null;
    case 'is_not_present':
      return value === null;
    case 'equal_to':
    case 'not_equal_to': {
      const wanted = valuesOf(condition);
      // `status: ['all']` means every status (FilterService#filter_values).
      const hit = condition.attribute_key === 'status' && wanted.includes('all') ? true : value !== null && wanted.includes(String(value));
      // NOT IN (…) is never true for NULL in SQL.
      return condition.filter_operator === 'equal_to' ? hit : value !== null && !hit;
    }
  }
  return false;
}

/** Throws InvalidFilter as FilterService#validate_query_operator and the attribute checks do. */
export function validatePayload(payload: unknown): FilterCondition[] {
  if (!Array.isArray(payload)) throw new InvalidFilter('Invalid payload');
  for (const q of payload as FilterCondition[]) {
    const op = q.query_operator;
    if (op !== null && op !== undefined && !['AND', 'OR'].includes(String(op).toUpperCase())) throw new InvalidFilter('Invalid query operator');
  }
  return payload as FilterCondition[];
}

/** `cond0 op0 cond1 op1 cond2 …` with AND binding tighter than OR, as in the SQL it becomes. */
export function matchesPayload(c: Conversation, payload: readonly FilterCondition[]): boolean {
  // No conditions: `where('')`, every conversation.
  if (payload.length === 0) return true;
  let any = false;
  let all = true;
  payload.forEach((q, i) => {
    all = matches(c, q) && all;
    const op = String(q.query_operator ?? '').toUpperCase();
    if (op === 'OR' || i === payload.length - 1) {
      any = any || all;
      all = true;
    }
  });
  return any;
}
