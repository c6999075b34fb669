// The one pattern builder for provider keys that carry no prefix of their own (Mistral, Heroku, Datadog…):
// such a value is only trusted when it is assigned to a name that mentions the provider, gitleaks style.

/** Words that mark a key name as holding a credential (checked inside the key name only). */
export const SECRET_WORDS = 'key|token|secret|passw|pwd|auth|credential|private|signing|pat(?![a-z])';

/**
 * The name/value pair form: `{"name": "DD_API_KEY", "value": "…"}` (MCP server.json environment variables,
 * container specs) and `- name: DD_API_KEY⏎  value: …` (Kubernetes env lists).
 */
const NAME_VALUE = `['"]?[ \\t]*(?:,|\\r?\\n)[ \\t\\r\\n]{0,40}['"]?value['"]?[ \\t]{0,3}[:=]`;

/**
 * `=`, `:`, `=>`, `:=`, `?=` (Makefile) and `,` (a getenv default: `os.getenv("X_KEY", "…")`), with optional
 * quotes, spaces and tabs around it but never a line break — or a name/value pair.
 */
const ASSIGN = `(?:[ \\t'"\`]{0,4}(?:=>|:=|\\?=|=|:|,)|${NAME_VALUE})[ \\t'"\`]{0,5}`;

export interface AssignedOptions {
  /**
   * Text that must follow `name` inside the key (`'[\\w.-]{0,12}?secret'`). Kept apart from `name` so the
   * token-start check re-reads only the short provider literal, not this tail.
   */
  then?: string;
  /** How many more key-name characters (`[\w.-]`) may follow before the operator. */
  gap?: number;
  /**
   * One of these must occur in the key name (a regex alternation), so `datadog_trace_id` or `atlasUuid`
   * never qualify; `false` when `name`/`then` already end in the credential word.
   */
  words?: string | false;
}

/**
 * `<name><then>[\w.-]{0,gap} <op> <value>`: covers `.env` lines, JSON/YAML/TOML entries, `--flag=value`,
 * `X-Datadog-Api-Key: …`, getenv defaults and name/value pairs. Three guards keep this strict, since the
 * values alone (hex, UUIDs) are everywhere:
 * - `name` must start a token (no letter or digit before it, bar a JSON escape such as `\n`), so
 *   `add_api_key` is not `dd_api_key` and `myheroku_key` is not `heroku_key`;
 * - the key name must contain a credential word (`words`), unless the caller's name already spells one;
 * - the value must end where the token ends, so a longer hex string never yields a 32-character "key".
 * The value is the named group `secret`. Matching is case-insensitive (JS has no inline flag groups), so keep
 * `value` to charsets where case does not matter or says nothing (hex, alnum).
 */
export function assignedTo(name: string, value: string, options: AssignedOptions = {}): RegExp {
  const { then = '', gap = 24, words = SECRET_WORDS } = options;
  // Speed, measured on node_modules and git histories (see the rule tests): the pattern opens with the
  // provider literal so V8 can skip ahead to candidates; the token-start check is a lookbehind placed after
  // it (one that opens the pattern is tried at every offset), and it re-reads only `name`. The key name is
  // read to its end in one greedy run, `(?![\w.-])` stopping the backtracking that a shorter run would
  // start, so the credential-word lookbehind runs once per candidate, not once per possible name length.
  const wordCheck = words === false ? '' : `(?<=(?:${words})[\\w.-]{0,48})`;
  return new RegExp(
    `(?:${name})(?<=(?:^|[^a-z0-9]|\\\\[nrt])(?:${name}))${then}[\\w.-]{0,${gap}}(?![\\w.-])${wordCheck}` +
      `${ASSIGN}(?<secret>${value})(?![\\w+/=-])`,
    'i',
  );
}

/** A random key has both letters and digits; words, numbers and identifiers of one kind do not. */
export function lettersAndDigits(secret: string): boolean {
  return /[A-Za-z]/.test(secret) && /[0-9]/.test(secret);
}

/** Base62 keys mix upper case, lower case and digits; camelCase names and hex digests do not have all three. */
export function mixedCase(secret: string): boolean {
  return /[A-Z]/.test(secret) && /[a-z]/.test(secret) && /[0-9]/.test(secret);
}
