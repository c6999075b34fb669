// Values that point at a secret kept elsewhere (environment, inputs, CI secrets) are never findings.

const REFERENCE_PATTERNS: RegExp[] = [
  /^\$\{[A-Za-z_][A-Za-z0-9_]*(?::?[-=?+][^}]*)?\}$/, // ${VAR} ${VAR:-x}
  /^\$\{(?:env|input|config|secret|secrets|workspaceFolder|userHome|command)[:.][^}]+\}$/i, // ${env:X} ${input:x}
  /^\$\{\{\s*[^}]+\s*\}\}$/, // ${{ secrets.X }}
  /^\{\{\s*[^}]+\s*\}\}$/, // {{ env.X }}
  /^\$[A-Za-z_][A-Za-z0-9_]*$/, // $VAR
  /^%[A-Za-z_][A-Za-z0-9_]*%$/, // %VAR% (Windows)
  /^\{(?:env|file):[^}]+\}$/, // {env:X} {file:path} (OpenCode)
  /^(?:op|vault|keychain|keyring|keyward|secret|aws-sm|gcp-sm|azure-kv):\/\/\S+$/i, // secret manager URIs
  /^env:[A-Za-z_][A-Za-z0-9_]*$/,
];

/** True when the whole value is a reference to a secret held somewhere else. */
export function isReference(value: string): boolean {
  const v = value.trim();
  return REFERENCE_PATTERNS.some((re) => re.test(v));
}

/** True when the value contains a reference anywhere (e.g. `Bearer ${TOKEN}`). */
export function containsReference(value: string): boolean {
  return /\$\{[^}]+\}|\$\{\{[^}]+\}\}|\{env:[^}]+\}|(?:^|[^A-Za-z0-9])\$[A-Z_][A-Z0-9_]{2,}\b/.test(value);
}
