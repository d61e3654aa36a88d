#!/usr/bin/env node
// Builds the bundles the extension ships:
//   dist/extension.js      the extension host side (Node, CommonJS, `vscode` external): what
//                          activation needs
//   dist/lazy/*.js         the host side's features loaded on first use (`await import(...)` in
//                          src/), and what only they share
//   dist/webview/<name>.js each webview app (browser, IIFE)
// Flags: --production (minify, no source maps), --watch (rebuild on change),
//        --metafile (print a size report, also written to dist/sizes.json).
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
 * zod's schema compiler (v4/core/compile.js, ~29 KiB) is only used by the hot-path schemas, after
 * activation, through src/common/schemaCompiler.ts, which src/common/compiledSchema.ts loads with
 * `import()`. zod's core index re-exports it, and esbuild splits by file, so it would land in the
 * main bundle; there the index gets a stand-in with the same export names, and schemaCompiler.ts's
 * `zod/mini` is the compiler's own file, which thus goes into a lazy file.
 */
const zodCompilerLazy = {
  name: 'zod-compiler-lazy',
  setup(build) {
    const compiler = path.join(path.dirname(require.resolve('zod/package.json')), 'v4', 'core', 'compile.js');
    build.onResolve({ filter: /^zod\/mini$/ }, (args) => (/[\\/]src[\\/]common[\\/]schemaCompiler\.ts$/.test(args.importer) ? { path: compiler } : undefined));
    build.onResolve({ filter: /^\.\/compile\.js$/ }, (args) =>
      path.join(args.resolveDir, 'compile.js') === compiler ? { path: 'zod-compiler-stand-in', namespace: 'zod-compiler' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-compiler' }, () => {
      const names = [...fs.readFileSync(compiler, 'utf8').matchAll(/^export (?:const|let|function\*?|class) ([\w$]+)/gm)].map((m) => m[1]);
      return { contents: names.map((n) => `export const ${n} = undefined;`).join('\n'), loader: 'js' };
    });
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
    // Compression (about 6 KiB minified) is never negotiated: the socket turns the offer off
    // (src/cable/socket.ts) and ActionCable's server accepts no extension (docs/chatwoot-events.md).
    // ws still reads the class's `extensionName` to look an extension up, so that much stays.
    build.onResolve({ filter: /^\.\/(lib\/)?permessage-deflate(\.js)?$/ }, (args) =>
      /[\\/]ws[\\/]/.test(args.importer) ? { path: 'permessage-deflate', namespace: 'ws-no-deflate' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'ws-no-deflate' }, () => ({
      contents: "module.exports = class { static get extensionName() { return 'permessage-deflate'; } };",
      loader: 'js',
    }));
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

const dist = path.join(__dirname, 'dist');
const esmDir = path.join(dist, '.esm');

/**
 * VS Code loads an extension as CommonJS, and esbuild splits code into lazily loaded chunks only
 * in ESM output; so the extension is bundled to ESM in dist/.esm, then each output file is turned
 * into CommonJS here. Chunks the entry imports statically (code it shares with the lazy features)
 * are folded into dist/extension.js, which re-exports each as `__chunkN`; the lazy files reach
 * them through it, so a module is never loaded twice and one file holds what activation needs.
 */
const toCommonJs = {
  name: 'to-commonjs',
  setup(build) {
    build.onEnd(async (result) => {
      if (result.errors.length) return;
      const outputs = result.metafile.outputs;
      const rel = (file) => path.relative(esmDir, path.resolve(__dirname, file)).split(path.sep).join('/');
      const entry = Object.keys(outputs).find((f) => rel(f) === 'extension.js');
      const folded = new Map();
      const fold = (file) => {
        for (const i of outputs[file].imports) {
          if (i.kind === 'import-statement' && !i.external && !folded.has(rel(i.path))) {
            folded.set(rel(i.path), `__chunk${folded.size}`);
            fold(i.path);
          }
        }
      };
      fold(entry);
      const lazy = Object.keys(outputs).filter((f) => f.endsWith('.js') && f !== entry && !folded.has(rel(f)));
      fs.rmSync(path.join(dist, 'lazy'), { recursive: true, force: true });
      const main = path.join(esmDir, '__main.js');
      fs.writeFileSync(main, [`export * from './extension.js';`, ...[...folded].map(([file, name]) => `export * as ${name} from './${file}';`)].join('\n'));
      const converted = await esbuild.build({
        ...common,
        metafile: true,
        entryPoints: Object.fromEntries([['extension', main], ...lazy.map((f) => [rel(f).replace(/\.js$/, ''), path.resolve(__dirname, f)])]),
        outdir: dist,
        platform: 'node',
        format: 'cjs',
        target: 'node20',
        // `import()` of a lazy file becomes a `require` (a CommonJS file, like this one).
        supported: { 'dynamic-import': false },
        external: ['vscode', 'bufferutil', 'utf-8-validate'],
        plugins: [
          {
            name: 'chunks',
            setup(b) {
              b.onResolve({ filter: /^\.\.?\// }, (args) => {
                if (args.kind === 'entry-point') return undefined;
                if (args.namespace === 'folded') return { path: args.path, external: true };
                const from = path.relative(esmDir, args.importer).split(path.sep).join('/');
                const target = path.relative(esmDir, path.resolve(args.resolveDir, args.path)).split(path.sep).join('/');
                const inMain = from === '__main.js' || from === 'extension.js' || folded.has(from);
                if (inMain && (target === 'extension.js' || folded.has(target))) return undefined;
                // Relative to the file the importer ends up in (a folded chunk's is dist/extension.js).
                const relative = (file) => {
                  const p = path.posix.relative(path.posix.dirname(inMain ? 'extension.js' : from), file);
                  return p.startsWith('.') ? p : `./${p}`;
                };
                if (folded.has(target)) return { path: `${relative('extension.js')}#${folded.get(target)}`, namespace: 'folded' };
                return { path: relative(target), external: true };
              });
              b.onLoad({ filter: /.*/, namespace: 'folded' }, (args) => {
                const [file, name] = args.path.split('#');
                return { contents: `module.exports = require(${JSON.stringify(file)}).${name};`, loader: 'js' };
              });
            },
          },
        ],
      });
      fs.rmSync(esmDir, { recursive: true, force: true });
      Object.assign(result.metafile, { converted: converted.metafile });
    });
  },
};

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
    // ESM only so esbuild can split; toCommonJs then writes dist/ (see there).
    outdir: esmDir,
    format: 'esm',
    splitting: true,
    chunkNames: 'lazy/[name]-[hash]',
    metafile: true,
    platform: 'node',
    // VS Code 1.100 runs extensions on Electron 34's Node 20.
    target: 'node20',
    // ws loads these native speed-ups optionally and falls back to JS without them.
    external: ['vscode', 'bufferutil', 'utf-8-validate'],
    plugins: [problemMatcher, zodWithoutLocales, zodCompilerLazy, wsClientOnly, toCommonJs],
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

/** Sizes of the minified bundles: the extension's main file, its lazy files and their total, each webview's. */
function sizeReport(results) {
  const files = [];
  for (const { metafile } of results) {
    for (const [file, out] of Object.entries(metafile?.converted?.outputs ?? metafile?.outputs ?? {})) {
      if (!file.endsWith('.map')) files.push([file.split(path.sep).join('/'), out.bytes]);
    }
  }
  if (!files.length) return;
  for (const [file, bytes] of files) console.log(`${file.padEnd(40)} ${(bytes / 1024).toFixed(1).padStart(8)} KiB`);
  const sum = (rows) => rows.reduce((n, [, bytes]) => n + bytes, 0);
  const main = files.filter(([f]) => f === 'dist/extension.js');
  const lazy = files.filter(([f]) => f.startsWith('dist/lazy/'));
  const rows = [
    ...main,
    [`dist/lazy/ (${lazy.length} files, loaded on first use)`, sum(lazy)],
    ['extension total (main + lazy)', sum(main) + sum(lazy)],
    ...files.filter(([f]) => f.startsWith('dist/webview/')),
  ];
  fs.writeFileSync(path.join(dist, 'sizes.json'), JSON.stringify(Object.fromEntries(rows), null, 2));
  for (const [file, bytes] of rows.slice(1, 3)) console.log(`${file.padEnd(40)} ${(bytes / 1024).toFixed(1).padStart(8)} KiB`);
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
