import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

describe('docker-compose.yml', () => {
  const document = parseDocument(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true });
  const compose = document.toJS({ maxAliasCount: 100 }) as {
    services: Record<string, { image?: string; command?: string[]; environment?: Record<string, string>; depends_on?: Record<string, unknown>; ports?: string[] }>;
  };

  it('parses as YAML without errors', () => {
    expect(document.errors).toEqual([]);
  });

  it('runs every service from its own main.ts against redis and elasticsearch', () => {
    for (const name of ['fetcher', 'cleaner', 'langdetect', 'enricher', 'indexer', 'discovery', 'api']) {
      const service = compose.services[name];
      expect(service, name).toBeDefined();
      const entry = service!.command?.at(-1) ?? '';
      expect(entry).toBe(`services/${name}/src/main.ts`);
      expect(existsSync(join(root, entry))).toBe(true);
      expect(service!.environment?.REDIS_URL).toBe('redis://redis:6379');
      expect(service!.environment?.ELASTICSEARCH_URL).toBe('http://elasticsearch:9200');
      expect(Object.keys(service!.depends_on ?? {})).toEqual(['redis', 'elasticsearch']);
    }
    expect(compose.services.api?.ports).toContain('8080:8080');
  });

  it('configures Redis as BullMQ needs it and matches the Elasticsearch client major version', () => {
    expect(compose.services.redis?.command).toEqual(expect.arrayContaining(['--appendonly', 'yes', '--maxmemory-policy', 'noeviction']));
    const esMajor = /elasticsearch:(\d+)\./.exec(compose.services.elasticsearch?.image ?? '')?.[1];
    const clientVersion = (JSON.parse(readFileSync(join(root, 'node_modules/@elastic/elasticsearch/package.json'), 'utf8')) as { version: string }).version;
    expect(esMajor).toBe(clientVersion.split('.')[0]);
  });

  it('builds on Node 24 LTS with every workspace of the lock file', () => {
    const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/FROM node:24/);
    // npm ci refuses a lock file whose workspaces are missing, so each must be copied first.
    const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { link?: boolean }> };
    const workspaces = Object.keys(lock.packages).filter((path) => /^(packages|services)\/[^/]+$/.test(path));
    expect(workspaces.length).toBeGreaterThan(8);
    for (const workspace of workspaces) expect(dockerfile, workspace).toContain(`COPY ${workspace}/package.json ${workspace}/`);
  });
});
