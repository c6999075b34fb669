// Known errors are one line with a hint (exit 2); anything else is a bug and keeps its stack.

export class UserError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

export function formatError(e: unknown): string {
  if (e instanceof UserError) return `keyward: ${e.message}${e.hint ? `\n  hint: ${e.hint}` : ''}\n`;
  const err = e instanceof Error ? e : new Error(String(e));
  return `keyward: unexpected error (this is a bug, please report it)\n${err.stack ?? err.message}\n`;
}
