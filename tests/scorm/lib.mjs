// What both SCORM tests share: the command line that makes the packages, a zip
// reader (written here, so that the test does not trust the crate that wrote the
// zip), and a static server on 127.0.0.1 that stops with the test.

import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';
import { CONTENT_TYPES, stop } from '../browser.mjs';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const bin = process.env.PARCOURS ? path.resolve(root, process.env.PARCOURS) : path.join(root, 'target/release/parcours');
export const outDir = path.join(root, 'target/scorm');
mkdirSync(outDir, { recursive: true });

/** Runs the command line; throws with its standard error when it fails. */
export function cli(args) {
  return execFileSync(bin, args, { cwd: root, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Makes the package of `curriculum` for `edition` from the built bindings/js; its path. */
export function makePackage(curriculum, edition, lang = 'fr', name = `${path.basename(path.dirname(curriculum))}-${edition}-${lang}.zip`) {
  const out = path.join(outDir, name);
  cli(['package', 'scorm', '--runtime', 'bindings/js', '--curriculum', curriculum, '--scorm', edition, '--lang', lang, '--out', out]);
  return out;
}

/** A zip's entries, in their order: name → bytes (Deflate or stored). */
export function readZip(file) {
  const zip = readFileSync(file);
  let end = -1;
  for (let i = zip.length - 22; i >= 0; i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) { end = i; break; }
  }
  if (end < 0) throw new Error(`${file}: no end of central directory`);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries = new Map();
  for (let n = 0; n < count; n++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error('bad central directory');
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLen = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLen);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + size);
    entries.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    at += 46 + nameLen + extra + comment;
  }
  return entries;
}


/**
 * A static server on 127.0.0.1 (a port the system picks): `/pkg/NAME/…` serves
 * the entries of the zip registered as NAME (straight from the zip, as an LMS
 * serves an unpacked package), `/lms/…` the files of tests/scorm.
 */
export function serve(packages) {
  const lms = path.join(root, 'tests/scorm');
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const send = (status, type, body) => res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
    const parts = decodeURIComponent(url.pathname).split('/').filter(Boolean);
    if (req.method !== 'GET') return send(405, 'text/plain', 'no');
    if (parts[0] === 'pkg' && packages.has(parts[1])) {
      const name = parts.slice(2).join('/');
      const bytes = packages.get(parts[1]).get(name);
      if (!bytes) return send(404, 'text/plain', 'not found');
      return send(200, CONTENT_TYPES[path.extname(name)] ?? 'application/octet-stream', bytes);
    }
    if (parts[0] === 'lms') {
      const file = path.normalize(path.join(lms, ...parts.slice(1)));
      if (!file.startsWith(lms + path.sep) || !existsSync(file) || !statSync(file).isFile()) return send(404, 'text/plain', 'not found');
      return send(200, CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream', readFileSync(file));
    }
    return send(404, 'text/plain', 'not found');
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Closes a server and its keep-alive connections (the test then ends by itself). */
export const close = stop;

/** The largest bundled curriculum (in bytes): the one suspend_data is measured on. */
export function largestCurriculum() {
  const dirs = readdirSync(path.join(root, 'curricula'))
    .map((d) => `curricula/${d}/curriculum.json`)
    .filter((f) => existsSync(path.join(root, f)));
  return dirs.sort((a, b) => statSync(path.join(root, b)).size - statSync(path.join(root, a)).size || a.localeCompare(b))[0];
}
