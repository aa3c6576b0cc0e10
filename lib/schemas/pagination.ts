import { z } from 'zod';

// How the REST API hands out lists, in one place so that every list of a kind reads and validates the same way:
// - a whole list (`{items}`), for what is short by nature (a repository's webhooks, its build rules, grants);
// - pages by cursor (`{items, nextCursor}`), for logs that grow while being read (deliveries, events, builds);
// - numbered pages (`{items, total, page, pageSize}`), for what the console browses and sorts (repositories, tags).

/** A whole list, not paged. */
export const itemListSchema = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

/** One page of a list paged by cursor; `nextCursor` is null on the last page. */
export const cursorPageSchema = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

/** `?cursor=&limit=` of a list paged by row id: `cursor` is the `nextCursor` of the previous page. */
export const cursorPageQuerySchema = z.object({
  cursor: z.uuid({ error: 'must be a cursor returned by a previous page' }).optional(),
  limit: z.coerce.number().int().min(1, 'at least 1').max(100, 'at most 100').default(20),
});

/** One numbered page of a list, with how many items the whole list holds. */
export const numberedPageSchema = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number(), page: z.number(), pageSize: z.number() });

export const pageSchema = z.coerce.number().int().min(1, 'at least 1').max(1_000_000).default(1);
export const pageSizeSchema = z.coerce.number().int().min(1, 'at least 1').max(100, 'at most 100').default(20);
export const orderSchema = z.enum(['asc', 'desc']);

/**
 * `?sort=&order=&page=&pageSize=` of a numbered list sorted by one of `sorts` (by name unless asked otherwise).
 * `order` defaults to `asc` for name and `desc` (newest first) for the other sorts, which are all dates.
 */
export function sortedPageQueryShape<const S extends readonly ['name', ...string[]]>(sorts: S) {
  return {
    sort: z.enum(sorts).default('name'),
    order: orderSchema.optional(),
    page: pageSchema,
    pageSize: pageSizeSchema,
  };
}
