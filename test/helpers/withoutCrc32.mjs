// Preloaded into the CLI (node --import ./test/helpers/withoutCrc32.mjs) to stand for a runtime older than Node
// 20.15, which has no zlib.crc32 (VS Code 1.91's Electron has Node 20.9): the code cache then checks its file
// with SHA-256 instead.
import zlib from 'node:zlib';

zlib.crc32 = undefined;
