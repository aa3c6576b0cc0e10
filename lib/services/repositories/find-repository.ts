import type { AppContext } from '@/lib/services/context';
import { REPOSITORY_ROW_SELECT, type RepositoryRow } from './repository-row';

export async function findRepository(app: AppContext, name: string): Promise<RepositoryRow | null> {
  return app.db.repository.findUnique({ where: { name }, select: REPOSITORY_ROW_SELECT });
}
