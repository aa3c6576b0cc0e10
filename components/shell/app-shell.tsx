'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { Badge } from '@/components/ui/badge';
import { cn } from '@/components/ui/cn';
import { useConsoleUser } from './console-context';
import { isNavItemActive, visibleNavItems } from './nav-items';
import { SignOutButton } from './sign-out-button';
import { ThemeToggle } from './theme-toggle';
import { Logo } from './logo';
import { MenuIcon, SearchIcon, XIcon } from '@/components/ui/icons';
import { GlobalSearch } from './global-search';
import { useSlashShortcut } from './use-slash-shortcut';

export function AppShell({ children }: { children: ReactNode }) {
  const user = useConsoleUser();
  const pathname = usePathname();
  const items = visibleNavItems(user.isAdmin);
  // Below the lg breakpoint the entries do not fit the header row: a Menu button opens them as a list.
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [pathname]);
  // Search opens as a row under the header at every width (the header row has no room for a field beside the
  // navigation); `/` opens it and puts the cursor in it.
  const [searchOpen, setSearchOpen] = useState(false);
  const searchInput = useRef<HTMLInputElement>(null);
  const searchButton = useRef<HTMLButtonElement>(null);
  const openSearch = useCallback(() => {
    setSearchOpen(true);
    setMenuOpen(false);
    requestAnimationFrame(() => searchInput.current?.focus());
  }, []);
  const closeSearch = useCallback(() => {
    setSearchOpen(false);
    searchButton.current?.focus();
  }, []);
  useSlashShortcut(openSearch);
  const links = (className: string) =>
    items.map((item) => {
      const active = isNavItemActive(item, pathname);
      const Icon = item.icon;
      return (
        <li key={item.href}>
          <Link
            href={item.href}
            aria-current={active ? 'page' : undefined}
            className={cn(
              className,
              active
                ? 'bg-slate-100 text-slate-900 dark:bg-slate-800 dark:text-white'
                : 'text-slate-600 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-400 dark:hover:bg-slate-800/70 dark:hover:text-white',
            )}
          >
            <Icon className="size-4" />
            {item.label}
          </Link>
        </li>
      );
    });

  return (
    <div className="flex min-h-screen flex-col">
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-white px-3 py-2 text-sm font-medium shadow focus:not-sr-only focus:fixed focus:left-3 focus:top-3 dark:bg-slate-900"
      >
        Skip to content
      </a>
      <header className="sticky top-0 z-30 border-b border-slate-200 bg-white/95 backdrop-blur dark:border-slate-800 dark:bg-slate-950/95">
        <div className="mx-auto flex h-14 max-w-6xl items-center gap-4 px-4 sm:px-6">
          <Link href="/" className="flex items-center gap-2 rounded-md font-semibold tracking-tight text-slate-900 dark:text-white">
            <Logo />
            Berth
          </Link>
          {/* Text only in the header row: seven entries with icons do not fit beside the user menu in max-w-6xl. */}
          <nav aria-label="Main" className="hidden lg:block">
            <ul className="flex items-center gap-1">{links('inline-flex h-9 items-center gap-2 whitespace-nowrap rounded-md px-3 text-sm font-medium [&>svg]:hidden')}</ul>
          </nav>
          <div className="ml-auto flex items-center gap-1">
            <button
              ref={searchButton}
              type="button"
              aria-expanded={searchOpen}
              aria-controls="search-row"
              aria-keyshortcuts="/"
              onClick={() => (searchOpen ? closeSearch() : openSearch())}
              className="inline-flex h-9 items-center gap-1.5 rounded-md px-2.5 text-sm font-medium text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800"
            >
              <SearchIcon />
              {/* Beside the full navigation (lg and up) only the icon and the shortcut fit. */}
              <span className="sr-only sm:not-sr-only lg:sr-only">Search</span>
              <kbd aria-hidden="true" className="hidden rounded border border-slate-300 px-1 font-mono text-xs text-slate-600 lg:inline dark:border-slate-700 dark:text-slate-400">
                /
              </kbd>
            </button>
            <ThemeToggle />
            <div className="mx-1 hidden h-6 w-px bg-slate-200 sm:block dark:bg-slate-800" />
            <span className="flex min-w-0 items-center gap-2 px-1 text-sm" title={`Signed in as ${user.username}`}>
              <span
                aria-hidden="true"
                className="flex size-7 shrink-0 items-center justify-center rounded-full bg-teal-100 text-xs font-semibold uppercase text-teal-800 dark:bg-teal-900 dark:text-teal-200"
              >
                {user.username.slice(0, 1)}
              </span>
              <span className="hidden max-w-40 truncate font-medium sm:inline" data-testid="current-user">
                <span className="sr-only">Signed in as </span>
                {user.username}
              </span>
              {user.isAdmin ? (
                // Beside eight navigation entries and the search button the badge fits only on the widest screens.
                <Badge tone="teal" className="hidden 2xl:inline-flex">
                  admin
                </Badge>
              ) : null}
            </span>
            <SignOutButton />
            <button
              type="button"
              aria-expanded={menuOpen}
              aria-controls="main-menu"
              onClick={() => {
                setMenuOpen((o) => !o);
                setSearchOpen(false);
              }}
              className="inline-flex h-9 items-center gap-1.5 rounded-md px-2.5 text-sm font-medium text-slate-700 hover:bg-slate-100 lg:hidden dark:text-slate-200 dark:hover:bg-slate-800"
            >
              {menuOpen ? <XIcon /> : <MenuIcon />}
              Menu
            </button>
          </div>
        </div>
        {searchOpen ? (
          <div id="search-row" role="search" aria-label="Repositories and tags" className="border-t border-slate-200 dark:border-slate-800">
            <div className="mx-auto max-w-3xl px-3 py-2 sm:px-6">
              <GlobalSearch inputRef={searchInput} onClose={closeSearch} />
            </div>
          </div>
        ) : null}
        {menuOpen ? (
          <nav id="main-menu" aria-label="Main" className="border-t border-slate-200 lg:hidden dark:border-slate-800">
            <ul className="mx-auto grid max-w-6xl gap-0.5 px-3 py-2 sm:grid-cols-2">
              {links('flex h-10 items-center gap-3 rounded-md px-3 text-sm font-medium')}
            </ul>
          </nav>
        ) : null}
      </header>
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 sm:px-6 sm:py-8">
        {children}
      </main>
    </div>
  );
}
