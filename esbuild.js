#!/usr/bin/env node
// Builds the two bundles the extension ships:
//   dist/extension.js      the extension host side (Node, CommonJS, `vscode` external)
//   dist/webview/<name>.js each webview app (browser, IIFE)
// Flags: --production (minify, no source maps), --watch (rebuild on change),
//        --metafile (write dist/meta-*.json and print a size report).
'use strict';
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const report = process.argv.includes('--metafile') || production;

/** Prints errors in the `$esbuild-watch` problem-matcher format so VS Code tasks pick them up. */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => {
      if (watch) console.log('[watch] build started');
    });
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      if (watch) console.log('[watch] build finished');
    });
  },
};

/**
 * zod re-exports every one of its ~50 message locales (about 250 KiB minified) through
 * `z.locales`; we use none of them (src/common/schemaIssues.ts gives zod/mini its few English
 * messages), so the index that gathers them resolves to an empty module.
 */
const zodWithoutLocales = {
  name: 'zod-without-locales',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]/.test(args.importer) ? { path: 'zod-locales', namespace: 'empty' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: 'export {};', loader: 'js' }));
  },
};

/**
 * ws's entry also loads its server, its stream wrapper and the server's subprotocol parser (about
 * 8 KiB minified) and exports them beside the WebSocket class; the extension is only a client and
 * never reads them, so those three modules resolve to an empty one.
 */
const wsClientOnly = {
  name: 'ws-client-only',
  setup(build) {
    build.onResolve({ filter: /^\.\/lib\/(websocket-server|stream|subprotocol)(\.js)?$/ }, (args) =>
      /[\\/]ws[\\/](index\.js|wrapper\.mjs)$/.test(args.importer) ? { path: args.path, namespace: 'ws-unused' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'ws-unused' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
  },
};

/**
 * Our classes' private members (`_name`, the house style) are property names, which minifying
 * leaves alone; about 2,600 of them were 22 KiB of the extension bundle. They are renamed to
 * short ones (`mangleProps`), in every build so the tests run what ships. A library may give its
 * own properties the same shape and reach them by string (zod's compiled parsers are generated
 * source text that reads `_zod`), so every `_name` in the bundled libraries' sources is kept
 * as it is. Our code reaches no other object's `_` members and never by string, and no wire or
 * stored data has such keys.
 */
function libraryUnderscoreNames() {
  const names = new Set();
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (/\.[cm]?js$/.test(entry.name)) for (const m of fs.readFileSync(file, 'utf8').matchAll(/\b_[\w$]+/g)) names.add(m[0]);
    }
  };
  for (const pkg of ['zod', 'ws']) walk(path.dirname(require.resolve(`${pkg}/package.json`)));
  const escaped = [...names].map((n) => n.replace(/\$/g, '\\$'));
  return new RegExp(`^(${escaped.join('|')})$`);
}

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  logLevel: 'warning',
  metafile: report,
  plugins: [problemMatcher],
};

const builds = [
  {
    ...common,
    entryPoints: { extension: 'src/extension.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    // VS Code 1.100 runs extensions on Electron 34's Node 20.
    target: 'node20',
    // ws loads these native speed-ups optionally and falls back to JS without them.
    external: ['vscode', 'bufferutil', 'utf-8-validate'],
    plugins: [problemMatcher, zodWithoutLocales, wsClientOnly],
    mangleProps: /^_/,
    reserveProps: libraryUnderscoreNames(),
  },
  {
    ...common,
    entryPoints: webviewEntries(),
    outdir: 'dist/webview',
    platform: 'browser',
    format: 'iife',
    target: ['chrome120'],
  },
];

/** Every `src/webview/<name>/main.ts` is one webview app, bundled to `dist/webview/<name>.js`. */
function webviewEntries() {
  const dir = path.join(__dirname, 'src/webview');
  const entries = {};
  for (const name of fs.readdirSync(dir)) {
    const main = path.join(dir, name, 'main.ts');
    if (fs.existsSync(main)) entries[name] = path.relative(__dirname, main);
  }
  return entries;
}

function sizeReport(results) {
  const rows = [];
  for (const { metafile } of results) {
    if (!metafile) continue;
    for (const [file, out] of Object.entries(metafile.outputs)) {
      if (!file.endsWith('.map')) rows.push([file, out.bytes]);
    }
  }
  if (!rows.length) return;
  fs.writeFileSync(path.join(__dirname, 'dist', 'sizes.json'), JSON.stringify(Object.fromEntries(rows), null, 2));
  for (const [file, bytes] of rows) console.log(`${file.padEnd(32)} ${(bytes / 1024).toFixed(1).padStart(8)} KiB`);
}

/** The webview's icon font: codicon.css loads codicon.ttf by a relative URL, so they sit together. */
function copyCodicons() {
  const from = path.join(__dirname, 'node_modules', '@vscode', 'codicons', 'dist');
  const to = path.join(__dirname, 'dist', 'webview');
  fs.mkdirSync(to, { recursive: true });
  for (const file of ['codicon.css', 'codicon.ttf']) fs.copyFileSync(path.join(from, file), path.join(to, file));
}

async function main() {
  fs.rmSync(path.join(__dirname, 'dist'), { recursive: true, force: true });
  copyCodicons();
  if (watch) {
    const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
    await Promise.all(contexts.map((c) => c.watch()));
    return;
  }
  const results = await Promise.all(builds.map((b) => esbuild.build(b)));
  if (report) sizeReport(results);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
