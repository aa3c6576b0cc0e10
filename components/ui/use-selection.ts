'use client';

import { useEffect, useState } from 'react';

/**
 * Names picked for a bulk action: `select(names, on)` adds or drops them, `forget(names)` drops those that are
 * gone, `clear()` starts afresh, as the selection does by itself whenever `resetKey` changes (another page, filter
 * or sort shows other rows).
 */
export function useSelection(resetKey: unknown) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => setSelected(new Set()), [resetKey]);
  return {
    selected,
    select: (names: string[], on: boolean) =>
      setSelected((prev) => {
        const next = new Set(prev);
        for (const n of names) if (on) next.add(n);
        else next.delete(n);
        return next;
      }),
    forget: (names: string[]) => setSelected((prev) => new Set([...prev].filter((n) => !names.includes(n)))),
    clear: () => setSelected(new Set()),
  };
}
