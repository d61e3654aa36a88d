import * as assert from 'assert';
import { describeMacroAction, MacroNames } from '../../../../src/views/macros/macroText';

const names: MacroNames = { agent: (id) => (id === 3 ? 'Sofia Alvarez' : undefined), team: (id) => (id === 2 ? 'Billing' : undefined) };

suite('macroText', () => {
  test('each common action reads as a step, with agent and team names where known', () => {
    const lines = [
      { action_name: 'assign_agent', action_params: [3] },
      { action_name: 'assign_agent', action_params: ['self'] },
      { action_name: 'assign_agent', action_params: [9] },
      { action_name: 'assign_team', action_params: [2] },
      { action_name: 'add_label', action_params: ['billing', 'vip'] },
      { action_name: 'change_priority', action_params: ['urgent'] },
      { action_name: 'resolve_conversation', action_params: [] },
      { action_name: 'add_private_note', action_params: ['Escalated\nto billing'] },
      { action_name: 'some_new_action', action_params: null },
    ].map((a) => describeMacroAction(a, names));
    assert.deepStrictEqual(lines, [
      'Assign to Sofia Alvarez',
      'Assign to the agent who runs it',
      'Assign to agent 9',
      'Assign to team Billing',
      'Add labels: billing, vip',
      'Set priority to urgent',
      'Resolve the conversation',
      'Add a private note: “Escalated to billing”',
      'some new action',
    ]);
  });

  test('a long message is shortened', () => {
    const line = describeMacroAction({ action_name: 'send_message', action_params: ['x'.repeat(200)] }, names);
    assert.ok(line.length < 80 && line.endsWith('…”'));
  });
});
