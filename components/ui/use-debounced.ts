'use client';

import { useEffect, useState } from 'react';

/**
 * `value` once it has stood still for `ms`, so a search as you type asks the server once a pause rather than once a
 * key. It is `initial` until then.
 */
export function useDebounced<T>(value: T, ms: number, initial: T): T {
  const [settled, setSettled] = useState(initial);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}
