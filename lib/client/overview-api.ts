import type { OverviewDto } from '@/lib/schemas/overview';
import { apiFetch } from './api-fetch';

export const getOverview = (signal?: AbortSignal) => apiFetch<OverviewDto>('/api/v1/overview', { signal });
