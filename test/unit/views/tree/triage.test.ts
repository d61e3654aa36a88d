import * as assert from 'node:assert/strict';
import {
  agentChoices,
  availabilityOf,
  chosenLabels,
  colourName,
  labelChoices,
  presenceFrom,
  priorityChoices,
  sameLabelSet,
  teamChoices,
} from '../../../../src/views/tree/triage';

suite('triage pickers', () => {
  test('labels: every account label by title, the conversation\'s ticked, colours named, a vanished label kept ticked', () => {
    const choices = labelChoices(
      [
        { id: 2, title: 'vip', color: '#FF0000', description: 'Paying customers' },
        { id: 1, title: 'billing', color: '#1f93ff' },
        { id: 3, title: 'bug', color: null },
      ],
      ['vip', 'legacy'],
    );
    assert.deepEqual(
      choices.map((c) => [c.title, c.description, c.detail, c.picked]),
      [
        ['billing', 'blue · #1f93ff', undefined, false],
        ['bug', undefined, undefined, false],
        ['legacy', undefined, undefined, true],
        ['vip', 'red · #FF0000', 'Paying customers', true],
      ],
    );
  });

  test('labels: the result keeps the conversation\'s order, new ones after; unchanged sets are recognised', () => {
    assert.deepEqual(chosenLabels(['vip', 'billing'], ['bug', 'billing', 'vip']), ['vip', 'billing', 'bug']);
    assert.deepEqual(chosenLabels(['vip', 'billing'], []), []);
    assert.ok(sameLabelSet(['a', 'b'], ['b', 'a']));
    assert.ok(!sameLabelSet(['a'], ['a', 'b']));
  });

  test('colour names', () => {
    assert.deepEqual(
      ['#000', '#fff', '#808080', '#ff0000', '#ff8c00', '#8b4513', '#ffd700', '#00aa00', '#00b3b3', '#1f93ff', '#7b2cbf', '#ff69b4', 'red', '#12345'].map(colourName),
      ['black', 'white', 'grey', 'red', 'orange', 'brown', 'yellow', 'green', 'teal', 'blue', 'purple', 'pink', undefined, undefined],
    );
  });

  test('priority: none to urgent, the current one marked, each with its icon', () => {
    const choices = priorityChoices('high');
    assert.deepEqual(
      choices.map((c) => [c.priority, c.label, c.icon, c.current]),
      [
        [null, 'None', 'circle-slash', false],
        ['low', 'Low', 'arrow-down', false],
        ['medium', 'Medium', 'dash', false],
        ['high', 'High', 'arrow-up', true],
        ['urgent', 'Urgent', 'flame', false],
      ],
    );
  });

  test('teams: by name, the current one marked, "No team" only when there is one to remove', () => {
    const teams = [
      { id: 2, name: 'Sales' },
      { id: 1, name: 'Billing', description: 'Invoices' },
    ];
    assert.deepEqual(
      teamChoices(teams, 2).map((c) => [c.teamId, c.label, c.current]),
      [
        [1, 'Billing', false],
        [2, 'Sales', true],
        [null, 'No team', false],
      ],
    );
    assert.deepEqual(teamChoices(teams, null).map((c) => c.teamId), [1, 2]);
  });

  test('agents: me first, then online, busy, offline, then by name; bots left out; presence beats the list', () => {
    const agents = [
      { id: 1, name: 'Zoe', availability_status: 'offline' as const },
      { id: 2, name: 'Marcus', availability_status: 'offline' as const },
      { id: 3, name: 'Ann', availability_status: 'busy' as const },
      { id: 4, name: 'Bea', availability_status: 'online' as const },
      { id: 9, name: 'Helper bot', role: 'agent_bot', assignee_type: 'AgentBot', availability_status: 'online' as const },
    ];
    const fromList = agentChoices(agents, 2, 3, undefined);
    assert.deepEqual(
      fromList.map((c) => [c.name, c.availability, c.isMe, c.current]),
      [
        ['Marcus', 'offline', true, false],
        ['Bea', 'online', false, false],
        ['Ann', 'busy', false, true],
        ['Zoe', 'offline', false, false],
      ],
    );
    // presence.update lists the present only: Bea is missing from it, so offline; Zoe came online.
    const presence = presenceFrom({ '1': 'online', '2': 'busy', '3': 'busy', x: 'online', '4': 'away' });
    assert.deepEqual(
      agentChoices(agents, 2, undefined, presence).map((c) => [c.name, c.availability]),
      [
        ['Marcus', 'busy'],
        ['Zoe', 'online'],
        ['Ann', 'busy'],
        ['Bea', 'offline'],
      ],
    );
    assert.equal(availabilityOf({ id: 5, availability_status: undefined }, undefined), 'offline');
  });
});
