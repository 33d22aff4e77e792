/**
 * What the collector's commands (`main.ts`, `materialize.ts`, `rebuild.ts`)
 * share: a configuration error named as such and every other failure
 * logged, with exit code 1; and, for the long-running ones, SIGTERM and
 * SIGINT finishing the work in progress before the process exits.
 */
import { ConfigError } from './config.js';
import type { Logger } from './log.js';

/** Runs `command`; a rejection is logged (`failing`: what failed, as "dwell rebuild failed") and exits 1. */
export function runCommand(
  name: string,
  failing: string,
  logger: Logger,
  command: () => Promise<void>,
): void {
  command().catch((error: unknown) => {
    if (error instanceof ConfigError) logger.error(`${name}: invalid configuration: ${error.message}`);
    else logger.error(failing, error);
    logger.flush();
    process.exitCode = 1;
  });
}

/** On SIGTERM or SIGINT: says `finishing`, runs `close`, and exits 0 (1 when it fails). */
export function closeOnSignals(logger: Logger, finishing: string, close: () => Promise<void>): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      logger.info(`${signal}: ${finishing}`);
      close().then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error('shutdown failed', error);
          process.exit(1);
        },
      );
    });
  }
}
