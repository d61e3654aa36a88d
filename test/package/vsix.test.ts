// Builds the VSIX the way a release does (`npm run package`) and checks what a user would
// install: the bundles, manifest, docs and media, and nothing from the development tree.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';
import { inflateRawSync } from 'node:zlib';

const root = path.resolve(__dirname, '../../..');
const vsix = path.join(root, 'dist', 'chatwoot-agent.vsix');
const MAX_BYTES = 300 * 1024;

/** Reads a zip's central directory: name → uncompressed content, enough for a VSIX. */
function readZip(buffer: Buffer): Map<string, Buffer> {
  const eocd = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(eocd >= 0, 'not a zip file');
  const count = buffer.readUInt16LE(eocd + 10);
  let offset = buffer.readUInt32LE(eocd + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    const method = buffer.readUInt16LE(offset + 10);
    const compressedSize = buffer.readUInt32LE(offset + 20);
    const nameLength = buffer.readUInt16LE(offset + 28);
    const extraLength = buffer.readUInt16LE(offset + 30);
    const commentLength = buffer.readUInt16LE(offset + 32);
    const local = buffer.readUInt32LE(offset + 42);
    const name = buffer.toString('utf8', offset + 46, offset + 46 + nameLength);
    const dataStart = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
    const data = buffer.subarray(dataStart, dataStart + compressedSize);
    files.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

suite('VSIX package', function () {
  this.timeout(120000);
  let files: Map<string, Buffer>;
  let size: number;

  suiteSetup(() => {
    fs.rmSync(vsix, { force: true });
    execFileSync('npm', ['run', '--silent', 'vscode:prepublish'], { cwd: root, stdio: 'pipe' });
    execFileSync('npm', ['run', '--silent', 'package'], { cwd: root, stdio: 'pipe' });
    const buffer = fs.readFileSync(vsix);
    size = buffer.length;
    files = readZip(buffer);
    console.log(`      ${path.relative(root, vsix)}: ${(size / 1024).toFixed(1)} KiB, ${files.size} files`);
  });

  test(`is at most ${MAX_BYTES / 1024} KB`, () => {
    assert.ok(size <= MAX_BYTES, `${size} bytes`);
  });

  test('holds the bundles, manifest, docs, icon and media', () => {
    for (const name of [
      'extension/dist/extension.js',
      'extension/dist/webview/chat.js',
      'extension/package.json',
      'extension/readme.md',
      'extension/changelog.md',
      'extension/LICENSE.txt',
      'extension/media/icon.png',
      'extension/media/activitybar.svg',
      'extension/media/chat.css',
      'extension/dist/webview/contact.js',
      'extension/media/contact.css',
      // The Getting Started walkthrough's pages (package.json contributes.walkthroughs).
      'extension/media/walkthrough/signIn.md',
      'extension/media/walkthrough/demo.md',
      'extension/media/walkthrough/availability.svg',
      'extension/media/walkthrough/reply.md',
      'extension/media/walkthrough/sendCode.md',
      'extension/dist/webview/codicon.css',
      'extension/dist/webview/codicon.ttf',
      'extension.vsixmanifest',
    ]) {
      assert.ok(files.has(name), `${name} missing; has ${[...files.keys()].join(', ')}`);
    }
  });

  test('holds the manifest translations and every l10n bundle', () => {
    // VS Code reads package.nls.<language>.json for the manifest and l10n/bundle.l10n.<language>.json
    // for vscode.l10n.t: a file missing from the package leaves that language in English.
    const shipped = [
      ...fs.readdirSync(root).filter((f) => /^package\.nls(\.[a-z-]+)?\.json$/.test(f)),
      ...(fs.existsSync(path.join(root, 'l10n')) ? fs.readdirSync(path.join(root, 'l10n')).filter((f) => f.endsWith('.json')).map((f) => `l10n/${f}`) : []),
    ];
    for (const name of ['package.nls.json', 'package.nls.pt-br.json', 'package.nls.es.json']) assert.ok(shipped.includes(name), `${name} is not in the repository`);
    for (const name of shipped) assert.ok(files.has(`extension/${name}`), `extension/${name} missing from the VSIX`);
    const manifest = JSON.parse(files.get('extension/package.json')!.toString('utf8')) as { l10n?: string };
    assert.equal(manifest.l10n, './l10n');
  });

  test('holds no sources, tests, node_modules, TypeScript or source maps', () => {
    for (const name of files.keys()) {
      assert.doesNotMatch(name, /^extension\/(src|test|out|node_modules|scripts|\.vscode-test)\//, name);
      assert.doesNotMatch(name, /\.(ts|map)$/, name);
      assert.doesNotMatch(name, /\.vsix$/, name);
    }
  });

  test('the bundle is minified and self-contained: ws and zod are inside, only vscode is external', () => {
    const bundle = files.get('extension/dist/extension.js')!.toString('utf8');
    // Template literals keep their newlines when minified; indentation would not survive.
    const indented = bundle.split('\n').filter((l) => /^ {2,}\S/.test(l)).length;
    assert.ok(indented < 50, `production bundle is minified (${indented} indented lines)`);
    const requires = new Set([...bundle.matchAll(/require\("([^"./][^"]*)"\)/g)].map((m) => m[1]));
    // Node's own modules (`fs/promises` too, which @vscode/l10n's Node build uses), vscode, and ws's optional natives.
    const allowed = (r: string) => /^(vscode|bufferutil|utf-8-validate|node:.*)$/.test(r) || builtinModules.includes(r);
    for (const r of requires) assert.ok(allowed(r), `bundle requires ${r} at run time`);
    assert.ok(!requires.has('ws') && !requires.has('zod'), 'ws and zod must be bundled');
  });

  test('every file the bundle loads later (dist/lazy, by a relative require) is in the package', () => {
    const shipped = [...files.keys()].filter((name) => /^extension\/dist\/.*\.js$/.test(name) && !name.startsWith('extension/dist/webview/'));
    const lazy = shipped.filter((name) => name.startsWith('extension/dist/lazy/'));
    assert.ok(lazy.length > 0, 'no lazy files in the package');
    for (const name of shipped) {
      for (const [, target] of files.get(name)!.toString('utf8').matchAll(/require\("(\.{1,2}\/[^"]+)"\)/g)) {
        const resolved = path.posix.join(path.posix.dirname(name), target);
        assert.ok(files.has(resolved), `${name} requires ${target}, which is not in the package`);
      }
    }
  });

  test('the manifest in the package is the one we ship', () => {
    const manifest = JSON.parse(files.get('extension/package.json')!.toString('utf8')) as { main: string; version: string };
    assert.equal(manifest.main, './dist/extension.js');
    assert.equal(manifest.version, '0.1.0');
  });
});
