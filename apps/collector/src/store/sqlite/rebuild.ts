/**
 * Emptying the views, so that the materializer folds them again from the
 * whole log: views and position go back to nothing in one transaction.
 */
import type Database from 'better-sqlite3';
import { VIEW_TABLES } from '../engine/viewTables.js';

export function prepareRebuild(views: Database.Database): () => void {
  const statements = VIEW_TABLES.map((table) => views.prepare(`DELETE FROM ${table}`));
  const resetPosition = views.prepare('UPDATE log_position SET seq = 0');
  const transaction = views.transaction(() => {
    for (const statement of statements) statement.run();
    resetPosition.run();
  });
  return function emptyViews() {
    transaction.immediate();
  };
}
