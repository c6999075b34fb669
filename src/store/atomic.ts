// Atomic file replacement shared by the store and protect: write a temp file beside the target, fsync,
// rename over it. A crash leaves either the old or the new bytes, never half of each.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** `owner`: keep the replaced file's uid/gid (root editing a user's config must not hand it to root). */
export async function writeFileAtomic(path: string, data: string | Buffer, mode: number, owner?: { uid: number; gid: number }): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await fs.open(tmp, 'wx', mode);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    // open() honours the umask; chmod makes the mode exact.
    await fs.chmod(tmp, mode);
    if (owner) await fs.chown(tmp, owner.uid, owner.gid).catch(() => undefined); // only root may; others own it already
    await fs.rename(tmp, path);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
}
