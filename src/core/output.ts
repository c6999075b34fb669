// Where a library writes lines meant for the user (progress, notices): the CLI hands its stdout/stderr in,
// tests pass a recorder. Only the bin file ever touches process streams.
export interface OutputStream {
  write(chunk: string): void;
  isTTY: boolean;
}
