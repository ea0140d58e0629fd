/**
 * Picks the TF.js backend: WASM with SIMD, then WebGL, then cpu (in Node: wasm, then cpu).
 *
 * - WASM is taken only when the browser supports WebAssembly SIMD (checked before loading
 *   it, with tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')); plain WASM is slower than WebGL.
 *   An explicit override 'wasm' takes it even without SIMD.
 * - An override ('wasm' | 'webgl' | 'cpu', e.g. from ?backend=) is tried first; if it is
 *   unknown or fails, the usual order follows and the reason says so.
 * - A backend that fails to initialise falls through to the next. After setBackend the
 *   active backend is checked (TF.js can fall back silently).
 * - The .wasm files are fetched from `wasmPath` (a folder URL, e.g. dist/wasm/) when given.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

export type BackendName = 'wasm' | 'webgl' | 'cpu';

export interface BackendChoice {
  backend: BackendName;
  /** Why, e.g. "wasm: SIMD available" or "webgl: wasm failed: <error>". */
  reason: string;
  /** Whether WebAssembly SIMD is supported (null when it was never checked). */
  simd: boolean | null;
}

export interface BackendOptions {
  /** A backend to try first (any string; unknown names are reported and ignored). */
  override?: string | null;
  /** Folder URL holding tfjs-backend-wasm's .wasm files; ends with '/' (added if missing). */
  wasmPath?: string;
}

const KNOWN: readonly BackendName[] = ['wasm', 'webgl', 'cpu'];

const isKnown = (name: string): name is BackendName => (KNOWN as readonly string[]).includes(name);

/** The usual order for this environment. */
export function backendOrder(): BackendName[] {
  return tf.env().getBool('IS_NODE') ? ['wasm', 'cpu'] : ['wasm', 'webgl', 'cpu'];
}

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

let wasmPathSet: string | undefined;

async function simdSupported(): Promise<boolean> {
  try {
    return Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
  } catch {
    return false;
  }
}

/** Activates one backend or throws why it could not. */
async function activate(name: BackendName, wasmPath: string | undefined): Promise<void> {
  if (name === 'wasm' && wasmPath && wasmPathSet === undefined) {
    wasmPathSet = wasmPath.endsWith('/') ? wasmPath : `${wasmPath}/`;
    setWasmPaths(wasmPathSet);
  }
  // The browser build leaves WebGL and cpu out of the worker's first bytes
  // (model/engine/tfjs-browser.ts): they load only where WebAssembly cannot run.
  if (name === 'webgl' && !tf.findBackendFactory('webgl')) await import('@tensorflow/tfjs-backend-webgl');
  if (name === 'cpu' && !tf.findBackendFactory('cpu')) await import('@tensorflow/tfjs-backend-cpu');
  const ok = await tf.setBackend(name);
  if (!ok) throw new Error('initialisation failed');
  await tf.ready();
  const active = tf.getBackend();
  if (active !== name) throw new Error(`TF.js is on ${active} instead`);
}

async function choose(options: BackendOptions): Promise<BackendChoice> {
  const notes: string[] = [];
  const order = backendOrder();
  let first: BackendName | undefined;
  const override = options.override?.trim().toLowerCase();
  if (override) {
    if (isKnown(override)) first = override;
    else notes.push(`unknown backend "${options.override}" requested (known: ${KNOWN.join(', ')})`);
  }
  const candidates = first ? [first, ...order.filter((b) => b !== first)] : order;
  let simd: boolean | null = null;
  for (const name of candidates) {
    const requested = name === first;
    try {
      let what = requested ? 'requested' : 'available';
      if (name === 'wasm') {
        simd = await simdSupported();
        if (!simd && !requested) {
          notes.push('wasm skipped: no SIMD support');
          continue;
        }
        what = simd ? `SIMD available${requested ? ', requested' : ''}` : 'no SIMD, requested';
      }
      await activate(name, options.wasmPath);
      const parts = name === 'wasm' || requested || notes.length === 0 ? [what, ...notes] : notes;
      return { backend: name, reason: `${name}: ${parts.join('; ')}`, simd };
    } catch (err) {
      notes.push(`${requested ? 'requested ' : ''}${name} failed: ${message(err)}`);
    }
  }
  throw new Error(`No TF.js backend could start: ${notes.join('; ')}`);
}

let last: { key: string; choice: Promise<BackendChoice> } | undefined;

/**
 * Selects and activates a backend. Calling it again with the same options returns the
 * same promise (components share one selection); other options select again.
 */
export function selectBackend(options: BackendOptions = {}): Promise<BackendChoice> {
  const key = JSON.stringify([options.override ?? null, options.wasmPath ?? null]);
  if (last?.key !== key) last = { key, choice: choose(options) };
  const choice = last.choice;
  choice.catch(() => {
    if (last?.choice === choice) last = undefined;
  });
  return choice;
}

/** Another name for selectBackend. */
export const chooseBackend = selectBackend;
