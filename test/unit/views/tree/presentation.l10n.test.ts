import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import { ConversationStore } from '../../../../src/conversations/store';
import { describeMacroAction } from '../../../../src/views/macros/macroText';
import { searchRows } from '../../../../src/views/search/searchRows';
import { filterDescription, groupLabel, presentConversation, sortName } from '../../../../src/views/tree/presentation';
import { snoozeOptions } from '../../../../src/views/tree/snooze';
import { conversation } from '../../../helpers/payloads';

const NOW_MS = 1_700_000_000_000;
const NOW = NOW_MS / 1000;

/** Loads a translated bundle as the extension does at activation (tests run from out/test/unit/views/tree). */
function useBundle(language: 'pt-br' | 'es'): void {
  const file = path.resolve(__dirname, '../../../../../l10n', `bundle.l10n.${language}.json`);
  l10n.config({ contents: JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string> });
}

suite('presentation in the display language', () => {
  let store: ConversationStore;
  setup(() => {
    store = new ConversationStore(1, 1);
    store.setCatalog({ inboxes: [{ id: 1, name: 'Website', channelType: 'Channel::WebWidget' }], agents: [{ id: 1, name: 'Priya Raman', availableName: 'Priya', availability: 'online' }] });
    store.upsert(conversation(42, { assigneeId: 1, unread_count: 2, last_activity_at: NOW - 300, contactName: 'Ada Lovelace', priority: 'high' }), { counts: 'none' });
  });
  teardown(() => {
    store.dispose();
    l10n.config({ contents: {} });
  });

  test('Brazilian Portuguese: a row, its tooltip and what a screen reader says; groups, filter and sort names', () => {
    useBundle('pt-br');
    const p = presentConversation(store, store.get(42)!, NOW_MS);
    assert.match(p.description, /^2 novas · /);
    assert.match(p.tooltip, /Caixa de entrada: Website/);
    assert.match(p.tooltip, /Status: Aberta/);
    assert.match(p.tooltip, /Prioridade: Alta/);
    assert.match(p.tooltip, /Responsável: Agent 1/);
    assert.match(p.accessibilityLabel, /^Ada Lovelace, aberta, prioridade alta, atribuída a você, 2 não lidas, última atividade /);
    assert.equal(groupLabel('mine', { mine: 3, unassigned: 0, all: 3 }), 'Minhas (3)');
    assert.equal(filterDescription({ status: 'open', inboxId: undefined }, undefined), 'Aberta · Todas as caixas de entrada');
    assert.equal(sortName('waiting_since_asc'), 'Esperando há mais tempo');
    assert.equal(snoozeOptions()[0].label, 'Até a próxima resposta');
  });

  test('Spanish: a row and its tooltip; a macro step; a search that found nothing', () => {
    useBundle('es');
    const p = presentConversation(store, store.get(42)!, NOW_MS);
    assert.match(p.description, /^2 nuevos · /);
    assert.match(p.tooltip, /Bandeja de entrada: Website/);
    assert.match(p.tooltip, /Estado: Abierta/);
    assert.match(p.accessibilityLabel, /^Ada Lovelace, abierta, prioridad alta, asignada a usted, 2 no leídos, última actividad /);
    assert.equal(describeMacroAction({ action_name: 'change_priority', action_params: ['urgent'] }, { agent: () => undefined, team: () => undefined }), 'Establecer la prioridad en urgente');
    const rows = searchRows({ query: 'zzz', results: {}, pending: { messages: false, conversations: false, contacts: false }, failures: [] }, 'zzz');
    assert.deepEqual(rows.map((r) => r.label), ['No hay coincidencias']);
  });

  test('without a bundle (English, the default) the same rows read as before', () => {
    const p = presentConversation(store, store.get(42)!, NOW_MS);
    assert.match(p.description, /^2 new · /);
    assert.match(p.tooltip, /Status: Open/);
    assert.equal(groupLabel('mine', { mine: 3, unassigned: 0, all: 3 }), 'Mine (3)');
  });
});
