// Runs scan jobs in-process or on a pool of worker threads. Small scans stay in-process (starting workers
// and compiling rules in each costs more than it saves); once a scan has seen enough bytes, the pool
// starts and takes the rest. Results are the same either way: the orchestrator sorts them.
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { asBuffer } from '../core/bytes.js';
import { lazyModule } from '../engine/lazy-module.js';
import type { FileEntry } from '../sources/types.js';
import type { Engine, EngineSpec } from './engine.js';
import { blobOutcome, planSlices, scanBytes, scanFile, type BlobOutcome, type Slice, type SlicesOutcome } from './scan-bytes.js';

/** Loaded when a pool starts (~3 ms): a pre-commit run's few files never need it. */
const workerThreads = lazyModule<typeof import('node:worker_threads')>('node:worker_threads');

export type WorkerJob =
  | { id: number; kind: 'file'; absPath: string; path: string; maxFileSize: number }
  | { id: number; kind: 'blob'; path: string; bytes: ArrayBuffer; changed?: [number, number][] }
  /** The slices of a blob of `size` bytes, their bytes one after another in `bytes`. */
  | { id: number; kind: 'slices'; path: string; bytes: ArrayBuffer; slices: Slice[]; size: number };

/** What a worker answers for a batch of jobs: one entry per job, in order; undefined: slices would not do. */
export type WorkerReply = { id: number; outcome?: BlobOutcome | SlicesOutcome | undefined; error?: string }[];

export interface ExecutorOptions {
  /** 0 = always in-process; n > 0 = n workers from the first job; 'auto' = cores, after `threshold` bytes. */
  workers: number | 'auto';
  /** Bytes scanned in-process before an 'auto' executor starts its pool. */
  threshold?: number;
  /** Idle cores 'auto' assumes (default: measured from the load average); tests pin it. */
  idleCores?: number;
  /**
   * Cores 'auto' leaves to the source: a history scan's main thread reads and diffs git's output, and git
   * itself runs beside it, so on two cores one worker beats two (servers: 3.8 s against 4.8 s).
   */
  sourceCores?: number;
}

interface Pending {
  resolve(o: BlobOutcome | SlicesOutcome | undefined): void;
  reject(e: Error): void;
  bytes: number;
}

interface PoolWorker {
  worker: Worker;
  /** Bytes sent (or about to be) and not answered yet: the least loaded worker gets the next job. */
  bytesInFlight: number;
  /** Jobs gathered for the next message, and their transfer list. */
  outbox: WorkerJob[];
  transfer: ArrayBuffer[];
  outboxBytes: number;
}

/**
 * Jobs go to a worker in messages of about this many bytes (or whatever gathered in one turn of the event
 * loop): a message costs a wake-up on each side, and one per blob was ~5% of a worker's time on a history of
 * thousands of small blobs. Small enough that both workers have work from the first blobs on.
 */
const BATCH_BYTES = 256 * 1024;

/**
 * Bytes the caller may keep in flight per worker: the batch being scanned and several waiting, so a worker that
 * finishes a batch of small changes (a history scan reads only what each version adds) finds the next one ready.
 */
const BYTES_IN_FLIGHT_PER_WORKER = 8 * BATCH_BYTES;

/**
 * The compiled worker next to this module. Under vitest this module is the .ts source, which a worker
 * thread cannot load, so the built twin in dist/ is used (`npm test` builds first); without it, undefined.
 */
export function workerScript(): URL | undefined {
  const here = import.meta.url;
  if (here.endsWith('.js')) return new URL('./worker.js', here);
  const built = fileURLToPath(here).replace(/([\\/])src[\\/]scan[\\/]pool\.ts$/, '$1dist$1scan$1worker.js');
  return built !== fileURLToPath(here) && existsSync(built) ? pathToFileURL(built) : undefined;
}

/**
 * Each worker loads the modules and compiles the rules again (~0.3 s of CPU), so a pool pays off only once
 * a scan is well past that in work: 24 MB is a few seconds of scanning at the engine's speed on real code.
 */
