import type { AppContext } from '@/lib/services/context';
import { resourceContext } from '@/lib/services/access/decide';

/** `acs:cr:<region>:<account>:`, the start of every resource name of this installation, for hints and templates. */
export function resourcePrefix(app: AppContext): string {
  const { region, account } = resourceContext(app);
  return `acs:cr:${region}:${account}:`;
}
