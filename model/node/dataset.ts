/**
 * Node-only listing of a Tiny-ImageNet-style folder: train/<wnid>/*.JPEG and
 * val/<wnid>/*.JPEG. Labels come from the folder names; the order is deterministic.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { WNID_TO_INDEX } from '../classes';

export interface LabelledFile {
  path: string;
  label: number;
}

/** Where the shared copy of the 10 classes lives, relative to the repository root. */
export const SHARED_DATA_DIR = join(import.meta.dirname ?? '.', '../../../shared/data/tiny-imagenet-10');

export function listSplit(dataDir: string, split: 'train' | 'val'): LabelledFile[] {
  const dir = join(dataDir, split);
  if (!existsSync(dir)) throw new Error(`No ${split}/ folder in ${dataDir}: expected ${split}/<wnid>/*.JPEG`);
  const out: LabelledFile[] = [];
  for (const wnid of readdirSync(dir).sort()) {
    const label = WNID_TO_INDEX[wnid];
    if (label === undefined) continue;
    const files = readdirSync(join(dir, wnid))
      .filter((f) => /\.jpe?g$/i.test(f))
      .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    for (const f of files) out.push({ path: join(dir, wnid, f), label });
  }
  if (out.length === 0) throw new Error(`No JPEGs of the 10 classes found under ${dir}`);
  return out;
}
