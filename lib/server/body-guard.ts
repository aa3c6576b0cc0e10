import type { IncomingMessage, ServerResponse } from 'node:http';

export interface BodyGuardOptions {
  /** A body that sends nothing for this long is cut off. */
  idleMs: number;
  /** Small-body endpoints: the whole body must arrive within this time... */
  totalMs?: number;
  /** ...and declare at most this many bytes. */
  maxBytes?: number;
  /** Writes the answer for a refused body (408 or 413) in the endpoint's protocol. */
  answer: (res: ServerResponse, status: 408 | 413, message: string) => void;
  /**
   * Ends the body's stream with a BodyTimeoutError first and leaves the answer to the handler for a moment, so
   * it can release what it holds (an upload's lease) before the client hears 408 and tries again.
   */
  failReaderFirst?: boolean;
}

/** What a reader of a request body sees when the body stopped arriving (see guardBody). */
export class BodyTimeoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BodyTimeoutError';
  }
}

const HANDLER_GRACE_MS = 2000;

function hasBody(req: IncomingMessage): boolean {
  return Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
}

/**
 * Bounds how long a request body may take. A client that stops sending (a stalled PATCH, a partial POST to the
 * token endpoint) gets 408 after `idleMs` without a byte and its connection is closed, so whatever reads the body
 * sees it end with an error and lets go of what it holds (an upload session's lease). Returns false when the
 * request was answered here and must not be handed on.
 */
export function guardBody(req: IncomingMessage, res: ServerResponse, opts: BodyGuardOptions): boolean {
  if (!hasBody(req)) return true;
  if (opts.maxBytes !== undefined && Number(req.headers['content-length'] ?? 0) > opts.maxBytes) {
    res.setHeader('Connection', 'close');
    opts.answer(res, 413, `request body is larger than ${opts.maxBytes} bytes`);
    return false;
  }
  const socket = req.socket;
  let done = false;
  const cut = (message: string) => {
    if (done || req.complete) return;
    done = true;
    cleanup();
    if (opts.failReaderFirst) {
      // A stream's async iterator rejects on its 'error' event; the socket stays open for the handler's answer.
      req.emit('error', new BodyTimeoutError(message));
      res.once('finish', () => socket.destroy());
      setTimeout(() => answerAndClose(message), HANDLER_GRACE_MS).unref();
      return;
    }
    answerAndClose(message);
  };
  const answerAndClose = (message: string) => {
    if (socket.destroyed) return;
    if (!res.headersSent) {
      res.setHeader('Connection', 'close');
      opts.answer(res, 408, message);
    }
    // Once the answer is out, the connection goes: the body's reader sees it end with an error.
    if (res.writableFinished || res.headersSent) socket.destroy();
    else res.once('finish', () => socket.destroy());
    setTimeout(() => socket.destroy(), 1000).unref();
  };
  const onIdle = () => cut(`no part of the request body arrived for ${Math.round(opts.idleMs / 1000)} s`);
  const total = opts.totalMs === undefined ? undefined : setTimeout(() => cut(`the request body did not arrive within ${Math.round(opts.totalMs! / 1000)} s`), opts.totalMs);
  total?.unref();
  // Node's server emits a socket's timeout on the incomplete request first (and destroys the socket only when
  // nobody listens), so the listener goes on the request.
  req.on('timeout', onIdle);
  socket.setTimeout(opts.idleMs);
  let cleaned = false;
  const cleanup = () => {
    // Once only: a second setTimeout(0) after the response would clear the keep-alive timeout Node sets then.
    if (cleaned) return;
    cleaned = true;
    if (total) clearTimeout(total);
    req.off('timeout', onIdle);
    // The server itself sets no socket timeout (uploads may take long); keep-alive idling is handled by Node.
    socket.setTimeout(0);
  };
  req.once('end', () => {
    if (!done) cleanup();
  });
  req.once('close', () => {
    if (!done) cleanup();
  });
  return true;
}
