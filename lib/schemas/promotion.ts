import { z } from 'zod';
import { checkRepositoryName, isTag } from '@/lib/oci/names';

// Promotion: a server-side copy of a tagged image (or index, with its children) to another repository and tag.

export const copyTagSchema = z
  .object({
    /** `namespace/repository:tag`, in any namespace the caller may push to. */
    to: z
      .string()
      .max(512)
      .superRefine((to, ctx) => {
        const at = to.lastIndexOf(':');
        const name = at > 0 ? to.slice(0, at) : '';
        const tag = at > 0 ? to.slice(at + 1) : '';
        if (!name || checkRepositoryName(name) !== null) ctx.addIssue({ code: 'custom', message: 'must be namespace/repository:tag' });
        else if (!isTag(tag)) ctx.addIssue({ code: 'custom', message: `"${tag.slice(0, 200)}" is not a valid tag` });
      }),
    /** Also copy the artifacts that refer to the image (signatures, SBOMs), and theirs. */
    withReferrers: z.boolean().default(false),
  })
  .strict();
export type CopyTagInput = z.infer<typeof copyTagSchema>;

export const copyTagResultSchema = z.object({
  from: z.string(),
  to: z.string(),
  digest: z.string(),
  /** Manifests written at the target (the image or index, its children, referrers); none re-uploaded bytes. */
  manifests: z.number(),
  /** Blobs linked into the target repository. */
  blobs: z.number(),
});
export type CopyTagResultDto = z.infer<typeof copyTagResultSchema>;

export function splitImageRef(to: string): { name: string; tag: string } {
  const at = to.lastIndexOf(':');
  return { name: to.slice(0, at), tag: to.slice(at + 1) };
}
