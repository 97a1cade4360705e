import { readFileSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Variables the scripts set for themselves, not settings for users. */
const INTERNAL = new Set(['NEWSFLOW_APT_UPDATED', 'NEWSFLOW_BLOCKED_ADDRESS']);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (name === 'node_modules' || name.startsWith('.')) return [];
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.(ts|sh)$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('README', () => {
  it('documents every setting the code reads, and no setting that does not exist', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const documented = new Set(readme.match(/NEWSFLOW_[A-Z0-9_]+/g));
    const used = new Set(
      ['packages', 'services', 'infra', 'bench', 'scripts'].flatMap((dir) => files(join(root, dir))).flatMap((path) => readFileSync(path, 'utf8').match(/NEWSFLOW_[A-Z0-9_]+/g) ?? []),
    );
    const undocumented = [...used].filter((name) => !documented.has(name) && !INTERNAL.has(name)).sort();
    const stale = [...documented].filter((name) => !used.has(name)).sort();
    expect(undocumented).toEqual([]);
    expect(stale).toEqual([]);
  });
});
