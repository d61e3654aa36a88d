import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands, EXTENSION_ID, Views } from '../../src/constants';
import type { ExtensionApi } from '../../src/extension';
import type { ConversationNode } from '../../src/views/tree/nodes';
import { signedInToStandIn, signOutAndStop } from '../helpers/host/extension';
import { within } from '../helpers/wait';
import type { FakeChatwoot } from '../server';

/** A translated command title or category arrives as `{ value, original }`. */
type Localized = string | { value: string; original: string };
const shown = (s: Localized): string => (typeof s === 'string' ? s : s.value);

interface Manifest {
  contributes: { commands: Array<{ command: string; title: Localized; category: Localized }>; views: Record<string, Array<{ id: string; name: string }>> };
}

suite('In Brazilian Portuguese (VS Code display language pt-br)', () => {
  // VS Code loads an extension's l10n bundle when it activates it.
  suiteSetup(() => vscode.extensions.getExtension(EXTENSION_ID)!.activate());

  test('VS Code runs in pt-br', () => {
    assert.equal(vscode.env.language, 'pt-br');
  });

  test('the manifest VS Code shows comes from package.nls.pt-br.json', () => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as Manifest;
    const signIn = manifest.contributes.commands.find((c) => c.command === Commands.signIn)!;
    assert.equal(`${shown(signIn.category)}: ${shown(signIn.title)}`, 'Chatwoot: Entrar');
    assert.equal(manifest.contributes.views.chatwoot.find((v) => v.id === Views.conversations)!.name, 'Conversas');
  });

  test('vscode.l10n reads l10n/bundle.l10n.pt-br.json', () => {
    assert.equal(vscode.l10n.t('just now'), 'agora mesmo');
  });

  suite('a new conversation in the tree', () => {
    let api: ExtensionApi;
    let server: FakeChatwoot;

    suiteSetup(async () => {
      ({ api, server } = await signedInToStandIn());
      await vscode.commands.executeCommand(`${Views.conversations}.focus`);
    });

    suiteTeardown(() => signOutAndStop(api, server));

    test('shows its age in Portuguese, and its tooltip a string the pure modules translate', async () => {
      const provider = api.conversations.provider;
      const id = server.control.newConversation({ inboxId: 1, content: 'Olá, tem alguém aí?', contactName: 'Zé Visitante' }).id as number;
      const row = (): vscode.TreeItem | undefined => {
        const node = provider.getChildren(provider.groupNode('unassigned')).find((n): n is ConversationNode => n.kind === 'conversation' && n.conversationId === id);
        return node && provider.getTreeItem(node);
      };
      await within(new Promise<void>((resolve) => {
        const check = () => row() && (sub.dispose(), resolve());
        const sub = provider.onDidRefresh(check);
        check();
      }), 'the new conversation in Unassigned', 15000);
      const item = row()!;
      // Under a minute old: Intl's "now" in pt-BR (the English row says "now").
      assert.match(String(item.description), /(^| · )agora( · |$)/);
      // "just now" is l10n.t in a pure module: translated only if activation configured @vscode/l10n.
      assert.match((item.tooltip as vscode.MarkdownString).value, /agora mesmo/);
    });
  });
});
