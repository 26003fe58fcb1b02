// Bundles GraphiQL, its Monaco workers and krakensim's panel into ../../sim/server/ide/,
// which the Go binary embeds. Run through ../build-ide.sh.
import * as esbuild from 'esbuild';
import { rmSync, mkdirSync, readdirSync, readFileSync, writeFileSync, statSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.resolve(here, '../../sim/server/ide');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const common = {
  bundle: true,
  minify: true,
  legalComments: 'none', // the licences are kept whole in LICENSES.txt beside the bundle
  target: ['chrome111', 'firefox111', 'safari16'],
  define: { 'process.env.NODE_ENV': '"production"' },
  // Prettier's legacy parser-* paths are UMD files whose exports esbuild cannot see
  // through a dynamic import (prettify would find no parser); use the ES modules.
  alias: {
    'prettier/parser-graphql': 'prettier/plugins/graphql',
    'prettier/parser-babel': 'prettier/plugins/babel',
  },
  logLevel: 'warning',
  metafile: true,
};

// Monaco's modules import their CSS one file at a time; in lazily loaded chunks that CSS
// would never reach the page, so it comes whole from graphiql/dist/index.css instead.
const skipMonacoCSS = {
  name: 'skip-monaco-css',
  setup(build) {
    build.onLoad({ filter: /monaco-editor[\\/].*\.css$/ }, () => ({ contents: '', loader: 'css' }));
  },
};

const page = await esbuild.build({
  ...common,
  entryPoints: { graphiql: path.join(here, 'src/main.jsx') },
  outdir: out,
  // ES modules with splitting: Monaco and Prettier, which GraphiQL imports lazily,
  // become chunks the page fetches when it needs them.
  format: 'esm',
  splitting: true,
  chunkNames: 'chunk-[hash]',
  jsx: 'automatic',
  plugins: [skipMonacoCSS],
});

const workers = await esbuild.build({
  ...common,
  entryPoints: {
    'editor.worker': 'monaco-editor/esm/vs/editor/editor.worker.js',
    'json.worker': 'monaco-editor/esm/vs/language/json/json.worker.js',
    'graphql.worker': 'monaco-graphql/esm/graphql.worker.js',
  },
  outdir: out,
  format: 'iife',
});

// Drop CSS chunks left empty by skipMonacoCSS.
for (const f of readdirSync(out)) {
  if (f.endsWith('.css') && statSync(path.join(out, f)).size === 0) rmSync(path.join(out, f));
}

// Every npm package with code in the bundle, with its licence text, in one file beside it.
const pkgs = new Map();
for (const r of [page, workers]) {
  for (const input of Object.keys(r.metafile.inputs)) {
    const m = input.match(/^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//);
    if (m) pkgs.set(m[1], true);
  }
}
const notices = [];
for (const dir of [...pkgs.keys()].sort()) {
  const pj = JSON.parse(readFileSync(path.join(here, dir, 'package.json'), 'utf8'));
  const lic = readdirSync(path.join(here, dir)).find((f) => /^(licen[cs]e|copying)/i.test(f));
  const text = lic ? readFileSync(path.join(here, dir, lic), 'utf8').trim() : `(no licence file in the package; package.json says ${pj.license})`;
  notices.push(`${pj.name}@${pj.version} (${pj.license || 'see text'})\n\n${text}\n`);
}
writeFileSync(path.join(out, 'THIRD_PARTY_LICENSES.txt'),
  `The IDE bundle in this folder is built by scripts/build-ide.sh from these npm packages.\n\n` +
  notices.join('\n' + '-'.repeat(72) + '\n\n'));
console.log(`${pkgs.size} packages bundled into ${path.relative(process.cwd(), out)}`);
