/** zod schemas of the read API's path and query parameters. */
import { z } from 'zod';
import { SITE_ID } from '../sites.js';
import { ORDERS } from './items.js';

export const siteParams = z.object({
  site: z.string().regex(SITE_ID, 'must be a site id: 1–64 letters, digits, _ or -'),
});

export const contentParams = siteParams.extend({ content: z.string().min(1).max(2048) });

export const visitorParams = siteParams.extend({ visitor: z.string().min(1).max(128) });

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date, YYYY-MM-DD');

/** `from`/`to` of the content endpoints. */
export const rangeQuery = z.object({ from: day.optional(), to: day.optional() });

export const contentListQuery = rangeQuery.extend({
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  order: z.enum(ORDERS).default('score'),
  section: z.string().min(1).max(256).optional(),
  author: z.string().min(1).max(256).optional(),
  /** `csv`: the same items as a CSV download. */
  format: z.enum(['json', 'csv']).default('json'),
});

/** Content whose score fell against the previous period of the same length. */
export const dropsQuery = rangeQuery.extend({
  limit: z.coerce.number().int().min(1).max(1000).default(20),
  /** Score points (0–100) the mean must have fallen by at least. */
  min_drop: z.coerce.number().min(0).max(100).default(5),
  /** Readers the content must have had in each period: fewer is noise, not a drop. */
  min_readers: z.coerce.number().int().min(1).max(1_000_000).default(3),
  section: z.string().min(1).max(256).optional(),
  author: z.string().min(1).max(256).optional(),
});

export const signalsQuery = rangeQuery.extend({ content: z.string().min(1).max(2048) });

/** Without `content`, the visitor's reader score. */
export const visitorScoreQuery = z.object({ content: z.string().min(1).max(2048).optional() });

export const readersQuery = rangeQuery.extend({
  /** `csv`: the readers of `band` as a CSV download. */
  format: z.enum(['json', 'csv']).default('json'),
  band: z.string().min(1).max(32).optional(),
});
