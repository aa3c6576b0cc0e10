'use client';

import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';

export interface ConsoleSession {
  username: string;
  isAdmin: boolean;
}

const SessionContext = createContext<ConsoleSession | null>(null);
const HostContext = createContext<string>('');

/** The signed-in user (resolved on the server by the console layout) and the Host the page was requested with. */
export function ConsoleProvider({ user, host, children }: { user: ConsoleSession; host: string; children: ReactNode }) {
  return (
    <SessionContext.Provider value={user}>
      <HostContext.Provider value={host}>{children}</HostContext.Provider>
    </SessionContext.Provider>
  );
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
