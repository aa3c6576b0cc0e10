import { z } from 'zod';

/** An image's platform, as index descriptors and image configs name it. Its own file so tags and scans can share it. */
export const platformSchema = z.object({ os: z.string(), architecture: z.string(), variant: z.string().optional() });
export type PlatformDto = z.infer<typeof platformSchema>;
