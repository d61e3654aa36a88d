/**
 * The files attached to the reply being written: the attach button (VS Code's file picker,
 * through the host), files dropped on the composer or pasted into it, and the list under the
 * composer with each file's name, size, a preview for images and a remove button. The host holds
 * the bytes; this side reads a dropped or pasted file only after checking its size.
 */
import * as l10n from '@vscode/l10n';
import type { AttachmentLimits, StagedFile } from '../../protocol/chatProtocol';
import { h, icon, iconButton } from './dom';
import { fileSize } from './format';

export interface StagedFilesCallbacks {
  /** The attach button: the host opens its file picker. */
  pick(): void;
  /** Dropped or pasted files, read as base64. */
  stage(files: { name: string; mimeType: string; data: string }[]): void;
  unstage(fileId: string): void;
}

export class StagedFiles {
  /** The list under the composer. */
  readonly list: HTMLElement;
  readonly button: HTMLButtonElement;
  /** Why files were not attached; cleared by the next attach. */
  readonly notice: HTMLElement;
  private _files: StagedFile[] = [];
  private _limits: AttachmentLimits | null = null;

  constructor(private readonly _callbacks: StagedFilesCallbacks) {
    this.list = h('ul', { class: 'staged', attrs: { 'aria-label': l10n.t('Attached files'), hidden: true } });
    this.notice = h('div', { class: 'staged__notice', attrs: { role: 'alert', hidden: true } });
    this.button = iconButton('attach', l10n.t('Attach files'), { class: 'icon-button attach-button' });
    this.button.addEventListener('click', () => {
      this._showRefusals([]);
      this._callbacks.pick();
    });
  }

  /** A conversation was opened: the files the host holds for its composer, and whether attaching is offered. */
  load(files: readonly StagedFile[], limits: AttachmentLimits | null): void {
    this._limits = limits;
    this.button.hidden = !limits;
    this._files = [...files];
    this._showRefusals([]);
    this._render();
  }

  /** The host staged these (and refused those). */
  add(files: readonly StagedFile[], refused: readonly { name: string; error: string }[] = []): void {
    for (const f of files) if (!this._files.some((x) => x.id === f.id)) this._files.push(f);
    this._showRefusals(refused.map((r) => r.error));
    this._render();
  }

  get files(): readonly StagedFile[] {
    return this._files;
  }

  /** A reply takes every staged file: the list empties (the host moved them to the reply). */
  takeAll(): StagedFile[] {
    const taken = this._files.map(({ thumbnail: _thumbnail, ...f }) => f);
    this._files = [];
    this._render();
    return taken;
  }

  /** Files dropped on `target` and pasted into `input` are attached. */
  wire(target: HTMLElement, input: HTMLTextAreaElement): void {
    const hasFiles = (e: DragEvent) => !!e.dataTransfer && [...e.dataTransfer.types].includes('Files');
    target.addEventListener('dragover', (e) => {
      if (!this._limits || !hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
      target.classList.add('composer--drop');
    });
    target.addEventListener('dragleave', (e) => {
      if (!(e.relatedTarget instanceof Node && target.contains(e.relatedTarget))) target.classList.remove('composer--drop');
    });
    target.addEventListener('drop', (e) => {
      target.classList.remove('composer--drop');
      if (!this._limits || !hasFiles(e)) return;
      e.preventDefault();
      void this._read([...(e.dataTransfer?.files ?? [])]);
    });
    input.addEventListener('paste', (e) => {
      const files = [...(e.clipboardData?.files ?? [])];
      // Text pastes stay the textarea's own.
      if (!this._limits || files.length === 0) return;
      e.preventDefault();
      void this._read(files);
    });
  }

  /** Checks sizes and count before reading anything, then hands the rest to the host. */
  private async _read(files: File[]): Promise<void> {
    const limits = this._limits;
    if (!limits) return;
    const refused: string[] = [];
    const accepted: File[] = [];
    for (const f of files) {
      const name = f.name || l10n.t('pasted file');
      if (f.size > limits.maxBytes) refused.push(l10n.t('{0} is {1}: Chatwoot accepts files up to {2}.', name, fileSize(f.size), fileSize(limits.maxBytes)));
      else if (this._files.length + accepted.length >= limits.maxFiles) refused.push(limits.maxFiles === 1 ? l10n.t('{0} was not attached: a reply carries at most 1 file.', name) : l10n.t('{0} was not attached: a reply carries at most {1} files.', name, limits.maxFiles));
      else accepted.push(f);
    }
    this._showRefusals(refused);
    if (!accepted.length) return;
    const read = await Promise.all(accepted.map(async (f) => ({ name: nameOf(f), mimeType: f.type || 'application/octet-stream', data: await base64Of(f) })));
    this._callbacks.stage(read);
  }

  private _remove(id: string): void {
    this._files = this._files.filter((f) => f.id !== id);
    this._render();
    this._callbacks.unstage(id);
  }

  private _showRefusals(errors: readonly string[]): void {
    this.notice.hidden = errors.length === 0;
    this.notice.replaceChildren(...errors.map((e) => h('div', {}, icon('warning'), e)));
  }

  private _render(): void {
    this.list.hidden = this._files.length === 0;
    this.list.replaceChildren(...this._files.map((f) => this._item(f)));
  }

  private _item(f: StagedFile): HTMLElement {
    const thumb = f.thumbnail && /^data:image\/(png|jpeg|gif|webp);base64,/.test(f.thumbnail) ? h('img', { class: 'staged__thumb', attrs: { src: f.thumbnail, alt: '' } }) : icon(f.mimeType.startsWith('image/') ? 'file-media' : 'file', 'staged__icon');
    const remove = iconButton('close', l10n.t('Remove {0}', f.name), { class: 'icon-button staged__remove' });
    remove.addEventListener('click', () => this._remove(f.id));
    return h('li', { class: 'staged__item', attrs: { 'data-file-id': f.id } }, thumb, h('span', { class: 'staged__name', text: f.name, attrs: { title: f.name } }), h('span', { class: 'staged__size', text: fileSize(f.size) }), remove);
  }
}

/** A pasted screenshot is called `image.png` by the clipboard; a time makes several tell apart. */
function nameOf(f: File): string {
  if (f.name && f.name !== 'image.png') return f.name;
  const ext = f.type.split('/')[1]?.replace(/[^a-z0-9]/g, '') || 'png';
  const t = new Date();
  const two = (n: number) => String(n).padStart(2, '0');
  return `Pasted image ${t.getFullYear()}-${two(t.getMonth() + 1)}-${two(t.getDate())} ${two(t.getHours())}.${two(t.getMinutes())}.${two(t.getSeconds())}.${ext}`;
}

function base64Of(f: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('could not read the file'));
    reader.readAsDataURL(f);
  });
}