const DEFAULT_THRESHOLD = 24 * 1024 * 1024;
/**
 * When the source keeps the main thread busy, scanning there too holds the source up (and the rules warm up
 * twice): the pool starts after the first megabyte, which a hook's few commits rarely reach.
 */
const BUSY_SOURCE_THRESHOLD = 1024 * 1024;

/**
 * A worker's texts die with their job, so a small young generation costs no CPU, while V8's default lets
 * each worker grow it to ~48 MB: on a history scan with two workers that was 55 MB of the peak RSS (servers:
 * 277 -> 222 MB), same CPU time; neutral on the corpus folder scan.
 */
const WORKER_YOUNG_GENERATION_MB = 8;

/** Cores not already busy (1-minute load average), so `auto` does not pile threads onto a loaded machine. */
export function idleCores(): number {
  const cores = availableParallelism();
  const load = loadavg()[0];
  return Math.max(1, Math.min(cores, Math.round(cores - load + 1)));
}

/**
 * Workers `auto` starts, 0 for none. Without a busy source, one per idle core, and none below two: with one
 * idle core or none, a pool only adds start-up cost and contends with the main thread. With `reserved` cores
 * kept for a busy source, the idle cores beyond those, and at least one on any machine with more cores than
 * that, loaded or not: it takes the engine's work off the thread that reads the source.
 */
export function autoWorkerCount(idle: number, reserved: number, cores: number): number {
  if (!reserved) return idle >= 2 ? idle : 0;
  return Math.max(cores > reserved ? 1 : 0, idle - reserved);
}

export class Executor {
  private pool: PoolWorker[] | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private bytesSeen = 0;
  private fatal: Error | undefined;
  /** Why the pool is not used, when it was wanted but could not start. */
  note: string | undefined;
  private declined = false;

  constructor(
    private readonly engine: Engine,
    private readonly spec: EngineSpec,
    private readonly options: ExecutorOptions,
  ) {}

  private started = false;

  /** Whether any job ran on a worker thread (still true after close). */
  get mode(): 'in-process' | 'workers' {
    return this.started ? 'workers' : 'in-process';
  }

  /** How many jobs the caller may keep in flight (an upper bound; see `saturated`). */
  get concurrency(): number {
    return this.pool ? this.pool.length * 256 : 8;
  }

  /** Whether the jobs in flight already hold enough bytes to keep every worker busy. */
  get saturated(): boolean {
    const pool = this.pool;
    if (!pool) return false;
    let bytes = 0;
    for (const w of pool) bytes += w.bytesInFlight;
    return bytes >= pool.length * BYTES_IN_FLIGHT_PER_WORKER;
  }

  scanFile(entry: FileEntry, maxFileSize: number): Promise<BlobOutcome> {
    // Unknown sizes (not stat'ed by the walker) count as a typical source file toward the threshold.
    const pool = this.poolFor(entry.size ?? 16 * 1024);
    if (!pool) return Promise.resolve(scanFile(entry.absPath, entry.path, this.engine, maxFileSize));
    return this.dispatch(pool, entry.size ?? 16 * 1024, (id) => ({ id, kind: 'file', absPath: entry.absPath, path: entry.path, maxFileSize })) as Promise<BlobOutcome>;
  }

  /**
   * `retained`: the caller keeps the bytes (to diff the next version against), so they are copied, never
   * handed over. A blob with changes goes to a worker as its slices only; the whole blob follows in the rare
   * case they would not do.
   */
  async scanBlob(path: string, bytes: Uint8Array, changed?: [number, number][], retained = false): Promise<BlobOutcome> {
    const pool = this.poolFor(bytes.length);
    if (!pool) return scanBytes(bytes, path, this.engine, changed);
    const buf = asBuffer(bytes);
    const slices = changed && planSlices(buf, path, changed);
    if (slices) {
      const size = slices.reduce((n, s) => n + s.to - s.from, 0);
      const packed = new Uint8Array(size);
      let at = 0;
      for (const s of slices) {
        packed.set(buf.subarray(s.from, s.to), at);
        at += s.to - s.from;
      }
      const found = (await this.dispatch(pool, size, (id) => ({ id, kind: 'slices', path, bytes: packed.buffer, slices, size: buf.length }), packed.buffer)) as SlicesOutcome | undefined;
      if (found) return blobOutcome(buf, slices, found);
    }
    // A blob that fills its own buffer (git blobs assembled from several pipe chunks, most of a history's
    // bytes) moves to the worker as it is; one that shares a chunk with others, or that the caller keeps, is
    // copied out first.
    const whole = !retained && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
    const own = whole ? (bytes.buffer as ArrayBuffer) : (bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer);
    return (await this.dispatch(pool, own.byteLength, (id) => ({ id, kind: 'blob', path, bytes: own, changed }), own)) as BlobOutcome;
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    if (pool) await Promise.all(pool.map((w) => w.worker.terminate()));
  }

