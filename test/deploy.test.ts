import { ChildProcess, spawn, execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { Redis } from 'ioredis';
import { PROJECT_ROOT } from '../src/projectRoot';
import { EnvSchema, loadConfig } from '../src/config';
import { freePort } from './support/redisServer';

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => socket.end(() => resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

const read = (file: string) => readFileSync(path.join(PROJECT_ROOT, file), 'utf8');
const DEPLOY = path.join(PROJECT_ROOT, 'deploy');
const SECRET_NAME = /password|secret|token|_key$/i;

// ---------- Dockerfile ----------

interface Instruction {
  keyword: string;
  args: string;
}
interface Stage {
  name?: string;
  instructions: Instruction[];
  workdir: string;
}

function dockerfileInstructions(text: string): Instruction[] {
  const logical = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  return logical.map((line) => {
    const [keyword, ...rest] = line.split(/\s+/);
    return { keyword, args: rest.join(' ') };
  });
}

function dockerfileStages(instructions: Instruction[]): Stage[] {
  const stages: Stage[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      stages.push({ name: / AS (\S+)$/i.exec(instruction.args)?.[1], instructions: [], workdir: '/' });
    } else if (stages.length) {
      const stage = stages.at(-1)!;
      stage.instructions.push(instruction);
      if (instruction.keyword === 'WORKDIR') stage.workdir = path.posix.resolve(stage.workdir, instruction.args);
    }
  }
  return stages;
}

function copyParts(args: string): { from?: string; sources: string[]; dest: string } {
  const words = args.split(/\s+/);
  const from = words.find((w) => w.startsWith('--from='))?.slice('--from='.length);
  const paths = words.filter((w) => !w.startsWith('--'));
  return { from, sources: paths.slice(0, -1), dest: paths.at(-1)! };
}

const execForm = (args: string) => JSON.parse(args) as string[];

/** Runs a health check command (exec form, "node -e ...") the way Docker would, against PORT. */
function runHealthCheck(command: string[], port: number): Promise<number> {
  const [binary, ...args] = command[0] === 'CMD' ? command.slice(1) : command;
  expect(binary).toBe('node');
  return new Promise((resolve) => {
    execFile(process.execPath, args, { env: { PATH: process.env.PATH ?? '', PORT: String(port) }, timeout: 10000 }, (error) =>
      resolve(error ? Number((error as { code?: number }).code ?? 1) : 0),
    );
  });
}

const dockerfile = read('deploy/Dockerfile');
const instructions = dockerfileInstructions(dockerfile);
const stages = dockerfileStages(instructions);
const runtime = stages.at(-1)!;
const runtimeEnv = Object.fromEntries(
  runtime.instructions.filter((i) => i.keyword === 'ENV').flatMap((i) => i.args.split(/\s+/).map((pair) => pair.split('=') as [string, string])),
);
const healthCheck = execForm(runtime.instructions.find((i) => i.keyword === 'HEALTHCHECK')!.args.replace(/^(--\S+\s+)*CMD\s+/, ''));
const cmd = execForm(runtime.instructions.find((i) => i.keyword === 'CMD')!.args);

describe('deploy/Dockerfile', () => {
  it('uses only plain instructions and starts the built server as the non-root node user', () => {
    const known = new Set(['ARG', 'FROM', 'ENV', 'WORKDIR', 'COPY', 'RUN', 'USER', 'EXPOSE', 'HEALTHCHECK', 'CMD']);
    expect(instructions.filter((i) => !known.has(i.keyword))).toEqual([]);
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(runtime.instructions.filter((i) => i.keyword === 'USER').map((i) => i.args)).toEqual(['node']);
    expect(cmd[0]).toBe('node');
    expect(cmd.at(-1)).toBe(JSON.parse(read('package.json')).main);
    expect(healthCheck.join(' ')).toContain('/healthz');
    expect(runtime.instructions.find((i) => i.keyword === 'EXPOSE')!.args).toBe(runtimeEnv.PORT);
    for (const name of Object.keys(runtimeEnv).filter((n) => n !== 'NODE_ENV')) expect(Object.keys(EnvSchema.shape)).toContain(name);
  });

  it('ships production dependencies and compiled code only, no TypeScript sources or compiler', () => {
    const copies = runtime.instructions.filter((i) => i.keyword === 'COPY').map((i) => copyParts(i.args));
    const modules = copies.find((c) => c.dest.replace(/^\.\//, '') === 'node_modules')!;
    const installer = stages.find((s) => s.name === modules.from)!;
    const installs = installer.instructions.filter((i) => i.keyword === 'RUN' && /npm (ci|install|prune)/.test(i.args));
    expect(installs.length).toBeGreaterThan(0);
    for (const run of installs) expect(run.args).toMatch(/--omit=dev/);
    for (const copy of copies.filter((c) => !c.from)) {
      for (const source of copy.sources) expect(['src', 'dialogs', 'tsconfig.json', 'node_modules']).not.toContain(source);
    }
    expect(runtime.instructions.filter((i) => i.keyword === 'RUN')).toEqual([]);
  });

  it('copies only files that exist and that its ignore file lets into the build context, never .env', () => {
    const ignore = read('deploy/Dockerfile.dockerignore').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
    expect(ignore[0]).toBe('**');
    const allowed = ignore.filter((l) => l.startsWith('!')).map((l) => l.slice(1).replace(/\/\*\*$/, ''));
    const letIn = (file: string) => allowed.some((a) => file === a || file.startsWith(`${a}/`));
    const sources = instructions.filter((i) => i.keyword === 'COPY' && !i.args.includes('--from')).flatMap((i) => copyParts(i.args).sources);
    expect(sources.length).toBeGreaterThan(5);
    for (const source of sources) {
      expect([source, existsSync(path.join(PROJECT_ROOT, source))]).toEqual([source, true]);
      expect([source, letIn(source)]).toEqual([source, true]);
    }
    for (const secret of ['.env', 'node_modules', 'dist']) expect(letIn(secret)).toBe(false);
  });

  it('runs from the files its runtime stage copies alone, passes its health check, and stops cleanly on SIGTERM', async () => {
    if (!existsSync(path.join(PROJECT_ROOT, 'dist/src/index.js'))) throw new Error('dist/ is missing: run npm run build first (npm test does)');
    const image = mkdtempSync(path.join(os.tmpdir(), 'vit-image-'));
    let bot: ChildProcess | undefined;
    try {
      const workdir = path.join(image, runtime.workdir);
      mkdirSync(workdir, { recursive: true });
      for (const copy of runtime.instructions.filter((i) => i.keyword === 'COPY').map((i) => copyParts(i.args))) {
        // Earlier stages work in the same layout as the repository: their WORKDIR is the project root.
        const stageDir = copy.from ? stages.find((s) => s.name === copy.from)!.workdir : undefined;
        for (const source of copy.sources) {
          const relative = stageDir ? path.posix.relative(stageDir, source) : source;
          const target = copy.dest.endsWith('/') ? path.join(workdir, copy.dest, path.basename(relative)) : path.join(workdir, copy.dest);
          mkdirSync(path.dirname(target), { recursive: true });
          if (relative === 'node_modules') symlinkSync(path.join(PROJECT_ROOT, relative), target);
          else cpSync(path.join(PROJECT_ROOT, relative), target, { recursive: true });
        }
      }
      const port = await freePort();
      const child = spawn(process.execPath, cmd.slice(1), {
        cwd: workdir,
        env: { PATH: process.env.PATH ?? '', ...runtimeEnv, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      bot = child;
      let output = '';
      child.stdout.on('data', (d) => (output += String(d)));
      child.stderr.on('data', (d) => (output += String(d)));
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      const deadline = Date.now() + 20000;
      while (!(await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false))) {
        if (child.exitCode !== null) throw new Error(`the bot exited (${child.exitCode}) from the image layout:\n${output}`);
        if (Date.now() > deadline) throw new Error(`the bot did not answer /healthz from the image layout:\n${output}`);
        await new Promise((r) => setTimeout(r, 100)); // a poll of /healthz, as Docker's health check does
      }
      expect(await runHealthCheck(healthCheck, port)).toBe(0);
      expect(await runHealthCheck(composeBots()[0][1].healthcheck.test, port)).toBe(0);
      const console = await fetch(`http://127.0.0.1:${port}/console`);
      expect(console.status).toBe(200);
      expect(await console.text()).toMatch(/<html/i);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(await runHealthCheck(healthCheck, port)).not.toBe(0);
    } finally {
      bot?.kill('SIGKILL');
      rmSync(image, { recursive: true, force: true });
    }
  });
});

// ---------- docker-compose.yml ----------

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  init?: boolean;
  environment?: Record<string, string>;
  env_file?: { path: string; required: boolean }[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  stop_grace_period?: string;
  volumes?: string[];
  ports?: string[];
}
const compose = parse(read('deploy/docker-compose.yml')) as { services: Record<string, Service>; volumes: Record<string, unknown> };
const composeBots = () => Object.entries(compose.services).filter(([, s]) => s.build) as [string, Required<Service>][];

function seconds(duration: string): number {
  const parts = /^(?:(\d+)m)?(?:(\d+)s)?$/.exec(duration);
  if (!parts || duration === '') throw new Error(`not a duration: ${duration}`);
  return Number(parts[1] ?? 0) * 60 + Number(parts[2] ?? 0);
}

describe('deploy/docker-compose.yml', () => {
  it('runs two bot replicas from one image behind a proxy, sharing one Redis that neither evicts nor forgets', () => {
    const bots = composeBots();
    expect(bots).toHaveLength(2);
    expect(new Set(bots.map(([, s]) => s.image)).size).toBe(1);
    for (const [, bot] of bots) {
      expect(path.resolve(DEPLOY, bot.build.context)).toBe(PROJECT_ROOT);
      expect(existsSync(path.join(PROJECT_ROOT, bot.build.dockerfile))).toBe(true);
      expect(bot.environment.REDIS_URL).toBe('redis://redis:6379');
      expect(bot.depends_on.redis.condition).toBe('service_healthy');
      expect(bot.init).toBe(true);
      expect(bot.healthcheck.test.join(' ')).toMatch(/\/(readyz|healthz)/);
    }
    const { redis, proxy } = compose.services;
    expect(redis.image).toMatch(/^redis:7/);
    expect(redis.healthcheck).toBeDefined();
    const conf = redis.volumes!.find((v) => v.startsWith('./redis.conf:'))!.split(':')[1];
    expect(redis.command).toContain(conf);
    const data = redis.volumes!.find((v) => v.endsWith(':/data'))!.split(':')[0];
    expect(Object.keys(compose.volumes)).toContain(data);
    for (const [name] of bots) expect(proxy.depends_on![name].condition).toBe('service_healthy');
    expect(proxy.ports).toEqual(['3978:80']);
    for (const service of Object.values(compose.services)) {
      for (const mount of (service.volumes ?? []).filter((v) => v.startsWith('.'))) expect(existsSync(path.resolve(DEPLOY, mount.split(':')[0]))).toBe(true);
    }
  });

  it('gives the replicas only settings the bot knows, secrets only from the uncommitted .env, and time to drain', () => {
    for (const [, bot] of composeBots()) {
      for (const name of Object.keys(bot.environment)) expect(Object.keys(EnvSchema.shape)).toContain(name);
      // The app registration comes from .env: without it the bot refuses to listen beyond loopback.
      expect(loadConfig(bot.environment).ok).toBe(false);
      const result = loadConfig({ MicrosoftAppId: 'app-id', MicrosoftAppPassword: 'secret', MicrosoftAppTenantId: 'tenant', ...bot.environment });
      if (!result.ok) throw new Error(result.problems.join('\n'));
      expect(bot.env_file.map((f) => path.resolve(DEPLOY, f.path))).toEqual([path.join(PROJECT_ROOT, '.env')]);
      expect(seconds(bot.stop_grace_period) * 1000).toBeGreaterThan(result.config.SHUTDOWN_GRACE_MS);
    }
    expect(read('.gitignore').split('\n')).toContain('.env');
    for (const service of Object.values(compose.services)) {
      expect(Object.keys(service.environment ?? {}).filter((name) => SECRET_NAME.test(name))).toEqual([]);
    }
  });
});

// ---------- nginx.conf ----------

interface Directive {
  name: string;
  args: string[];
  block?: Directive[];
}

function parseNginx(text: string): Directive[] {
  const tokens = text
    .replace(/#[^\n]*/g, '')
    .match(/"[^"]*"|[{};]|[^\s{};"]+/g)!
    .map((t) => (t.startsWith('"') ? t.slice(1, -1) : t));
  let pos = 0;
  const block = (): Directive[] => {
    const out: Directive[] = [];
    while (pos < tokens.length && tokens[pos] !== '}') {
      const name = tokens[pos++];
      const args: string[] = [];
      while (tokens[pos] !== ';' && tokens[pos] !== '{') {
        if (pos >= tokens.length) throw new Error(`nginx.conf: "${name}" is not closed`);
        args.push(tokens[pos++]);
      }
      if (tokens[pos++] === '{') {
        out.push({ name, args, block: block() });
        if (tokens[pos++] !== '}') throw new Error(`nginx.conf: block "${name}" is not closed`);
      } else {
        out.push({ name, args });
      }
    }
    return out;
  };
  const directives = block();
  if (pos !== tokens.length) throw new Error('nginx.conf: unbalanced "}"');
  return directives;
}

const value = (directives: Directive[], name: string) => directives.find((d) => d.name === name)?.args;
const nginxSeconds = (v: string) => Number(/^(\d+)(s|m|h)?$/.exec(v)![1]) * { s: 1, m: 60, h: 3600 }[/[smh]$/.exec(v)?.[0] ?? 's']!;

/** The location nginx picks for a path: an exact "=" match, else the longest prefix. */
function locationFor(server: Directive[], requestPath: string): Directive[] {
  const locations = server.filter((d) => d.name === 'location');
  const exact = locations.find((l) => l.args[0] === '=' && l.args[1] === requestPath);
  if (exact) return exact.block!;
  const prefixes = locations.filter((l) => l.args.length === 1 && requestPath.startsWith(l.args[0]));
  return prefixes.sort((a, b) => b.args[0].length - a.args[0].length)[0].block!;
}

describe('deploy/nginx.conf', () => {
  const http = parseNginx(read('deploy/nginx.conf'));
  const upstream = http.find((d) => d.name === 'upstream')!;
  const server = http.find((d) => d.name === 'server')!.block!;

  it('balances round robin over exactly the compose bot replicas', () => {
    const servers = upstream.block!.filter((d) => d.name === 'server').map((d) => d.args[0]);
    const bots = composeBots();
    expect(servers.sort()).toEqual(bots.map(([name, bot]) => `${name}:${bot.environment.PORT}`).sort());
    for (const method of ['ip_hash', 'hash', 'least_conn', 'random', 'sticky']) expect(value(upstream.block!, method)).toBeUndefined();
    expect(value(server, 'listen')).toEqual([compose.services.proxy.ports![0].split(':')[1]]);
    const proxied = server.filter((d) => d.name === 'location').map((l) => value(l.block!, 'proxy_pass')).filter(Boolean);
    expect(proxied.length).toBeGreaterThan(0);
    for (const target of proxied) expect(target).toEqual([`http://${upstream.args[0]}`]);
    expect(value(server, 'client_max_body_size')).toEqual(['1m']);
  });

  it('waits longer than a channel does for a turn, and keeps /metrics inside', () => {
    for (const route of ['/api/messages', '/api/whatsapp']) {
      const timeout = nginxSeconds(value(locationFor(server, route), 'proxy_read_timeout')![0]);
      expect(timeout).toBeGreaterThan(15);
      expect(timeout).toBeLessThanOrEqual(60);
    }
    expect(value(locationFor(server, '/metrics'), 'proxy_pass')).toBeUndefined();
  });

  it('streams every console event route unbuffered and keeps it open', () => {
    const routes = [...read('src/console/consoleRoutes.ts').matchAll(/server\.get\('([^']+)'[\s\S]{0,400}?text\/event-stream/g)].map((m) => m[1]);
    expect(routes.length).toBeGreaterThan(0);
    for (const route of routes) {
      const location = locationFor(server, route);
      expect(value(location, 'proxy_buffering')).toEqual(['off']);
      expect(nginxSeconds(value(location, 'proxy_read_timeout')![0])).toBeGreaterThanOrEqual(300);
    }
  });
});

// ---------- redis.conf ----------

describe('deploy/redis.conf', () => {
  it('is accepted by a real redis-server: append-only every second, never evicting, no snapshots', async () => {
    const conf = read('deploy/redis.conf');
    expect(conf).toMatch(/^appendonly yes$/m);
    expect(conf).toMatch(/^appendfsync everysec$/m);
    expect(conf).toMatch(/^maxmemory-policy noeviction$/m);
    const port = await freePort();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'vit-redis-conf-'));
    // The file as compose mounts it; only where to listen and write differs on this machine.
    const server = spawn('redis-server', [path.join(DEPLOY, 'redis.conf'), '--port', String(port), '--bind', '127.0.0.1', '--dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    server.stdout.on('data', (d) => (output += String(d)));
    server.stderr.on('data', (d) => (output += String(d)));
    const exited = new Promise((r) => server.once('exit', r));
    let redis: Redis | undefined;
    try {
      const deadline = Date.now() + 10000;
      while (!(await canConnect(port))) {
        if (server.exitCode !== null) throw new Error(`redis-server refused deploy/redis.conf:\n${output}`);
        if (Date.now() > deadline) throw new Error(`redis-server did not start:\n${output}`);
        await new Promise((r) => setTimeout(r, 50)); // a poll: redis-server tells nothing when it starts listening
      }
      redis = new Redis({ port, host: '127.0.0.1', maxRetriesPerRequest: 1 });
      const client = redis;
      const setting = async (name: string) => ((await client.config('GET', name)) as string[])[1];
      expect(await setting('appendonly')).toBe('yes');
      expect(await setting('appendfsync')).toBe('everysec');
      expect(await setting('maxmemory-policy')).toBe('noeviction');
      expect(await setting('save')).toBe('');
      await client.set('deploy-test', '1');
      expect(await client.info('persistence')).toMatch(/aof_enabled:1/);
    } finally {
      redis?.disconnect();
      server.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
