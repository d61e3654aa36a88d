import { promises as fs } from 'fs';
import * as nodePath from 'path';
import * as vscode from 'vscode';
import { Disposable } from '../../common/dispose';
import { Logger } from '../../common/log';
import { plainText } from '../../common/plainText';
import { bestTailMatch, fileNameGlob, isInside, parseCodePath } from './codePaths';

/** Answers are kept until files or folders change in VS Code; a bound keeps a long session small. */
const MAX_CACHED = 1000;
/** Files sharing a name that are compared by their folders; a name more common than this is rarely meant. */
const MAX_SAME_NAME = 200;
const CASE_INSENSITIVE = process.platform === 'win32' || process.platform === 'darwin';

/**
 * Finds the workspace file a chat message's file reference names, and opens it at the line. Only
 * files inside the open workspace folders are ever answered or opened: a path from a customer's
 * message must not open (or even confirm the existence of) anything else on the agent's machine.
 * Shared by every chat view.
 */
export class CodeLinkResolver extends Disposable {
  private readonly _cache = new Map<string, Promise<vscode.Uri | undefined>>();

  constructor(private readonly _log: Logger) {
    super();
    const forget = () => this._cache.clear();
    this._register(vscode.workspace.onDidChangeWorkspaceFolders(forget));
    this._register(vscode.workspace.onDidCreateFiles(forget));
    this._register(vscode.workspace.onDidDeleteFiles(forget));
    this._register(vscode.workspace.onDidRenameFiles(forget));
  }


  resolve(raw: string): Promise<vscode.Uri | undefined> {
    let answer = this._cache.get(raw);
    if (!answer) {
      if (this._cache.size >= MAX_CACHED) this._cache.clear();
      answer = this._lookup(raw).catch((e: unknown) => {
        this._log.warn('looking up a file named in a message failed', e);
        return undefined;
      });
      this._cache.set(raw, answer);
    }
    return answer;
  }

  /** Opens the file at `line` (and `column`), both 1-based; says so when it is not in the workspace. */
  async open(raw: string, line: number, column?: number): Promise<boolean> {
    // Looked up again: the webview's word that this is a workspace file is not taken.
    this._cache.delete(raw);
    const uri = await this.resolve(raw);
    if (!uri) {
      void vscode.window.showWarningMessage(vscode.l10n.t('{0} is not a file in the open workspace.', plainText(raw)));
      return false;
    }
    const document = await vscode.workspace.openTextDocument(uri);
    const at = document.validatePosition(new vscode.Position(line - 1, (column ?? 1) - 1));
    await vscode.window.showTextDocument(document, { selection: new vscode.Range(at, at), preview: true });
    return true;
  }

  private async _lookup(raw: string): Promise<vscode.Uri | undefined> {
    const path = parseCodePath(raw);
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (!path || !folders.length) return undefined;
    if (path.absolute) {
      // An absolute path from this machine, inside an open folder; one from a server is matched by its tail below.
      if (nodePath.isAbsolute(raw)) {
        const uri = vscode.Uri.file(nodePath.resolve(raw));
        if (await this._isWorkspaceFile(uri)) return uri;
      }
    } else {
      for (const folder of folders) {
        const uri = vscode.Uri.joinPath(folder.uri, ...path.segments);
        if (await this._isWorkspaceFile(uri)) return uri;
      }
    }
    const hits = await vscode.workspace.findFiles(fileNameGlob(path), undefined, MAX_SAME_NAME);
    const best = bestTailMatch(path, hits.map((uri) => vscode.workspace.asRelativePath(uri, false).split('/')));
    return best !== undefined && (await this._isWorkspaceFile(hits[best])) ? hits[best] : undefined;
  }

  /** A file (not a folder) inside a workspace folder, also after following symbolic links. */
  private async _isWorkspaceFile(uri: vscode.Uri): Promise<boolean> {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return false;
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (!(stat.type & vscode.FileType.File)) return false;
    } catch {
      return false;
    }
    if (uri.scheme !== 'file') return true;
    try {
      const [real, realFolder] = await Promise.all([fs.realpath(uri.fsPath), fs.realpath(folder.uri.fsPath)]);
      return isInside(realFolder, real, CASE_INSENSITIVE);
    } catch {
      return false;
    }
  }
}
