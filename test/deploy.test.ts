import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { PROJECT_ROOT } from '../src/projectRoot';
import { EnvSchema } from '../src/config';

const read = (file: string) => readFileSync(path.join(PROJECT_ROOT, file), 'utf8');

describe('deploy/', () => {
  it('compose runs the bot against a Redis that neither evicts nor forgets', () => {
    const compose = parse(read('deploy/docker-compose.yml'));
    expect(Object.keys(compose.services).sort()).toEqual(['bot', 'redis']);
    expect(compose.services.bot.environment.REDIS_URL).toBe('redis://redis:6379');
    expect(compose.services.bot.depends_on.redis.condition).toBe('service_healthy');
    for (const name of Object.keys(compose.services.bot.environment)) expect(Object.keys(EnvSchema.shape)).toContain(name);
    const conf = read('deploy/redis.conf');
    expect(conf).toMatch(/^appendonly yes$/m);
    expect(conf).toMatch(/^appendfsync everysec$/m);
    expect(conf).toMatch(/^maxmemory-policy noeviction$/m);
  });

  it('the Dockerfile copies only what exists and starts the built server', () => {
    const dockerfile = read('deploy/Dockerfile');
    const instructions = dockerfile.split('\n').filter((l) => l.trim() && !l.startsWith('#'));
    const known = /^(FROM|ENV|WORKDIR|COPY|RUN|USER|EXPOSE|HEALTHCHECK|CMD)\s/;
    expect(instructions.filter((l) => !known.test(l))).toEqual([]);
    for (const line of instructions.filter((l) => l.startsWith('COPY ') && !l.includes('--from'))) {
      const sources = line.split(/\s+/).slice(1, -1);
      for (const source of sources) expect(existsSync(path.join(PROJECT_ROOT, source))).toBe(true);
    }
    const cmd = JSON.parse(/^CMD (.*)$/m.exec(dockerfile)![1]) as string[];
    expect(cmd.at(-1)).toBe(JSON.parse(read('package.json')).main);
  });
});
