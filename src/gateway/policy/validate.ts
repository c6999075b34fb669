// Tool arguments checked against the tool's own inputSchema (JSON Schema) with ajv before the call is
// forwarded, so a malformed call never reaches the server. Compiled validators are cached by schema text.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { canonicalJson } from './canonical.js';

export type Validation = { ok: true } | { ok: false; errors: string[] };

export class ArgumentValidator {
  private readonly ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false, logger: false });
  private readonly cache = new Map<string, ValidateFunction | Error>();

  validate(schema: Record<string, unknown> | undefined, args: Record<string, unknown>): Validation {
    if (!schema) return { ok: true };
    const fn = this.compile(schema);
    // Fail closed: a schema ajv cannot compile is not a schema we can enforce.
    if (fn instanceof Error) return { ok: false, errors: [`the tool's inputSchema cannot be compiled (${fn.message})`] };
    if (fn(args)) return { ok: true };
    return { ok: false, errors: (fn.errors ?? []).map(describe) };
  }

  private compile(schema: Record<string, unknown>): ValidateFunction | Error {
    const key = canonicalJson(schema);
    let fn = this.cache.get(key);
    if (!fn) {
      // Servers declare draft-07 or 2020-12 in `$schema`; the keywords tools use are the same in both, and a
      // `$schema` ajv has no meta-schema for would otherwise refuse the whole schema.
      const { $schema: _ignored, $id: _id, ...rest } = schema;
      try {
        fn = this.ajv.compile(rest);
      } catch (e) {
        fn = e as Error;
      }
      if (this.cache.size > 500) this.cache.clear();
      this.cache.set(key, fn);
    }
    return fn;
  }
}

function describe(e: ErrorObject): string {
  const where = e.instancePath ? `arguments${e.instancePath.replace(/\//g, '.')}` : 'arguments';
  if (e.keyword === 'required') return `${where}: missing required property \`${String(e.params.missingProperty)}\``;
  if (e.keyword === 'additionalProperties') return `${where}: unexpected property \`${String(e.params.additionalProperty)}\``;
  if (e.keyword === 'enum') return `${where}: must be one of ${JSON.stringify(e.params.allowedValues)}`;
  return `${where}: ${e.message ?? e.keyword}`;
}
