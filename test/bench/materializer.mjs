// A JetStream materializer as the benchmark runs it: the built
// StreamMaterializer, configured from the environment like
// `materialize.js`, reporting over IPC its CPU time and what it folded.
import process from 'node:process';
import { createLogger, loadConfig, StreamMaterializer } from '../../apps/collector/dist/index.js';

const config = loadConfig(process.env);
const logger = createLogger();
const materializer = new StreamMaterializer({
  stream: config.stream,
  databaseUrl: config.databaseUrl,
  logger,
});
await materializer.start();
process.send?.({ ready: true });
process.on('message', async (message) => {
  if (message === 'stats') return process.send?.({ stats: materializer.stats(), cpu: process.cpuUsage() });
  if (message !== 'stop') return;
  await materializer.close();
  logger.flush();
  process.exit(0);
});
