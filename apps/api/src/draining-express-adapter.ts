import { Logger, type NestApplicationOptions } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/**
 * Express whose stop drains. Nest's shutdown asks the adapter first (`beforeClose`), before any module lets go of its
 * database pool or Redis connections: here the server stops listening, idle keep-alive connections are closed, and the
 * requests in flight finish — answered with `Connection: close` — before the shutdown goes on. Requests still running
 * after `graceMs` are cut, so a stuck request cannot hold a deployment for ever.
 */
export class DrainingExpressAdapter extends ExpressAdapter {
  private readonly shutdownLog = new Logger('Shutdown');
  private readonly inFlight = new Set<ServerResponse>();
  private draining = false;
  private drained: (() => void) | null = null;

  constructor(private readonly graceMs: number) {
    super();
  }

  override initHttpServer(options: NestApplicationOptions): void {
    super.initHttpServer(options);
    // Ahead of express, so a request that arrives on an open connection while draining is told to close it too.
    (this.getHttpServer() as Server).prependListener('request', (_req: IncomingMessage, res: ServerResponse) => {
      this.inFlight.add(res);
      if (this.draining) res.shouldKeepAlive = false;
      res.once('close', () => {
        this.inFlight.delete(res);
        if (this.inFlight.size === 0) this.drained?.();
      });
    });
  }

  override async beforeClose(): Promise<void> {
    super.beforeClose();
    if (this.draining) return;
    this.draining = true;
    const server = this.getHttpServer() as Server;
    for (const res of this.inFlight) if (!res.headersSent) res.shouldKeepAlive = false;
    // Stops accepting connections and closes the idle keep-alive ones; busy ones close after their response.
    server.close();
    if (this.inFlight.size > 0) {
      this.shutdownLog.log(`stopped accepting connections; finishing ${this.inFlight.size} request(s) in flight`);
      let timer: NodeJS.Timeout | undefined;
      const finished = await Promise.race([
        new Promise<true>((resolve) => (this.drained = () => resolve(true))),
        new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), this.graceMs))),
      ]);
      clearTimeout(timer);
      if (!finished) this.shutdownLog.warn(`${this.inFlight.size} request(s) still running after ${this.graceMs} ms: cut`);
    }
    server.closeAllConnections();
  }

  override close(): Promise<unknown> | undefined {
    // The server was closed by beforeClose; closing it again would wait for a 'close' event that already fired.
    return this.draining ? Promise.resolve() : super.close();
  }
}
