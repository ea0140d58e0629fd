/**
 * A run writes into a staging folder and moves its outputs into the output folder (by
 * default the committed assets/model/) only once it has finished: an interrupted or failed
 * run leaves the output folder as it was. Node only.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { WEIGHTS_FILE, writeFileAtomic } from './node-io';

/** The files of a finished run, besides the checkpoints/ folder. */
export const RUN_FILES = [WEIGHTS_FILE, 'model.json', 'report.json'] as const;
export const CHECKPOINTS_DIR = 'checkpoints';

/**
 * Moves a finished run from `staging` into `outDir`: the checkpoints folder is swapped whole
 * (no stale checkpoint of an earlier run survives), then each file is replaced atomically,
 * the weights before model.json. Removes `staging` afterwards.
 */
export function publishRun(staging: string, outDir: string): void {
  for (const f of RUN_FILES) if (!existsSync(join(staging, f))) throw new Error(`publishRun: ${join(staging, f)} is missing`);
  mkdirSync(outDir, { recursive: true });
  const fresh = join(outDir, `.${CHECKPOINTS_DIR}-new-${process.pid}`);
  const old = join(outDir, `.${CHECKPOINTS_DIR}-old-${process.pid}`);
  rmSync(fresh, { recursive: true, force: true });
  if (existsSync(join(staging, CHECKPOINTS_DIR))) cpSync(join(staging, CHECKPOINTS_DIR), fresh, { recursive: true });
  else mkdirSync(fresh);
  const target = join(outDir, CHECKPOINTS_DIR);
  if (existsSync(target)) renameSync(target, old);
  renameSync(fresh, target);
  rmSync(old, { recursive: true, force: true });
  for (const f of RUN_FILES) writeFileAtomic(join(outDir, f), readFileSync(join(staging, f)));
  rmSync(staging, { recursive: true, force: true });
}
