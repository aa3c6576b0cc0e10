import { z } from 'zod';
import { absent } from '@/lib/errors/domain-error';
import type { AppContext } from '@/lib/services/context';
import { BUILD_SELECT, type BuildRow } from './build-dto';

export async function findBuild(app: AppContext, repositoryId: string, id: string): Promise<BuildRow> {
  const row = z.uuid().safeParse(id).success ? await app.db.build.findFirst({ where: { id, repositoryId }, select: BUILD_SELECT }) : null;
  if (!row) throw absent('build');
  return row;
}
