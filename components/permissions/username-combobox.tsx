'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState, type InputHTMLAttributes, type KeyboardEvent } from 'react';
import { queryKeys } from '@/lib/client/query-keys';
import { suggestUsers } from '@/lib/client/user-suggestions-api';
import { cn } from '@/components/ui/cn';
import { Input } from '@/components/ui/input';
import { useDebounced } from '@/components/ui/use-debounced';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'> & {
  id: string;
  value: string;
  onValueChange: (value: string) => void;
  /** Suggest existing users as the name is typed: only for callers who may list users. */
  suggest: boolean;
};

/**
 * The username field of a grant. With `suggest`, an ARIA combobox offering existing users whose name starts with
 * what was typed (GET /api/v1/users?q=, at most 8); without it, a plain field, since the list is not the caller's to see.
 */
export function UsernameCombobox({ id, value, onValueChange, suggest, ...rest }: Props) {
  const listId = useId();
  const prefix = useDebounced(value.trim(), 150, '');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const query = useQuery({
    queryKey: queryKeys.userSuggestions(prefix),
    queryFn: ({ signal }) => suggestUsers(prefix, signal),
    enabled: suggest && prefix.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  // Nothing to suggest once the name typed is exactly the only match.
  const users = (prefix ? (query.data ?? []) : []).filter((u) => !(u.username === value.trim() && query.data?.length === 1));
  const expanded = suggest && open && users.length > 0;
  useEffect(() => setActive(-1), [prefix, query.data]);

  if (!suggest) return <Input id={id} value={value} onChange={(e) => onValueChange(e.target.value)} {...rest} />;

  const choose = (username: string) => {
    onValueChange(username);
    setOpen(false);
  };
  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      if (!users.length) return;
      setActive((i) => (i + (e.key === 'ArrowDown' ? 1 : -1) + users.length) % users.length);
    } else if (e.key === 'Enter' && expanded && active >= 0) {
      // Picks the suggestion; a second Enter submits the form.
      e.preventDefault();
      choose(users[active]!.username);
    } else if (e.key === 'Escape' && expanded) {
      e.preventDefault();
      setOpen(false);
    }
  }
  const optionId = (i: number) => `${listId}-${i}`;
  return (
    <div className="relative">
      <Input
        id={id}
        role="combobox"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
        value={value}
        onChange={(e) => {
          onValueChange(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
        {...rest}
      />
      <div
        id={listId}
        role="listbox"
        aria-label="Matching users"
        className={cn(
          'absolute inset-x-0 top-full z-20 mt-1 rounded-md border border-slate-200 bg-white p-1 shadow-lg dark:border-slate-800 dark:bg-slate-900',
          !expanded && 'hidden',
        )}
      >
        {users.map((u, i) => (
          <div
            key={u.username}
            id={optionId(i)}
            role="option"
            aria-selected={i === active}
            onMouseDown={(e) => {
              e.preventDefault();
              choose(u.username);
            }}
            onMouseMove={() => setActive(i)}
            className={cn(
              'flex cursor-pointer items-center justify-between gap-2 rounded px-2.5 py-1.5 text-sm',
              i === active ? 'bg-teal-50 text-teal-900 dark:bg-teal-950 dark:text-teal-100' : 'text-slate-800 dark:text-slate-200',
            )}
          >
            <span className="font-medium">{u.username}</span>
            {u.isAdmin ? <span className="text-xs text-slate-600 dark:text-slate-400">administrator</span> : null}
          </div>
        ))}
      </div>
    </div>
  );
}
