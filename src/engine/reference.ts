// Values that point at a secret kept elsewhere (environment, inputs, CI secrets) are never findings.

const REFERENCE_PATTERNS: RegExp[] = [
  /^\$\{[A-Za-z_][A-Za-z0-9_]*(?::?[-=?+][^}]*)?\}$/, // ${VAR} ${VAR:-x}
  /^\$\{(?:env|input|config|secret|secrets|workspaceFolder|userHome|command|prompt|file)[:.][^}]+\}$/i, // ${env:X} ${input:x}
  /^\$\{\{\s*[^}]+\s*\}\}$/, // ${{ secrets.X }}
  /^\{\{\s*[^}]+\s*\}\}$/, // {{ env.X }}
  /^\$[A-Za-z_][A-Za-z0-9_]*$/, // $VAR
  /^\$\([^)]+\)$/, // $(op read …) command substitution
  /^%[A-Za-z_][A-Za-z0-9_]*%$/, // %VAR% (Windows)
  /^\{(?:env|file):[^}]+\}$/, // {env:X} {file:path} (OpenCode)
  /^\{[A-Za-z_][A-Za-z0-9_.-]*\}$/, // {api_key}: server.json / smithery template variables
  /^<%=?\s*ENV\[[^\]]+\]\s*%>$/, // ERB
  /^(?:process\.env|import\.meta\.env|Deno\.env)\b/, // code that reads the environment
  /^os\.(?:environ|getenv)\b/,
  /^(?:op|vault|keychain|keyring|keyward|secret|aws-sm|gcp-sm|azure-kv|bws|doppler|infisical):\/\/\S+$/i, // secret manager URIs
  /^env:[A-Za-z_][A-Za-z0-9_]*$/,
  /^vault:[\w./-]+(?:[#:][\w.-]+)?$/i, // vault:secret/data/app#token (Vault agent, Bank-Vaults)
  /^arn:aws[\w-]*:(?:secretsmanager|ssm|kms):[\w-]*:\d{12}:(?:secret|parameter|key|alias)[:/]\S+$/, // AWS Secrets Manager / SSM ARNs
  /^\{\{resolve:(?:secretsmanager|ssm|ssm-secure):[^}]+\}\}$/, // CloudFormation dynamic references
  /^@Microsoft\.KeyVault\([^)]+\)$/, // Azure App Service Key Vault references
  /^projects\/[\w-]+\/secrets\/[\w-]+(?:\/versions\/\w+)?$/, // GCP Secret Manager resource names
];

/** True when the whole value is a reference to a secret held somewhere else. */
export function isReference(value: string): boolean {
  const v = value.trim();
  const c = v.charCodeAt(0);
  // Every reference form starts with `$ { % < @` or a letter — skip the regexes otherwise.
  if (c !== 36 && c !== 123 && c !== 37 && c !== 60 && c !== 64 && !/^[a-zA-Z]/.test(v)) return false;
  return REFERENCE_PATTERNS.some((re) => re.test(v));
}

/** True when the value contains a reference anywhere (e.g. `Bearer ${TOKEN}`). */
export function containsReference(value: string): boolean {
  return /\$\{[^}]+\}|\$\{\{[^}]+\}\}|\{env:[^}]+\}|\{\{[^}]+\}\}|(?:^|[^A-Za-z0-9])\$[A-Z_][A-Z0-9_]{2,}\b|(?:^|\s)\{[A-Za-z_][\w.-]*\}(?:$|\s)/.test(value);
}
