/**
 * `node apps/collector/dist/main.js`: configuration from the environment,
 * then the collector, until SIGTERM or SIGINT.
 */
import { startCollector } from './collector.js';
import { closeOnSignals, runCommand } from './command.js';
import { loadConfig } from './config.js';
import { createLogger } from './log.js';

const logger = createLogger();

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const collector = await startCollector(config, logger);
  closeOnSignals(logger, 'finishing requests in flight, then closing the store', () => collector.close());
}

runCommand('dwell collector', 'dwell collector failed to start', logger, main);
