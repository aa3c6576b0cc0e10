'use client';

import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { ApiError } from '@/lib/client/api-fetch';
import { ToastProvider } from '@/components/ui/toast';

/** A 401 from the API means the session ended (expired, or the user was disabled): go and sign in again. */
function onSessionLost(err: unknown) {
  if (err instanceof ApiError && err.status === 401 && window.location.pathname !== '/sign-in') {
    window.location.assign(`/sign-in?callbackUrl=${encodeURIComponent(window.location.pathname + window.location.search)}`);
  }
}

function makeClient() {
  return new QueryClient({
    queryCache: new QueryCache({ onError: onSessionLost }),
    mutationCache: new MutationCache({ onError: onSessionLost }),
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        // A 4xx answer will not change by asking again.
        retry: (count, err) => !(err instanceof ApiError && err.status < 500) && count < 2,
        refetchOnWindowFocus: true,
      },
    },
  });
}

export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(makeClient);
  return (
    <QueryClientProvider client={client}>
      <ToastProvider>{children}</ToastProvider>
    </QueryClientProvider>
  );
}
