import type { Prisma } from '@/lib/db/client';
import type { ListEventsQuery, RepositoryEventPageDto } from '@/lib/schemas/webhooks';
import type { AppContext } from '@/lib/services/context';
import { EVENT_DTO_INCLUDE, EVENT_ORDER, toEventDto } from './event-dto';

/** One page of the events `where` allows (the caller has authorized it), newest first, with the next page's cursor. */
export async function loadEventPage(app: AppContext, where: Prisma.WebhookEventWhereInput, query: ListEventsQuery): Promise<RepositoryEventPageDto> {
  const rows = await app.db.webhookEvent.findMany({
    where,
    include: EVENT_DTO_INCLUDE,
    orderBy: [...EVENT_ORDER],
    take: query.limit + 1,
    // A cursor is only a position (time, id): one from elsewhere never reaches past the filter.
    ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
  });
  const page = rows.slice(0, query.limit);
  return { items: page.map(toEventDto), nextCursor: rows.length > query.limit ? page[page.length - 1]!.id : null };
}