  private poolFor(size: number): PoolWorker[] | undefined {
    if (this.pool) return this.pool;
    const { workers } = this.options;
    if (workers === 0 || this.note || this.declined) return undefined;
    this.bytesSeen += size;
    const threshold = this.options.threshold ?? (this.options.sourceCores ? BUSY_SOURCE_THRESHOLD : DEFAULT_THRESHOLD);
    if (workers === 'auto' && this.bytesSeen < threshold) return undefined;
    const script = workerScript();
    if (!script) {
      this.note = 'worker threads unavailable (no compiled worker found); scanning in-process';
      return undefined;
    }
    const count = workers === 'auto' ? autoWorkerCount(this.options.idleCores ?? idleCores(), this.options.sourceCores ?? 0, availableParallelism()) : workers;
    if (count === 0) {
      this.note = undefined;
      this.declined = true;
      return undefined;
    }
    this.pool = Array.from({ length: count }, () => this.startWorker(script));
    this.started = true;
    return this.pool;
  }

  private startWorker(script: URL): PoolWorker {
    const worker = new (workerThreads().Worker)(script, { workerData: this.spec, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
    const entry: PoolWorker = { worker, bytesInFlight: 0, outbox: [], transfer: [], outboxBytes: 0 };
    worker.on('message', (reply: WorkerReply) => {
      for (const msg of reply) {
        const p = this.pending.get(msg.id);
        if (!p) continue;
        this.pending.delete(msg.id);
        entry.bytesInFlight -= p.bytes;
        if (msg.error) p.reject(new Error(`worker failed: ${msg.error}`));
        else p.resolve(msg.outcome!);
      }
    });
    worker.on('error', (e) => {
      // A crashed worker is a bug: fail every job rather than return a partial scan as if it were whole.
      this.fatal = e;
      for (const p of this.pending.values()) p.reject(e);
      this.pending.clear();
    });
    return entry;
  }

  private dispatch(pool: PoolWorker[], bytes: number, make: (id: number) => WorkerJob, transfer?: ArrayBuffer): Promise<BlobOutcome | SlicesOutcome | undefined> {
    if (this.fatal) return Promise.reject(this.fatal);
    const target = pool.reduce((a, b) => (b.bytesInFlight < a.bytesInFlight ? b : a));
    const id = this.nextId++;
    // Empty files and blobs still cost a job; counting them as one byte keeps the balance honest.
    const weight = Math.max(1, bytes);
    target.bytesInFlight += weight;
    target.outbox.push(make(id));
    if (transfer) target.transfer.push(transfer);
    target.outboxBytes += weight;
    if (target.outboxBytes >= BATCH_BYTES) this.send(target);
    else if (target.outbox.length === 1) setImmediate(() => this.send(target));
    return new Promise((resolve, reject) => this.pending.set(id, { resolve, reject, bytes: weight }));
  }

  /** Posts the jobs gathered for one worker as one message. */
  private send(target: PoolWorker): void {
    if (!target.outbox.length || !this.pool) return;
    const jobs = target.outbox;
    const transfer = target.transfer;
    target.outbox = [];
    target.transfer = [];
    target.outboxBytes = 0;
    target.worker.postMessage(jobs, transfer);
  }
}
