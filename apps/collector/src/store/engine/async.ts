/**
 * Small async helpers shared by both stores. The SQLite store's primitives
 * are synchronous and PostgreSQL's return promises, so the shared algorithms
 * (`contentReads.ts`, `refresh.ts`, `visitorState.ts`) accept either.
 */

/** A value, or a promise of it: what a store primitive returns. */
export type Awaitable<T> = T | PromiseLike<T>;

/**
 * Resolves after the I/O callbacks of the current loop turn: a long
 * synchronous job awaits it between two slices so ingest goes on meanwhile.
 */
export const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
