/**
 * Fetches one URL in a fresh process and prints {"outcome","ms","rssGrowth","liveGrowth"} as
 * JSON, so that memory is measured without the test runner's own allocations.
 * Run with --expose-gc. argv: url, allow-list, maxBytes.
 *
 * Steady state is what matters for a long-running fetcher, so the URL is fetched once to warm
 * up (the allocator's arenas grow once and are reused), then measured on a second fetch.
 * liveGrowth is the peak of live buffer memory, with the collector run every few ms so that
 * garbage V8 has not reached yet is not counted; rssGrowth is the plain process RSS peak.
 */
import { makeHttp, outcomeOf } from './fetch-kit';

const [url, allow, maxBytes] = process.argv.slice(2);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
const { http, close } = makeHttp(allow!, { maxBytes: Number(maxBytes), totalTimeoutMs: 20_000 });
await outcomeOf(http(url!));
gc();
const base = process.memoryUsage();
let peakRss = base.rss;
let peakLive = 0;
const sampler = setInterval(() => {
  gc();
  const usage = process.memoryUsage();
  peakRss = Math.max(peakRss, usage.rss);
  peakLive = Math.max(peakLive, usage.arrayBuffers - base.arrayBuffers);
}, 5);
const started = performance.now();
const outcome = await outcomeOf(http(url!));
const ms = performance.now() - started;
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);
await close();
process.stdout.write(`${JSON.stringify({ outcome, ms: Math.round(ms), rssGrowth: peakRss - base.rss, liveGrowth: peakLive })}\n`);
