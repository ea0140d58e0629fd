/**
 * The feature atlas: the PNG encoder against a decoder written here, the weights'
 * fingerprint, the atlas of a small model against feature visualisations run one by one,
 * and the committed atlas against the shipped model (run `npm run inspect:precompute`
 * when the shipped weights change).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync, inflateSync } from 'node:zlib';
import * as tf from '@tensorflow/tfjs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { describeModel } from '../../model/engine/load-model';
import type { ConvParams } from '../../model/engine/types';
import { atlasFits, atlasTile, computeFeatureAtlas, type AtlasIndex } from '../../model/inspect/feature-atlas';
import { featureVisualisation } from '../../model/inspect/feature-visualisation';
import { paramsFingerprint } from '../../model/inspect/params-fingerprint';
import { encodePngRgb } from '../../model/inspect/png-encode';
import { SeededRandom } from '../../model/inspect/seeded-random';
import { examplePictures, forward64, leavesNoTensor, SHIPPED_MODEL_JSON, shippedModel, useWasm } from './inspect-fixtures';

const ATLAS_DIR = join(SHIPPED_MODEL_JSON, '../features');

/** A PNG decoder for 8-bit RGB, non-interlaced (what the encoder writes), written for the test. */
function decodePng(bytes: Uint8Array): { width: number; height: number; rgb: Uint8Array; chunks: string[] } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  assert.equal([...bytes.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10]);
  let offset = 8;
  let width = 0;
  let height = 0;
  const idat: Uint8Array[] = [];
  const chunks: string[] = [];
  while (offset < bytes.length) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    chunks.push(type);
    if (type === 'IHDR') {
      width = view.getUint32(offset + 8);
      height = view.getUint32(offset + 12);
      assert.equal([...data.subarray(8)], [8, 2, 0, 0, 0], '8-bit RGB');
    }
    if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 3;
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let i = 0; i < stride; i++) {
      const a = i >= 3 ? rgb[y * stride + i - 3] : 0;
      const b = y > 0 ? rgb[(y - 1) * stride + i] : 0;
      const c = i >= 3 && y > 0 ? rgb[(y - 1) * stride + i - 3] : 0;
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const predicted = [0, a, b, (a + b) >> 1, paeth][filter];
      rgb[y * stride + i] = (raw[y * (stride + 1) + 1 + i] + predicted) & 0xff;
    }
  }
  return { width, height, rgb, chunks };
}

const deflate = (d: Uint8Array) => deflateSync(d);

test('the PNG encoder writes pictures that a separate decoder reads back exactly', () => {
  const random = new SeededRandom(3);
  const noise = Uint8Array.from({ length: 17 * 5 * 3 }, () => random.integer(0, 255));
  const gradient = Uint8Array.from({ length: 20 * 9 * 3 }, (_, i) => (i * 7) % 256);
  for (const [w, h, rgb] of [[17, 5, noise], [20, 9, gradient], [1, 1, Uint8Array.from([1, 2, 3])]] as const) {
    const png = encodePngRgb(w, h, rgb, deflate);
    const decoded = decodePng(png);
    assert.equal([decoded.width, decoded.height], [w, h]);
    assert.equal(decoded.chunks, ['IHDR', 'IDAT', 'IEND']);
    assert.ok(decoded.rgb.every((v, i) => v === rgb[i]), `${w} × ${h}`);
  }
  // The IEND chunk's CRC is the same in every PNG.
  const png = encodePngRgb(1, 1, Uint8Array.from([0, 0, 0]), deflate);
  assert.equal([...png.subarray(png.length - 4)], [0xae, 0x42, 0x60, 0x82]);
});

