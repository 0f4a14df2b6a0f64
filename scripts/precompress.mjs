// After `vite build`: a brotli (.br) and a gzip (.gz) copy beside each of the app's text files
// in dist/, so the server sends them compressed without compressing on every request
// (@fastify/static, preCompressed). A copy that would not be smaller is not written, and the
// server then sends the file as it is.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dist = process.argv[2] ?? 'dist';
const TEXT = /\.(?:js|mjs|css|html|svg|json|webmanifest|txt)$/;
// Under this, the headers cost more than compression saves.
const SMALLEST = 512;

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (TEXT.test(name)) yield path;
  }
}

let plain = 0;
let brotli = 0;
for (const path of files(dist)) {
  const bytes = readFileSync(path);
  if (bytes.length < SMALLEST) continue;
  const br = brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  });
  const gz = gzipSync(bytes, { level: 9 });
  if (br.length < bytes.length) writeFileSync(`${path}.br`, br);
  if (gz.length < bytes.length) writeFileSync(`${path}.gz`, gz);
  plain += bytes.length;
  brotli += Math.min(br.length, bytes.length);
}
console.log(`precompressed ${dist}: ${Math.round(plain / 1024)} KiB of text files, ${Math.round(brotli / 1024)} KiB as brotli`);
