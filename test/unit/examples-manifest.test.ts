import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CLASS_NAMES } from '../../model/classes';

const ROOT = join(import.meta.dirname, '../..');
const DIR = join(ROOT, 'assets/examples');
const SHARED_DATA = join(ROOT, '../shared/data');
const MAX_BYTES = 60 * 1024;

interface Entry {
  id: string;
  file: string;
  title: string;
  alt: string;
  expectedClass: string | null;
  source: { package: string; path: string };
  author: string;
  license: string;
  licenseUrl?: string;
  licenseFile?: string;
  changes: string;
}

const manifest = JSON.parse(readFileSync(join(DIR, 'manifest.json'), 'utf8')) as Entry[];

type Kind = 'jpeg' | 'png';

function kindOf(bytes: Buffer): Kind | null {
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length > 8 && png.every((b, i) => bytes[i] === b)) return 'png';
  return null;
}

/** Width and height from a PNG's IHDR chunk or a JPEG's first SOF marker. */
function dimensions(bytes: Buffer): { width: number; height: number } {
  const kind = kindOf(bytes);
  if (kind === 'png') {
    if (bytes.toString('latin1', 12, 16) !== 'IHDR') throw new Error('PNG without IHDR first');
    return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  }
  if (kind === 'jpeg') {
    let i = 2;
    while (i + 4 <= bytes.length) {
      if (bytes[i] !== 0xff) throw new Error(`JPEG marker expected at byte ${i}`);
      const marker = bytes[i + 1];
      if (marker === 0xff) { i += 1; continue; } // fill byte
      if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) { i += 2; continue; }
      const length = bytes.readUInt16BE(i + 2);
      const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
      if (isSof) return { height: bytes.readUInt16BE(i + 5), width: bytes.readUInt16BE(i + 7) };
      if (marker === 0xda) break; // start of scan without a frame header
      i += 2 + length;
    }
    throw new Error('JPEG without a SOF marker');
  }
  throw new Error('neither JPEG nor PNG');
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(full));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

test('the manifest lists at least ten example images', () => {
  assert.ok(Array.isArray(manifest), 'manifest.json is an array');
  assert.ok(manifest.length >= 10, `${manifest.length} entries`);
});

test('example ids are unique and kebab-case', () => {
  const seen = new Set<string>();
  for (const e of manifest) {
    assert.match(e.id, /^[a-z0-9]+(-[a-z0-9]+)*$/, `"${e.id}" is kebab-case`);
    assert.not.ok(seen.has(e.id), `"${e.id}" appears once`);
    seen.add(e.id);
  }
});

test('every example file exists, is a real JPEG or PNG, is square and weighs at most 60 KB', () => {
  for (const e of manifest) {
    assert.match(e.file, /^[a-z0-9-]+\.(jpg|png)$/, `${e.id}: plain file name`);
    assert.ok(e.file.startsWith(`${e.id}.`), `${e.id}: file is named after the id`);
    const path = join(DIR, e.file);
    assert.ok(existsSync(path), `${e.file} exists`);
    const bytes = readFileSync(path);
    const kind = kindOf(bytes);
    assert.is(kind, e.file.endsWith('.png') ? 'png' : 'jpeg', `${e.file}: magic bytes match the extension`);
    const { width, height } = dimensions(bytes);
    assert.ok(width > 0, `${e.file}: has a width`);
    assert.is(width, height, `${e.file}: ${width}×${height} is square`);
    assert.ok(bytes.length <= MAX_BYTES, `${e.file}: ${bytes.length} bytes ≤ ${MAX_BYTES}`);
  }
});

test('every example has an alt text, an author, a licence and a source package', () => {
  for (const e of manifest) {
    for (const key of ['title', 'alt', 'author', 'license', 'changes'] as const) {
      assert.type(e[key], 'string', `${e.id}: ${key} is a string`);
      assert.ok(e[key].trim().length > 0, `${e.id}: ${key} is not empty`);
    }
    assert.ok(e.alt.trim().length >= 20, `${e.id}: the alt text describes the picture`);
    assert.ok(e.source && e.source.package.trim().length > 0, `${e.id}: source.package is set`);
    assert.ok(e.source.path.trim().length > 0, `${e.id}: source.path is set`);
    assert.ok(e.licenseUrl || e.licenseFile, `${e.id}: a licence URL or file is given`);
    if (e.licenseFile) assert.ok(existsSync(join(DIR, e.licenseFile)), `${e.id}: ${e.licenseFile} ships`);
  }
});

test('the expected class is null or one of the ten class names', () => {
  const names: readonly string[] = CLASS_NAMES;
  for (const e of manifest) {
    assert.ok(e.expectedClass === null || names.includes(e.expectedClass), `${e.id}: "${e.expectedClass}"`);
  }
  assert.ok(manifest.some((e) => e.expectedClass === null), 'at least one image is none of the classes');
});

test('CREDITS.md mentions every example id and disowns Tiny ImageNet', () => {
  const credits = readFileSync(join(DIR, 'CREDITS.md'), 'utf8');
  for (const e of manifest) assert.ok(credits.includes(e.id), `CREDITS.md mentions ${e.id}`);
  assert.match(credits, /Tiny ImageNet/);
});

test('no example file is byte-identical to a file of the shared data set', () => {
  if (!existsSync(SHARED_DATA)) {
    console.log(`  note: ${SHARED_DATA} is absent, so the comparison with the shared data is skipped`);
    return;
  }
  const ours = new Map<number, Map<string, string>>(); // size → hash → file
  for (const e of manifest) {
    const bytes = readFileSync(join(DIR, e.file));
    const bySize = ours.get(bytes.length) ?? new Map<string, string>();
    bySize.set(sha256(bytes), e.file);
    ours.set(bytes.length, bySize);
  }
  let compared = 0;
  for (const path of filesUnder(SHARED_DATA)) {
    const bySize = ours.get(statSync(path).size);
    if (!bySize) continue; // a different size cannot be the same bytes
    compared++;
    const match = bySize.get(sha256(readFileSync(path)));
    assert.not.ok(match, `${match} is byte-identical to ${path}`);
  }
  if (compared === 0) console.log('  note: no shared file has the size of an example, so none needed hashing');
});

test.run();
