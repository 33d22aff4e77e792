/**
 * `node apps/collector/dist/main.js`: configuration from the environment,
 * then the collector, until SIGTERM or SIGINT.
 */
import { startCollector } from './collector.js';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './log.js';

const logger = createLogger();

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const collector = await startCollector(config, logger);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      logger.info(`${signal}: finishing requests in flight, then closing the store`);
      collector.close().then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error('shutdown failed', error);
          process.exit(1);
        },
      );
    });
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) logger.error(`dwell collector: invalid configuration: ${error.message}`);
  else logger.error('dwell collector failed to start', error);
  logger.flush();
  process.exitCode = 1;
});