test('the fingerprint stays for a copy of the weights and changes with any one weight', async () => {
  const model = await shippedModel();
  const fingerprint = paramsFingerprint(model.layers, model.params);
  assert.match(fingerprint, /^[0-9a-f]{14}$/);
  const conv = model.params.conv_2_2 as ConvParams;
  const copy = { ...model.params, conv_2_2: { ...conv, kernel: Float32Array.from(conv.kernel) } };
  assert.is(paramsFingerprint(model.layers, copy), fingerprint);
  copy.conv_2_2.kernel[123] = Math.fround(copy.conv_2_2.kernel[123] * (1 + 2 ** -20));
  assert.is.not(paramsFingerprint(model.layers, copy), fingerprint);
});

test('the atlas of a small model holds, tile by tile, the feature visualisation of each channel, and twice the same bytes', async () => {
  await useWasm();
  const tfModel = tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [12, 12, 3], filters: 3, kernelSize: 3, name: 'a', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }),
      tf.layers.activation({ activation: 'relu', name: 'a_relu' }),
      tf.layers.conv2d({ filters: 12, kernelSize: 3, name: 'b', kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }),
      tf.layers.flatten({ name: 'flat' }),
      tf.layers.dense({ units: 2, activation: 'softmax', name: 'out', kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) }),
    ],
  });
  try {
    const model = describeModel(tfModel, 'small');
    const first = await leavesNoTensor(() => computeFeatureAtlas(model, { steps: 6 }));
    const second = await computeFeatureAtlas(model, { steps: 6 });
    assert.equal(second, first);
    const { index, sprites } = first;
    assert.equal(index.layers.map((l) => [l.name, l.channels, l.columns, l.width, l.height]), [['a', 3, 3, 36, 12], ['b', 12, 10, 120, 24]]);
    assert.ok(atlasFits(index, model));
    for (const [layer, channel] of [['a', 2], ['b', 0], ['b', 11]] as const) {
      const tile = atlasTile(index, layer, channel)!;
      const sprite = sprites.find((s) => s.file === tile.file)!;
      const alone = await featureVisualisation(model, layer, channel, { ...index.settings });
      for (let y = 0; y < 12; y++) {
        for (let x = 0; x < 12; x++) {
          for (let k = 0; k < 3; k++) {
            assert.is(sprite.rgb[((tile.y + y) * sprite.width + tile.x + x) * 3 + k], Math.round(alone.image[(y * 12 + x) * 3 + k] * 255));
          }
        }
      }
    }
    assert.equal(atlasTile(index, 'b', 11), { file: 'b.png', x: 12, y: 12, width: 12, height: 12 });
    assert.is(atlasTile(index, 'b', 12), null);
    assert.is(atlasTile(index, 'a_relu', 0), null);
  } finally {
    tfModel.dispose();
  }
});

test('the committed atlas fits the shipped weights (if not: npm run inspect:precompute) and has a tile for every conv channel', async () => {
  const model = await shippedModel();
  const indexPath = join(ATLAS_DIR, 'index.json');
  assert.ok(existsSync(indexPath), `${indexPath} is missing: run npm run inspect:precompute`);
  const index = JSON.parse(readFileSync(indexPath, 'utf8')) as AtlasIndex;
  assert.ok(atlasFits(index, model), 'the shipped weights changed since the atlas was computed: run npm run inspect:precompute');
  const convs = model.layers.filter((l) => l.kind === 'conv');
  assert.equal(index.layers.map((l) => [l.name, l.channels]), convs.map((l) => [l.name, l.shape[2]]));
  for (const layer of index.layers) {
    const png = decodePng(readFileSync(join(ATLAS_DIR, layer.file)));
    assert.equal([png.width, png.height], [layer.width, layer.height], layer.file);
    // A channel the atlas could not excite must be dead: negative on every example picture too.
    const li = model.layers.findIndex((l) => l.name === layer.name);
    layer.activations.forEach((a, k) => {
      if (a > 0) return;
      const channels = model.layers[li].shape[2];
      const peak = Math.max(...examplePictures().map(({ input }) => Math.max(...forward64(model, input)[li].filter((_, i) => i % channels === k))));
      assert.ok(peak <= 0, `${layer.name} channel ${k}: the atlas's picture does not excite it, yet an example does (${peak})`);
    });
  }
});

test.run();
