// Writes demo/catalog.json: the bundled curricula (their titles) and each one's
// learner profiles, as paths the demo page fetches from the repository
// (`../../../curricula/…`). A static server has no directory listing to read,
// so build.sh (and the end-to-end test) write this list; it is not committed.
import { readFileSync, readdirSync, existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');

/** The catalogue of the bundled curricula and profiles, sorted by id. */
export function catalog() {
  const dir = path.join(root, 'curricula');
  const curricula = readdirSync(dir)
    .filter((d) => existsSync(path.join(dir, d, 'curriculum.json')) && existsSync(path.join(dir, d, 'learners')))
    .sort()
    .map((d) => {
      const doc = JSON.parse(readFileSync(path.join(dir, d, 'curriculum.json'), 'utf8'));
      const learners = readdirSync(path.join(dir, d, 'learners'))
        .filter((f) => f.endsWith('.json'))
        .sort()
        .map((f) => ({ id: f.slice(0, -'.json'.length), file: `../../../curricula/${d}/learners/${f}` }));
      return { id: d, title: doc.title, file: `../../../curricula/${d}/curriculum.json`, learners };
    });
  return { curricula };
}

/** Writes catalog.json beside this file; returns its path. */
export function writeCatalog() {
  const file = path.join(here, 'catalog.json');
  writeFileSync(file, JSON.stringify(catalog(), null, 2) + '\n');
  return file;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(writeCatalog());
}
