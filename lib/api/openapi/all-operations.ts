import type { ApiOperation } from './operation';
import { userOperations } from './operations/users';
import { namespaceOperations } from './operations/namespaces';
import { repositoryOperations } from './operations/repositories';
import { tokenOperations } from './operations/tokens';
import { policyOperations } from './operations/policies';
import { auditOperations } from './operations/audit';
import { webhookOperations } from './operations/webhooks';
import { vulnDbOperations } from './operations/vulndb';
import { scanOperations } from './operations/scans';
import { buildOperations } from './operations/builds';
import { gcOperations } from './operations/gc';
import { immutabilityOperations } from './operations/immutability';
import { promotionOperations } from './operations/promotion';
import { retentionOperations } from './operations/retention';
import { overviewOperations } from './operations/overview';
import { searchOperations } from './operations/search';

// Every documented operation, by domain. A new endpoint adds its entry to its domain's list.
export const ALL_OPERATIONS: readonly ApiOperation[] = [...userOperations, ...namespaceOperations, ...repositoryOperations, ...tokenOperations, ...policyOperations, ...auditOperations, ...webhookOperations, ...vulnDbOperations, ...scanOperations, ...gcOperations, ...immutabilityOperations, ...promotionOperations, ...retentionOperations, ...buildOperations, ...overviewOperations, ...searchOperations];
