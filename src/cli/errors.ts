// The commands import errors from here; the classes live in src/core/ so library folders can throw them too.
export { UserError, formatError } from '../core/errors.js';
