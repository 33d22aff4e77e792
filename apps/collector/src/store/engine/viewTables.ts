/**
 * The views' tables, the same in every store: everything folded from the
 * log, emptied together when the views are rebuilt from it.
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
] as const;
