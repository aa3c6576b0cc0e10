import { Fragment } from 'react';

/**
 * A tag name that wraps only at its natural points: after `.`, `-` and `_` (so `1.25.3-alpine3.20` may break as
 * `1.25.3-` / `alpine3.20`), never inside a word. Each separator is followed by a <wbr>, and the rest stays whole.
 */
export function TagName({ name }: { name: string }) {
  const parts = name.split(/(?<=[._-])/);
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {part}
          {i < parts.length - 1 ? <wbr /> : null}
        </Fragment>
      ))}
    </>
  );
}
