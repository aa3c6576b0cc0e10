'use client';

import { applyTheme, currentTheme } from '@/lib/client/theme';
import { MoonIcon, SunIcon } from '@/components/ui/icons';

/**
 * Switches light/dark. Both icons are rendered and CSS shows the right one, so the server render (which cannot
 * know the stored theme) matches the client and nothing flickers.
 */
export function ThemeToggle() {
  return (
    <button
      type="button"
      onClick={() => applyTheme(currentTheme() === 'dark' ? 'light' : 'dark')}
      className="inline-flex size-9 items-center justify-center rounded-md text-slate-600 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-300 dark:hover:bg-slate-800 dark:hover:text-white"
      aria-label="Toggle dark mode"
      title="Toggle dark mode"
    >
      <MoonIcon className="size-4.5 dark:hidden" />
      <SunIcon className="hidden size-4.5 dark:block" />
    </button>
  );
}
