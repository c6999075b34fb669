// Pattern builders for provider keys that carry no prefix of their own (Mistral, Heroku legacy, Linode…):
// such a value is only trusted when it is assigned to a name that mentions the provider, gitleaks style.

/**
 * `<name>[\w.-]{0,20} <op> <value>` where op is `=`, `:`, `=>`, `:=` or `,` (a getenv default), with
 * optional quotes, spaces and tabs around it (never a line break). Covers `.env` lines, JSON/YAML/TOML
 * entries and `--flag=value`. The name must start a token (nothing alphanumeric before it, bar a JSON
 * escape like `\n`), so `myheroku_key` is not `heroku_key`.
 * `name` and `value` are regex sources; the value is capture group 1 and must end at a token boundary.
 * Case-insensitive, so keep `value` to charsets where case does not matter or says nothing (hex, alnum).
 */
export function assignedTo(name: string, value: string): RegExp {
  // The token-start check is a lookbehind placed after the name, not before it: a pattern that opens with
  // a literal lets V8 skip ahead to candidates, one that opens with a lookbehind is tried at every offset
  // (about 25 times slower on real source trees).
  return new RegExp(
    `(?:${name})(?<!(?<!\\\\)[a-z0-9](?:${name}))[\\w.-]{0,20}[ \\t'"\`]{0,3}(?:=|:|=>|:=|,)[ \\t'"\`]{0,5}(${value})(?![\\w+/=-])`,
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
