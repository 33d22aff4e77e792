/**
 * Log lines, buffered and written once per tick: at thousands of requests per
 * second, one write(2) per request line would cost more than the request.
 * Never given an IP address, a read key or a request body.
 */

export interface Logger {
  /** A line for stdout: one per request, and start/stop notices. */
  info(line: string): void;
  /** A line for stderr, written at once: errors must not wait for the next tick. */
  error(line: string, error?: unknown): void;
  /** Writes what is buffered. */
  flush(): void;
}

/** Buffered bytes that trigger an immediate write. */
export const LOG_BUFFER_LIMIT = 64 * 1024;

export function createLogger(
  out: NodeJS.WritableStream = process.stdout,
  err: NodeJS.WritableStream = process.stderr,
): Logger {
  let buffer = '';
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (!buffer) return;
    const text = buffer;
    buffer = '';
    out.write(text);
  };
  return {
    info(line) {
      buffer += `${new Date().toISOString()} ${line}\n`;
      if (buffer.length >= LOG_BUFFER_LIMIT) flush();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    error(line, error) {
      flush();
      const detail =
        error instanceof Error
          ? ` ${error.stack ?? error.message}`
          : error === undefined
            ? ''
            : ` ${String(error)}`;
      err.write(`${new Date().toISOString()} ERROR ${line}${detail}\n`);
    },
    flush,
  };
}

/** A logger that drops everything, for tests. */
export const silentLogger: Logger = { info() {}, error() {}, flush() {} };
