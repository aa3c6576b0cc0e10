'use client';

import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';

export interface ConsoleSession {
  username: string;
  isAdmin: boolean;
}

const SessionContext = createContext<ConsoleSession | null>(null);
const HostContext = createContext<string>('');
// undefined: not known here (a page outside the console layout).
const GcScheduleContext = createContext<string | null | undefined>(undefined);

/** The signed-in user (resolved on the server by the console layout) and the Host the page was requested with. */
export function ConsoleProvider({ user, host, gcSchedule, children }: { user: ConsoleSession; host: string; gcSchedule?: string | null; children: ReactNode }) {
  return (
    <SessionContext.Provider value={user}>
      <HostContext.Provider value={host}>
        <GcScheduleContext.Provider value={gcSchedule}>{children}</GcScheduleContext.Provider>
      </HostContext.Provider>
    </SessionContext.Provider>
  );
}

/** The garbage collection schedule (BERTH_GC_SCHEDULE; null when off), so delete dialogs can say when space returns. */
export function useGcSchedule(): string | null | undefined {
  return useContext(GcScheduleContext);
}

export function useConsoleUser(): ConsoleSession {
  const user = useContext(SessionContext);
  if (!user) throw new Error('useConsoleUser outside the console layout');
  return user;
}

const noSubscribe = () => () => {};

/**
 * The registry address clients push to: the host this page was loaded from (window.location.host). The server
 * render uses the request's Host header, which is the same in all but proxy setups.
 */
export function useRegistryHost(): string {
  const serverHost = useContext(HostContext);
  return useSyncExternalStore(noSubscribe, () => window.location.host, () => serverHost || 'registry.example.com');
}
