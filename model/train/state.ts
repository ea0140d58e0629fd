/**
 * Resumable training state, written after every epoch to a state folder (by default
 * .cache/train-state/, which git ignores): state.json (counters, PRNG state, history,
 * best-so-far, the config it belongs to) and state-<tag>.bin (float32 arrays: weights, Adam
 * moments, EMA weights, best weights, in the order state.json lists). state.json is written
 * last and names its .bin file, so an interruption at any moment leaves a consistent pair.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from './node-io';

export interface StoredArrays {
  [group: string]: Float32Array[];
}

export interface SavedState<Meta> {
  meta: Meta;
  arrays: StoredArrays;
}

interface Layout {
  group: string;
  lengths: number[];
}

const JSON_FILE = 'state.json';
const binFiles = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => /^state-.*\.bin$/.test(f)) : []);

/** Saves the state; `tag` (e.g. the epoch) names the .bin file. */
export function saveState<Meta>(dir: string, tag: string | number, meta: Meta, arrays: StoredArrays): void {
  const layout: Layout[] = Object.entries(arrays).map(([group, list]) => ({ group, lengths: list.map((a) => a.length) }));
  const total = layout.reduce((n, l) => n + l.lengths.reduce((a, b) => a + b, 0), 0);
  const bin = new Float32Array(total);
  let at = 0;
  for (const list of Object.values(arrays)) {
    for (const a of list) {
      bin.set(a, at);
      at += a.length;
    }
  }
  const binFile = `state-${tag}.bin`;
  writeFileAtomic(join(dir, binFile), new Uint8Array(bin.buffer));
  writeFileAtomic(join(dir, JSON_FILE), JSON.stringify({ meta, layout, floats: total, binFile }));
  for (const f of binFiles(dir)) if (f !== binFile) rmSync(join(dir, f), { force: true });
}

export function loadState<Meta>(dir: string): SavedState<Meta> | null {
  const jsonPath = join(dir, JSON_FILE);
  if (!existsSync(jsonPath)) return null;
  const { meta, layout, floats, binFile } = JSON.parse(readFileSync(jsonPath, 'utf8')) as {
    meta: Meta;
    layout: Layout[];
    floats: number;
    binFile: string;
  };
  const binPath = join(dir, binFile);
  if (!existsSync(binPath)) return null;
  const raw = readFileSync(binPath);
  if (raw.byteLength !== floats * 4) return null;
  const bin = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
  const arrays: StoredArrays = {};
  let at = 0;
  for (const { group, lengths } of layout) {
    arrays[group] = lengths.map((n) => {
      const a = bin.slice(at, at + n);
      at += n;
      return a;
    });
  }
  return { meta, arrays };
}
