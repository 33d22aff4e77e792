/**
 * A built file served from disk with a strong ETag (a hash of its bytes). It is
 * read again whenever its size or mtime changes, so a rebuild needs no restart,
 * and it may not exist yet (then `load()` answers `undefined`).
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';

export interface LoadedFile {
  body: Buffer;
  etag: string;
}

export function staticFile(path: string): { load(): Promise<LoadedFile | undefined> } {
  let loaded: (LoadedFile & { mtimeMs: number; size: number }) | undefined;
  return {
    async load() {
      try {
        const info = await stat(path);
        if (loaded && loaded.mtimeMs === info.mtimeMs && loaded.size === info.size) return loaded;
        const body = await readFile(path);
        const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
        return (loaded = { mtimeMs: info.mtimeMs, size: info.size, body, etag });
      } catch {
        return (loaded = undefined);
      }
    },
  };
}
