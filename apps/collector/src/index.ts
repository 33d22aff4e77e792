export { createApp, type AppOptions } from './app.js';
export { startCollector, type Collector } from './collector.js';
export { ConfigError, loadConfig, type CollectorConfig } from './config.js';
export { createLogger, silentLogger, type Logger } from './log.js';
export { Sites, type Site, type SiteOptions } from './sites.js';
export { SqliteStore } from './store/sqlite/sqliteStore.js';
export { PostgresStore } from './store/postgres/postgresStore.js';
export type * from './store/store.js';
export { ModelChanges } from './review/modelChanges.js';
