// Bundles the client, the language server and the CLI into dist/. The server and the CLI are each a bundle
// (dist/server-main.js, dist/cli-main.js) started by a small loader (dist/server.js, dist/cli.js) that runs it through
// V8's code cache (server/src/startup/codeCache.ts); the loader is told the bundle's content hash, which keys the cache.
// `--production` minifies (used by `npm run package`).
import * as esbuild from 'esbuild';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

const production = process.argv.includes('--production');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'warning',
};

/**
 * vscode-languageserver/node loads its `Files` helpers (resolving global npm and yarn modules) at start, and with
 * them child_process, dgram and more: about 3 ms of every start over stdio. The server never uses them.
 */
const withoutServerFiles = {
  name: 'without-vscode-languageserver-files',
  setup(build) {
    build.onResolve({ filter: /^\.\/files$/ }, ({ importer }) =>
      /vscode-languageserver[\\/]lib[\\/]node[\\/]main\.js$/.test(importer) ? { path: 'files', namespace: 'unused' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'unused' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
  },
};

/**
 * vscode-jsonrpc's node layer loads node:crypto and node:os at start for one function, which names a pipe for a
 * server the client starts (never called in the language server): about 2 ms of every start. It gets the two
 * functions it calls, loading their module on first use.
 */
const JSONRPC_NODE_MAIN = /vscode-jsonrpc[\\/]lib[\\/]node[\\/]main\.js$/;
const LAZY_BUILTINS = { crypto: ['randomBytes'], os: ['tmpdir'] };
const lazyJsonRpcBuiltins = {
  name: 'lazy-vscode-jsonrpc-builtins',
  setup(build) {
    build.onResolve({ filter: /^(crypto|os)$/ }, ({ path, importer }) =>
      JSONRPC_NODE_MAIN.test(importer) ? { path, namespace: 'lazy-builtin' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, ({ path }) => ({
      contents: LAZY_BUILTINS[path].map((name) => `exports.${name} = (...args) => require('node:${path}').${name}(...args);`).join('\n'),
      loader: 'js',
    }));
  },
};

/** A bundle, then its loader: `name`.js runs `name`-main.js. */
async function withLoader(name, entryPoint) {
  const bundle = `${name}-main.js`;
  await esbuild.build({
    ...common,
    entryPoints: [entryPoint],
    outfile: `dist/${bundle}`,
    plugins: [withoutServerFiles, lazyJsonRpcBuiltins],
  });
  const buildHash = createHash('sha256')
    .update(readFileSync(`dist/${bundle}`))
    .digest('hex')
    .slice(0, 16);
  await esbuild.build({
    ...common,
    sourcemap: false,
    entryPoints: ['server/src/startup/loader.ts'],
    outfile: `dist/${name}.js`,
    banner: { js: '#!/usr/bin/env node' },
    define: { BUNDLE: JSON.stringify(bundle), BUILD_HASH: JSON.stringify(buildHash) },
  });
}

await Promise.all([
  esbuild.build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  withLoader('server', 'server/src/server.ts'),
  withLoader('cli', 'server/src/cli.ts'),
]);
