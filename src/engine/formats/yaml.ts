// YAML parser for the engine: string leaves with key paths and source offsets, from the `yaml` CST ranges.
import type * as Yaml from 'yaml';
import type { Node as YamlNode } from 'yaml';
import { lazyModule } from '../lazy-module.js';
import type { StructuredLeaf } from '../types.js';

const yaml = lazyModule<typeof Yaml>('yaml');

export type YamlOutcome = { doc: { format: 'yaml'; leaves: StructuredLeaf[]; root: unknown } } | { error: string };

export function parseYaml(text: string): YamlOutcome {
  // Several documents (`---`) are common in CI and Kubernetes files; each is walked, the first is the root.
  const docs = yaml().parseAllDocuments(text, { prettyErrors: false, uniqueKeys: false, logLevel: 'error' });
  if (!Array.isArray(docs)) return { error: 'not valid YAML' };
  const leaves: StructuredLeaf[] = [];
  const roots: unknown[] = [];
  let usable = 0;
  for (const d of docs) {
    if (d.errors.length && !d.contents) continue;
    if (d.errors.length) {
      // A broken document still yields the leaves the parser recovered; they keep their true offsets.
      walk(d.contents as YamlNode | null, [], leaves);
      roots.push(undefined);
      continue;
    }
    usable++;
    walk(d.contents as YamlNode | null, [], leaves);
    roots.push(d.toJS({ maxAliasCount: 1000 }));
  }
  if (usable === 0 && leaves.length === 0) {
    const first = docs.find((d) => d.errors.length)?.errors[0];
    return { error: first ? `not valid YAML: ${first.code}` : 'empty YAML' };
  }
  return { doc: { format: 'yaml', leaves, root: roots.length === 1 ? roots[0] : roots } };
}

function walk(node: YamlNode | null | undefined, path: (string | number)[], out: StructuredLeaf[]): void {
  const { isAlias, isMap, isPair, isScalar, isSeq } = yaml();
  if (!node || isAlias(node)) return;
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const key = isScalar(pair.key) ? String(pair.key.value) : pair.key == null ? '' : String(pair.key);
      walk(pair.value as YamlNode | null, [...path, key], out);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => walk(item as YamlNode | null, [...path, i], out));
  } else if (isScalar(node)) {
    if (typeof node.value !== 'string' || !node.range) return;
    const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
    const [start, valueEnd] = node.range;
    out.push({ path, value: node.value, start: quoted ? start + 1 : start, end: quoted ? valueEnd - 1 : valueEnd });
  }
}
