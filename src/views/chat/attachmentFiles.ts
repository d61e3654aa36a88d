import * as path from 'path';
import * as vscode from 'vscode';
import type { UploadFile } from '../../api/multipart';
import { formatBytes, mimeTypeOf } from '../../chat/heldFiles';
import { Logger } from '../../common/log';
import { isOpenableLink } from './fromWebview';

/** Why a file of this size cannot be staged, given how many are being staged with it; undefined when it can. */
export type RefusalCheck = (name: string, size: number, alsoStaging: number) => string | undefined;

export interface ReadResult {
  readonly files: UploadFile[];
  readonly refused: { name: string; error: string }[];
}

/**
 * Reads files from disk for the composer. Each is checked by its size first (`stat`), so a file
 * over the limit is refused without being read.
 */
export async function readFiles(uris: readonly vscode.Uri[], refusal: RefusalCheck): Promise<ReadResult> {
  const files: UploadFile[] = [];
  const refused: { name: string; error: string }[] = [];
  for (const uri of uris) {
    const name = path.basename(uri.path);
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.type & vscode.FileType.Directory) {
        refused.push({ name, error: vscode.l10n.t('{0} is a folder: attach the files in it.', name) });
        continue;
      }
      const why = refusal(name, stat.size, files.length);
      if (why) {
        refused.push({ name, error: why });
        continue;
      }
      files.push({ name, mimeType: mimeTypeOf(name), bytes: await vscode.workspace.fs.readFile(uri) });
    } catch (e) {
      refused.push({ name, error: vscode.l10n.t('{0} could not be read: {1}', name, e instanceof Error ? e.message : String(e)) });
    }
  }
  return { files, refused };
}

/** The composer's attach button: VS Code's own file picker, several files at once. */
export async function pickAndReadFiles(refusal: RefusalCheck): Promise<ReadResult> {
  const uris = await vscode.window.showOpenDialog({ canSelectMany: true, canSelectFiles: true, canSelectFolders: false, openLabel: vscode.l10n.t('Attach'), title: vscode.l10n.t('Attach files to the reply') });
  return uris?.length ? readFiles(uris, refusal) : { files: [], refused: [] };
}

/**
 * "Save As…" on a received file: asks where, then downloads it with progress in a notification
 * (cancellable). The access token is never sent: Chatwoot's attachment URLs are signed Active
 * Storage URLs that redirect to the storage host.
 */
export async function saveAttachment(url: string, name: string, log: Logger): Promise<void> {
  if (!isOpenableLink(url) || url.startsWith('mailto:')) {
    log.warn('refused to download an attachment that is not http(s)');
    return;
  }
  const safeName = path.basename(name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_')) || 'attachment';
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({ title: vscode.l10n.t('Save attachment'), saveLabel: vscode.l10n.t('Save'), ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, safeName) } : {}) });
  if (!target) return;
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Downloading {0}', safeName), cancellable: true }, async (progress, token) => {
    const abort = new AbortController();
    const cancel = token.onCancellationRequested(() => abort.abort());
    try {
      const response = await fetch(url, { signal: abort.signal, redirect: 'follow' });
      if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
      const total = Number(response.headers.get('content-length')) || 0;
      const chunks: Uint8Array[] = [];
      let received = 0;
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        received += value.length;
        if (total > 0) progress.report({ increment: (value.length / total) * 100, message: vscode.l10n.t('{0} of {1}', formatBytes(received), formatBytes(total)) });
        else progress.report({ message: formatBytes(received) });
      }
      const bytes = new Uint8Array(received);
      let at = 0;
      for (const c of chunks) {
        bytes.set(c, at);
        at += c.length;
      }
      await vscode.workspace.fs.writeFile(target, bytes);
      log.info(`saved an attachment (${formatBytes(received)})`);
    } catch (e) {
      if (token.isCancellationRequested) return;
      log.warn('downloading an attachment failed', e);
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not download {0}: {1}', safeName, e instanceof Error ? e.message : String(e)));
    } finally {
      cancel.dispose();
    }
  });
}
