import type { Logger } from 'pino';

export interface ShutdownStep {
  name: string;
  close: () => Promise<unknown>;
}

/**
 * Closes resources in the given order (workers first so in-flight jobs drain, then queues,
 * then connections) on SIGTERM/SIGINT, and exits within timeoutMs whatever hangs.
 */
export function installGracefulShutdown(steps: ShutdownStep[], options: { logger: Logger; timeoutMs: number }): () => Promise<void> {
  let shuttingDown: Promise<void> | null = null;
  const shutdown = (signal: string): Promise<void> => {
    if (shuttingDown) return shuttingDown;
    options.logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      options.logger.error({ timeoutMs: options.timeoutMs }, 'shutdown timed out; exiting anyway');
      process.exit(1);
    }, options.timeoutMs);
    timer.unref();
    shuttingDown = (async () => {
      for (const step of steps) {
        try {
          await step.close();
          options.logger.debug({ step: step.name }, 'closed');
        } catch (error) {
          options.logger.warn({ step: step.name, err: (error as Error).message }, 'error while closing');
        }
      }
      clearTimeout(timer);
      options.logger.info('shutdown complete');
    })();
    return shuttingDown;
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      void shutdown(signal).then(() => process.exit(0));
    });
  }
  return () => shutdown('manual');
}
