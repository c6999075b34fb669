// Worker thread entry: rebuilds the engine from the spec it was started with, then scans the files and
// blobs the pool sends, one message per job.
import { parentPort, workerData } from 'node:worker_threads';
import { buildEngine, type EngineSpec } from './engine.js';
import { scanBytes, scanFile, type BlobOutcome } from './scan-bytes.js';
import type { WorkerJob } from './pool.js';

const engine = buildEngine(workerData as EngineSpec);
const port = parentPort!;

port.on('message', (job: WorkerJob) => {
  const done = (outcome: BlobOutcome) => port.postMessage({ id: job.id, outcome });
  try {
    done(job.kind === 'file' ? scanFile(job.absPath, job.path, engine, job.maxFileSize) : scanBytes(new Uint8Array(job.bytes), job.path, engine));
  } catch (e) {
    port.postMessage({ id: job.id, error: (e as Error).stack ?? String(e) });
  }
});
