import type { ApiOperation } from './operation';
import { userOperations } from './operations/users';

// Every documented operation, by domain. A new endpoint adds its entry to its domain's list.
export const ALL_OPERATIONS: readonly ApiOperation[] = [...userOperations];
