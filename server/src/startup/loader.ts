// dist/server.js and dist/cli.js: each runs its bundle (dist/server-main.js, dist/cli-main.js) through the code
// cache. esbuild.mjs builds this file once per bundle and fills in the two constants.
import { join } from 'node:path';
import { cacheDirectory, runWithCodeCache } from './codeCache';

declare const BUNDLE: string;
declare const BUILD_HASH: string;

// The bundle requires only built-in modules, and sits next to the loader: the loader's own require serves it
// (node:module's createRequire would load Node's ES module loader at every start).
runWithCodeCache(join(__dirname, BUNDLE), BUILD_HASH, cacheDirectory(process.env), require);
