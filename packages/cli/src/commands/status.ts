import type { ApiClient } from '../client';
import { table } from '../format';

interface QueueRow {
  stage: string;
  waiting: number;
  active: number;
  delayed: number;
  completed: number;
  failed: number;
}

/** newsflow status [--watch]: queue depths and completion rate per stage. */
export async function statusCommand(
  client: ApiClient,
  options: { watch: boolean; intervalMs?: number; out: (text: string) => void; redraw: (text: string) => void; shouldStop?: () => boolean },
): Promise<number> {
  let previous: Map<string, number> | null = null;
  let previousAt = Date.now();
  for (;;) {
    const { body } = await client.request<{ queues: QueueRow[] }>('GET', '/queues');
    const now = Date.now();
    const rows = body.queues.map((q) => {
      const rate = previous ? ((q.completed - (previous.get(q.stage) ?? q.completed)) / ((now - previousAt) / 1000)).toFixed(1) : '-';
      return [q.stage, q.waiting, q.active, q.delayed, q.failed, q.completed, rate];
    });
    const text = table(['stage', 'waiting', 'active', 'delayed', 'failed', 'completed', 'done/s'], rows);
    if (!options.watch) {
      options.out(text);
      return 0;
    }
    options.redraw(`${text}\n\n${new Date().toLocaleTimeString()} — Ctrl-C to stop`);
    previous = new Map(body.queues.map((q) => [q.stage, q.completed]));
    previousAt = now;
    if (options.shouldStop?.()) return 0;
    await new Promise((r) => setTimeout(r, options.intervalMs ?? 2_000));
  }
}
