// Parsers load on first use: most files a scan reads are neither YAML nor TOML, and `yaml` alone is some
// 70 CommonJS files, a large share of a pre-commit run's start-up. All three parsers ship a CommonJS entry.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export function lazyModule<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(name) as T);
}
