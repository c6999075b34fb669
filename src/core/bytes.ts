// Bytes as a Buffer without a copy: sources hand out plain Uint8Arrays (git's pipe chunks, worker messages),
// and Buffer's native compare, indexOf and decoding are what the scanner reads them with.

export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
}
