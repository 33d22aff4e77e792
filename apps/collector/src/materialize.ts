/**
 * `npm run materialize` (`node apps/collector/dist/materialize.js`): a
 * materializer of the JetStream log, folding it into PostgreSQL until
 * SIGTERM or SIGINT. It reads `DWELL_DATABASE_URL` and the `DWELL_NATS_*`
 * variables of the collectors; run as many as the fold needs.
 */
import { closeOnSignals, runCommand } from './command.js';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './log.js';
import { StreamMaterializer } from './store/jetstream/streamMaterializer.js';

/** How often a running materializer logs what it folded, ms. */
export const REPORT_INTERVAL_MS = 30_000;

const logger = createLogger();

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  if (!config.stream || !config.databaseUrl)
    throw new ConfigError('a materializer needs DWELL_NATS_URL and DWELL_DATABASE_URL');
  const materializer = new StreamMaterializer({
    stream: config.stream,
    databaseUrl: config.databaseUrl,
    logger,
  });
  await materializer.start();
  logger.info(`dwell materializer folding ${config.stream.stream} into PostgreSQL`);
  const report = setInterval(() => {
    const { partitions, events, duplicates } = materializer.stats();
    logger.info(
      `dwell materializer: partitions ${partitions.join(',')}; ${events} events folded, ${duplicates} duplicates`,
    );
  }, REPORT_INTERVAL_MS);
  report.unref();
  closeOnSignals(logger, 'finishing the folds in progress', () => {
    clearInterval(report);
    return materializer.close();
  });
}

runCommand('dwell materializer', 'dwell materializer failed to start', logger, main);
