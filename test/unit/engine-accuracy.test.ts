import * as tf from '@tensorflow/tfjs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runModelSync } from '../../model/engine/run-model';
import { argmax } from '../../model/ops/softmax';
import { loadReferenceModel, testWithShared, useCpu, valImages } from './engine-fixtures';

const shared = testWithShared({ data: true });

shared('the reference model scores 342/500 on val through the engine and through plain TF.js', async () => {
  await useCpu();
  const model = await loadReferenceModel();
  const images = valImages();
  assert.is(images.length, 500);

  let plain = 0;
  for (let start = 0; start < images.length; start += 100) {
    const batch = images.slice(start, start + 100);
    const data = new Float32Array(batch.length * 64 * 64 * 3);
    batch.forEach((img, i) => data.set(img.input, i * img.input.length));
    const predicted = tf.tidy(() =>
      (model.tfModel.predict(tf.tensor4d(data, [batch.length, 64, 64, 3])) as tf.Tensor).argMax(1).dataSync(),
    );
    batch.forEach((img, i) => {
      if (predicted[i] === img.label) plain++;
    });
  }

  let engine = 0;
  let agree = 0;
  for (const img of images) {
    const record = runModelSync(model, img.input);
    const top = argmax(record.logits);
    if (top === img.label) engine++;
    if (top === argmax(record.probabilities)) agree++;
  }
  console.log(`val accuracy: engine ${engine}/500, plain tf.loadLayersModel + predict ${plain}/500`);
  assert.is(plain, 342);
  assert.is(engine, 342);
  assert.is(agree, 500, 'argmax of the logits and of the probabilities agree');
  model.tfModel.dispose();
});

test.run();
