import { readFileSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules') return [];
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

describe('Grafana dashboard', () => {
  const dashboard = JSON.parse(readFileSync(join(root, 'infra', 'grafana', 'newsflow-dashboard.json'), 'utf8')) as { panels: { title: string; targets: { expr: string }[] }[] };

  it('only charts metrics that the services define', () => {
    const code = [...sources(join(root, 'packages')), ...sources(join(root, 'services'))].map((p) => readFileSync(p, 'utf8')).join('\n');
    // prom-client's default metrics carry our prefix too.
    const defaults = ['newsflow_process_resident_memory_bytes', 'newsflow_process_cpu_seconds_total'];
    const used = new Set(dashboard.panels.flatMap((p) => p.targets.flatMap((t) => t.expr.match(/newsflow_[a-z_]+/g) ?? [])));
    expect(used.size).toBeGreaterThan(5);
    for (const name of used) {
      const base = name.replace(/_(bucket|sum|count)$/, '');
      expect(defaults.includes(base) || code.includes(`'${base}'`), `${name} is not defined in the code`).toBe(true);
    }
  });
});
