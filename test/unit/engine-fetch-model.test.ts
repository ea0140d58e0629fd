import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { checkedModelRequest, expectedWeightBytes, ModelLoadError } from '../../model/engine/fetch-model';
import { loadModel } from '../../model/engine/load-model';

const ROOT = join(import.meta.dirname, '../..');
const MODEL_JSON = readFileSync(join(ROOT, 'assets/model/model.json'), 'utf8');
const WEIGHTS = readFileSync(join(ROOT, 'assets/model/group1-shard1of1.bin'));
const BASE = 'https://cnn.example/model/';

/** A fake server: path → body (or a status), every request recorded. */
function server(files: Record<string, string | Uint8Array | number | Error>) {
  const asked: string[] = [];
  const fetch = async (url: string) => {
    asked.push(url);
    const body = files[new URL(url).pathname.replace('/model/', '')];
    if (body instanceof Error) throw body;
    if (body === undefined || typeof body === 'number') return new Response('<!doctype html><title>Not found</title>', { status: typeof body === 'number' ? body : 404 });
    return new Response(body as BodyInit);
  };
  return { fetch, asked };
}

const failure = async (files: Record<string, string | Uint8Array | number | Error>) => {
  try {
    await checkedModelRequest(`${BASE}model.json`, { fetch: server(files).fetch }).load!();
  } catch (err) {
    assert.instance(err, ModelLoadError);
    return (err as Error).message;
  }
  throw new Error('the load did not fail');
};

test('the shipped model loads through the checked request, with progress up to the whole', async () => {
  const seen: number[] = [];
  const { fetch } = server({ 'model.json': MODEL_JSON, 'group1-shard1of1.bin': new Uint8Array(WEIGHTS) });
  const model = await loadModel(checkedModelRequest(`${BASE}model.json`, { fetch, onProgress: (f) => seen.push(f) }), { source: 'test' });
  assert.is(model.layers.at(-1)!.shape[0], 10);
  assert.is(seen.at(-1), 1);
  assert.ok(seen.every((f, i) => i === 0 || f >= seen[i - 1]), 'progress never goes back');
  model.tfModel.dispose();
});

test('the expected weight bytes are the sum of every weight\'s values times its size', () => {
  const manifest = JSON.parse(MODEL_JSON).weightsManifest;
  assert.is(expectedWeightBytes(manifest), WEIGHTS.byteLength);
  assert.is(expectedWeightBytes([{ paths: [], weights: [{ name: 'a', shape: [3, 3], dtype: 'float32', quantization: { dtype: 'uint8' } }, { name: 'b', shape: [2], dtype: 'float32' }] }]), 9 + 8);
});

test('a missing description says it was not found, where, and why that may be', async () => {
  const message = await failure({});
  assert.match(message, /network's description \(model\.json\) was not found at https:\/\/cnn\.example\/model\/model\.json \(the server answered 404\)/);
});

test('a description that is not JSON, or not a model, says so', async () => {
  assert.match(await failure({ 'model.json': '<html>oops</html>' }), /is not a network description: it is not JSON/);
  assert.match(await failure({ 'model.json': '{"hello": 1}' }), /JSON but not a TF\.js layers-model/);
});

test('missing weights name the file that is missing', async () => {
  assert.match(await failure({ 'model.json': MODEL_JSON }), /network's weights file \(group1-shard1of1\.bin\) was not found/);
});

test('weights cut off say how much arrived of how much, and what to try', async () => {
  const cut = new Uint8Array(WEIGHTS.subarray(0, 27_800));
  const message = await failure({ 'model.json': MODEL_JSON, 'group1-shard1of1.bin': cut });
  assert.match(message, /^The network's weights are cut off: 27 kB of 78 kB arrived\. Reload the page/);
});

test('weights longer than described say they may belong to another model', async () => {
  const long = new Uint8Array(WEIGHTS.byteLength + 400);
  assert.match(await failure({ 'model.json': MODEL_JSON, 'group1-shard1of1.bin': long }), /do not match its description/);
});

test('a failed connection and a server error each say what happened', async () => {
  assert.match(await failure({ 'model.json': new TypeError('Failed to fetch') }), /the connection failed\. Check the connection and reload/);
  assert.match(await failure({ 'model.json': 503 }), /the server answered 503/);
});

test('nothing is left in memory by a failed load', async () => {
  const before = tf.memory().numTensors;
  await failure({ 'model.json': MODEL_JSON, 'group1-shard1of1.bin': new Uint8Array(100) });
  assert.is(tf.memory().numTensors, before);
});

test.run();
