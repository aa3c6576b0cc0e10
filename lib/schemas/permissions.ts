import { z } from 'zod';
import { itemListSchema } from './pagination';

export const permissionLevelSchema = z.enum(['read', 'write', 'admin']);
export type PermissionLevelValue = z.infer<typeof permissionLevelSchema>;

export const setPermissionSchema = z.object({ level: permissionLevelSchema }).strict();
export type SetPermissionInput = z.infer<typeof setPermissionSchema>;

export const permissionSchema = z.object({ username: z.string(), level: permissionLevelSchema, createdAt: z.string() });
export type PermissionDto = z.infer<typeof permissionSchema>;

export const permissionListSchema = itemListSchema(permissionSchema);
export type PermissionListDto = z.infer<typeof permissionListSchema>;
