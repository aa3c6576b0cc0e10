import pino, { type Logger } from 'pino';

/**
 * The process's logger: one JSON object per line (for log shippers), or colourised lines when stdout is a terminal.
 * Nothing logged carries credentials: request lines hold the method, the path without its query, the status and
 * timing, never headers or bodies.
 */
export function createLogger(opts: { name?: string; pretty?: boolean } = {}): Logger {
  const pretty = opts.pretty ?? Boolean(process.stdout.isTTY);
  return pino({
    name: opts.name ?? 'berth',
    level: process.env.BERTH_LOG_LEVEL ?? 'info',
    redact: { paths: ['authorization', '*.authorization', 'password', '*.password', 'token', '*.token'], censor: '[redacted]' },
    ...(pretty ? { transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } } } : {}),
  });
}

export type { Logger };
