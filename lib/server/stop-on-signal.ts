/**
 * Ends the process cleanly on SIGTERM or SIGINT, whichever comes first (a second signal while stopping is ignored):
 * logs `<signal>: <doing>`, awaits `stop`, and exits 0.
 */
export function stopOnSignal(log: (line: string) => void, doing: string, stop: () => Promise<void>): void {
  let stopping = false;
  const onSignal = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: ${doing}`);
    await stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void onSignal('SIGTERM'));
  process.on('SIGINT', () => void onSignal('SIGINT'));
}
