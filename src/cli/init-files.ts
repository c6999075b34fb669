// What `keyward init` writes and prints: a commented `.keyward.toml` (every setting present, all commented out,
// so the file loads as an empty config until someone edits it) and the GitHub Actions workflow.

export const CONFIG_FILE = '.keyward.toml';

export const CONFIG_TEMPLATE = `# keyward configuration (keyward scan reads it from the repository root). docs/scan.md#config-file
# Every setting below is commented out: uncomment what you need. A bad value is an error (exit 2) naming it.

# Skip files larger than this (default 10MB).
# maxFileSize = "10MB"

# Built-in rules to turn off (ids from \`keyward rules list\`).
# disabledRules = ["generic-password"]

# [allowlist]
# Paths never scanned (gitignore syntax).
# paths = ["test/fixtures/**"]
# Values that are never secrets here (exact strings) and words that mark a match as a placeholder.
# values = ["not-a-real-token"]
# stopwords = ["example"]
# Regular expressions: a match of any of them is not reported.
# regexes = ["^sk-test-"]

# A rule of your own: it must find its positive examples and none of its negative ones, or loading fails.
# [[rules]]
# id = "acme-api-key"
# title = "Acme API key"
# severity = "high"
# keywords = ["acme_"]
# pattern = "acme_[A-Za-z0-9]{32}"
# examples = { positive = ["acme_0123456789abcdefABCDEF0123456789"], negative = ["acme_short"] }

# To accept a finding knowingly, put its fingerprint in .keywardignore (one a line), or use a baseline:
#   keyward scan --history --format json --output .keyward-baseline.json
`;

export const CI_SNIPPET = `# .github/workflows/keyward.yml
name: secrets
on: [push, pull_request]
permissions:
  contents: read
  security-events: write
jobs:
  keyward:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with: { fetch-depth: 0 }
      - uses: <owner>/keyward@v0.1.0   # wherever you get keyward from (docs/ci.md)
        with:
          fail-on: findings
`;
