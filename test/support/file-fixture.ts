import { afterAll, beforeAll } from 'vitest';

/**
 * Something a whole test file (or describe block) shares, such as a registry or a client: started by a `beforeAll`
 * hook and stopped by an `afterAll` hook that this registers where it is called. The returned object stands for it,
 * so the file can name it in a `const` at the top; use it only inside tests and hooks, once it has started.
 */
export function fileFixture<T extends object>(start: () => Promise<T>, stop?: (value: T) => Promise<unknown>): T {
  let value: T | undefined;
  beforeAll(async () => {
    value = await start();
  });
  if (stop) {
    afterAll(async () => {
      if (value) await stop(value);
    });
  }
  const started = (key: PropertyKey): T => {
    if (!value) throw new Error(`a file fixture was used (.${String(key)}) before its beforeAll hook started it`);
    return value;
  };
  return new Proxy({} as T, {
    get(_, key) {
      const field = Reflect.get(started(key), key);
      // Methods run on the real object, whose private state the stand-in does not have.
      return typeof field === 'function' ? field.bind(value) : field;
    },
    set(_, key, field) {
      return Reflect.set(started(key), key, field);
    },
  });
}
