// Worker thread entry: rebuilds the engine from the spec it was started with, then scans the files and
// blobs the pool sends.
import { parentPort, workerData } from 'node:worker_threads';
import { skipSearchBudget } from '../engine/ruleset.js';
import { buildEngine, type EngineSpec } from './engine.js';
import { scanFile, scanSlices, scanWhole, type Slice } from './scan-bytes.js';
import type { WorkerJob, WorkerReply } from './pool.js';

const engine = buildEngine(workerData as EngineSpec);
// A pool starts only for big scans, so the keyword automaton pays for itself at once.
skipSearchBudget(engine.ruleSet);
const port = parentPort!;

// Jobs come in batches (see BATCH_BYTES in pool.ts) and are answered in one message per batch.
port.on('message', (jobs: WorkerJob[]) => {
  const reply: WorkerReply = jobs.map((job) => {
    try {
      const outcome =
        job.kind === 'file'
          ? scanFile(job.absPath, job.path, engine, job.maxFileSize)
          : job.kind === 'slices'
            ? scanSlices(unpack(job.bytes, job.slices), job.size, job.path, engine)
            : scanWhole(Buffer.from(job.bytes), job.path, engine, job.changed);
      return { id: job.id, outcome };
    } catch (e) {
      return { id: job.id, error: (e as Error).stack ?? String(e) };
    }
  });
  port.postMessage(reply);
});

/** Each slice's bytes, from the one buffer they travel in. */
function unpack(bytes: ArrayBuffer, slices: Slice[]): (Slice & { bytes: Buffer })[] {
  let at = 0;
  return slices.map((s) => {
    const slice = { ...s, bytes: Buffer.from(bytes, at, s.to - s.from) };
    at += s.to - s.from;
    return slice;
  });
}
