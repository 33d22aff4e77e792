/**
 * The views' tables, the same in every store: everything folded from the
 * log, emptied together when the views are rebuilt from it. Not
 * `reader_period_days`, which says what `reader_periods` is for: kept, so
 * the fold makes those rows again as it folds the readers
 * (`readerPeriods.ts`).
 */
export const VIEW_TABLES = [
  'visitor_days',
  'readers',
  'content_days',
  'content_live',
  'content_day_bands',
  'contents',
  'sites',
  'live_windows',
  'reader_days',
  'reader_day_bands',
  'reader_models',
  'content_ratings',
  'reader_periods',
] as const;
