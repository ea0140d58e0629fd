/**
 * The worker job of the training figure: one training checkpoint run on the picture on
 * show. The checkpoint is a model variant (model/engine/model-variants.ts), so the worker
 * derives it from the shipped model; the job returns only what the figure draws (the first
 * convolution's kernels and maps, and the probabilities), the big arrays transferred.
 */
import { defineJobs, type Job } from '../../shared/worker-jobs';
import { runModel } from '../../../model/engine/run-model';
import { TRAINING_SNAPSHOT_JOB, type Snapshot, type SnapshotPayload } from './training-snapshot';

defineJobs({
  [TRAINING_SNAPSHOT_JOB]: (async (p: SnapshotPayload, ctx) => {
    const model = await ctx.service({ wasmBase: p.wasmBase, backend: p.backend }).model(p.modelKey);
    const first = model.layers.findIndex((l) => l.kind === 'conv');
    const params = model.params[model.layers[first]?.name ?? ''];
    if (first < 0 || !params || params.kind !== 'conv') throw new Error('This network has no convolution to show.');
    if (ctx.cancelled) throw new Error('Stopped.');
    const record = await runModel(model, p.input);
    const snapshot: Snapshot = {
      layer: model.layers[first].name,
      kernelShape: [...params.kernelShape],
      // Copies: the model keeps its own weights.
      kernel: params.kernel.slice(),
      bias: params.bias.slice(),
      maps: record.layers[first].values,
      mapsShape: [...record.layers[first].shape],
      probabilities: record.probabilities,
    };
    return { result: snapshot, transfer: [snapshot.kernel.buffer, snapshot.bias.buffer, snapshot.maps.buffer, snapshot.probabilities.buffer] as ArrayBuffer[] };
  }) as Job<SnapshotPayload, Snapshot>,
});
