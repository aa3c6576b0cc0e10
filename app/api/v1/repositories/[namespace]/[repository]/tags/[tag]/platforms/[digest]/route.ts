import { withApi } from '@/lib/api/with-api';
import { repositoryNameFromPath } from '@/lib/schemas/repositories';
import { getTagPlatform } from '@/lib/services/tags/get-tag-platform';

type Params = { namespace: string; repository: string; tag: string; digest: string };

export const GET = withApi<Params>(
  async ({ app, actor, params }) => getTagPlatform(app, { actor, name: repositoryNameFromPath(params), tag: params.tag, digest: params.digest }),
  { public: true },
);
