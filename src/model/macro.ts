import * as z from 'zod/mini';

/** One step of a macro: `{ action_name, action_params }` (Chatwoot: app/models/macro.rb, `actions`). */
export const MacroAction = z.looseObject({
  action_name: z.string(),
  action_params: z.nullish(z.array(z.unknown())),
});
export type MacroAction = z.infer<typeof MacroAction>;

/** `api/v1/models/_macro.json.jbuilder`: loose, as forks and versions add fields. */
export const Macro = z.looseObject({
  id: z.int(),
  name: z.string(),
  visibility: z.nullish(z.string()),
  actions: z.nullish(z.array(MacroAction)),
});
export type Macro = z.infer<typeof Macro>;
