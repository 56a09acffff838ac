import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import { projectPath, projectRoot } from '../paths.js';
import { processAlive } from '../platform/process.js';

/** A failure the user can act on; its message is one sentence saying what to do. */
export class LocalNeo4jError extends Error {}

const pomFile = projectPath('scripts/neo4j/pom.xml');

export interface LocalNeo4jOptions {
  /** Folder holding the jars (`lib/`) and the instances. */
  baseDir: string;
  /** Instance name: its conf, data and logs live in `<baseDir>/<instance>`. */
  instance: string;
  boltPort: number;
  heap: string;
  pageCache: string;
  /** Further `neo4j.conf` settings (`name=value`); one named by a default replaces it (Neo4j refuses a setting given twice). */
  extraConf?: string[];
  log?: (line: string) => void;
}

export interface LocalNeo4jHandle {
  uri: string;
  username: string;
  password: string;
  home: string;
  /** The JVM's process id (of the latest start). */
  readonly pid: number;
  /** True while the server process is running. */
  readonly running: boolean;
  /** Stops the server cleanly (SIGTERM, then SIGKILL after 30 s); safe to call twice. */
  stop(): Promise<void>;
  /** Starts the stopped server again on the same port and data; resolves once it answers. */
  start(): Promise<void>;
}

/** Where a local instance records the process id of its running server. */
export function pidFileOf(home: string): string {
  return path.join(home, 'run', 'pathway-atlas.pid');
}

const JVM_FLAGS = [
  '-XX:+UseG1GC',
  '-XX:-OmitStackTraceInFastThrow',
  '-XX:+DisableExplicitGC',
  '-Djdk.nio.maxCachedBufferSize=1024',
  '-Dio.netty.tryReflectionSetAccessible=true',
  '-Dlog4j2.disable.jmx=true',
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '--add-opens=java.base/java.lang=ALL-UNNAMED',
  '--enable-native-access=ALL-UNNAMED',
];

function javaBinary(): string {
  const home = process.env.JAVA_HOME;
  return home ? path.join(home, 'bin', 'java') : 'java';
}

/** Checks that a Java 17 or newer runtime is present. */
export function checkJava(): void {
  const res = spawnSync(javaBinary(), ['-version'], { encoding: 'utf8' });
  if (res.error || res.status !== 0) {
    throw new LocalNeo4jError(
      'Java 17 or newer is needed to run the local Neo4j: install a JDK 17 (for example `apt-get install openjdk-17-jre-headless`) or set NEO4J_URI to use an existing Neo4j server.',
    );
  }
  const match = /version "(\d+)(?:\.(\d+))?/.exec(res.stderr + res.stdout);
  const major = match ? Number(match[1] === '1' ? match[2] : match[1]) : 0;
  if (major < 17) {
    throw new LocalNeo4jError(
      `Java ${major || 'of an unknown version'} was found but the local Neo4j needs Java 17 or newer: install a JDK 17, point JAVA_HOME at it, or set NEO4J_URI.`,
    );
  }
}

function libDir(baseDir: string): string {
  return path.join(baseDir, 'lib');
}

function neo4jVersion(): string {
  const pom = readFileSync(pomFile, 'utf8');
  const match = /<neo4j\.version>([^<]+)<\/neo4j\.version>/.exec(pom);
  if (!match) throw new Error(`no neo4j.version in ${pomFile}`);
  return match[1]!;
}

const fetching = new Map<string, Promise<string>>();

/**
 * Resolves the Neo4j jars from Maven Central into `<baseDir>/lib` unless they are already there.
 * Concurrent calls in one process share one fetch; separate processes each fetch into their own
 * folder and the first to finish renames it into place, so no process ever sees a half-copied `lib`.
 */
export function ensureJars(baseDir: string, log: (line: string) => void = () => {}): Promise<string> {
  const lib = path.resolve(libDir(baseDir));
  const pending = fetching.get(lib);
  if (pending) return pending;
  const job = fetchJars(lib, log).finally(() => fetching.delete(lib));
  fetching.set(lib, job);
  return job;
}

function completeMarker(lib: string, version: string): string {
  return path.join(lib, `.complete-${version}`);
}

async function fetchJars(lib: string, log: (line: string) => void): Promise<string> {
  const version = neo4jVersion();
  if (existsSync(completeMarker(lib, version))) return lib;

  const staging = `${lib}.partial-${process.pid}-${randomBytes(4).toString('hex')}`;
  mkdirSync(staging, { recursive: true });
  try {
    log(`Fetching Neo4j ${version} from Maven Central into ${lib} (first run only)...`);
    await runMaven(staging, log);
    const jars = readdirSync(staging).filter((f) => f.endsWith('.jar'));
    writeFileSync(completeMarker(staging, version), new Date().toISOString());
    if (existsSync(completeMarker(lib, version))) return lib; // another process finished first
    rmSync(lib, { recursive: true, force: true });
    try {
      renameSync(staging, lib);
    } catch (err) {
      if (!existsSync(completeMarker(lib, version))) throw err;
    }
    log(`Neo4j ${version}: ${jars.length} jars ready.`);
    return lib;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

function runMaven(outputDir: string, log: (line: string) => void): Promise<void> {
  const mvn = process.platform === 'win32' ? 'mvn.cmd' : 'mvn';
  return new Promise<void>((resolve, reject) => {
    const child = spawn(mvn, ['-B', '-f', pomFile, 'dependency:copy-dependencies', `-DoutputDirectory=${outputDir}`], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let downloaded = 0;
    let tail = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      tail = (tail + chunk).slice(-4000);
      for (const line of chunk.split('\n')) {
        if (line.includes('Downloaded from')) {
          downloaded += 1;
          if (downloaded % 25 === 0) log(`  ...${downloaded} artifacts downloaded`);
        }
      }
    });
    child.stderr.resume();
    child.on('error', () =>
      reject(
        new LocalNeo4jError(
          'Maven (mvn) is needed once to fetch the Neo4j jars from Maven Central: install Maven 3 (for example `apt-get install maven`) or set NEO4J_URI to use an existing Neo4j server.',
        ),
      ),
    );
    child.on('exit', (code) => {
      if (code === 0) resolve();
      else
        reject(
          new LocalNeo4jError(
            `Maven could not fetch the Neo4j jars (exit ${code}); check access to Maven Central and run again. Last output:\n${tail.trim().split('\n').slice(-8).join('\n')}`,
          ),
        );
    });
  });
}

function writeConf(home: string, opts: LocalNeo4jOptions): void {
  const dir = (name: string) => path.join(home, name).replaceAll('\\', '/');
  const conf = [
    '# Generated by Pathway Atlas for the local default database; changes are overwritten at start.',
    'server.default_listen_address=127.0.0.1',
    'server.default_advertised_address=127.0.0.1',
    `server.bolt.listen_address=127.0.0.1:${opts.boltPort}`,
    `server.bolt.advertised_address=127.0.0.1:${opts.boltPort}`,
    'server.http.enabled=false',
    'server.https.enabled=false',
    `server.memory.heap.initial_size=${opts.heap}`,
    `server.memory.heap.max_size=${opts.heap}`,
    `server.memory.pagecache.size=${opts.pageCache}`,
    'dbms.memory.transaction.total.max=256m',
    'dbms.security.auth_enabled=true',
    'dbms.security.allow_csv_import_from_file_urls=false',
    'dbms.security.procedures.unrestricted=',
    'dbms.usage_report.enabled=false',
    'db.transaction.timeout=60s',
    'db.tx_log.rotation.retention_policy=256M size',
    'server.jvm.additional=-XX:+ExitOnOutOfMemoryError',
    `server.directories.data=${dir('data')}`,
    `server.directories.logs=${dir('logs')}`,
    `server.directories.plugins=${dir('plugins')}`,
    `server.directories.import=${dir('import')}`,
    `server.directories.run=${dir('run')}`,
    `server.directories.lib=${dir('unused-lib')}`,
    `server.directories.licenses=${dir('licenses')}`,
  ];
  const key = (line: string) => line.split('=', 1)[0]!.trim();
  for (const line of opts.extraConf ?? []) {
    const at = conf.findIndex((l) => !l.startsWith('#') && key(l) === key(line));
    if (at >= 0) conf[at] = line;
    else conf.push(line);
  }
  writeFileSync(path.join(home, 'conf', 'neo4j.conf'), `${conf.join('\n')}\n`);
}

/** Whether nothing listens on the loopback port now. */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** A loopback port that was free a moment ago (for a throw-away server or app). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export { processAlive } from '../platform/process.js';

/** Stops a server that an earlier, abruptly ended run of the same instance left behind. */
async function reapStale(pidFile: string, log: (line: string) => void): Promise<void> {
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  rmSync(pidFile, { force: true });
  if (!pid || !processAlive(pid)) return;
  let cmdline: string;
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return;
  }
  if (!cmdline.includes('CommunityEntryPoint')) return;
  log(`Stopping a local Neo4j (pid ${pid}) left over from an earlier run...`);
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 150 && processAlive(pid); i += 1) await sleep(200);
  if (processAlive(pid)) process.kill(pid, 'SIGKILL');
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function setInitialPassword(lib: string, home: string): string {
  const passwordFile = path.join(home, 'password');
  if (existsSync(passwordFile)) return readFileSync(passwordFile, 'utf8').trim();
  // Starts with a letter: a leading dash would be read by neo4j-admin as an option.
  const password = `p${randomBytes(18).toString('base64url')}`;
  const res = spawnSync(javaBinary(), ['-cp', path.join(lib, '*'), 'org.neo4j.cli.AdminTool', 'dbms', 'set-initial-password', password], {
    env: { ...process.env, NEO4J_HOME: home, NEO4J_CONF: path.join(home, 'conf') },
    encoding: 'utf8',
  });
  if (res.status !== 0) {
    throw new LocalNeo4jError(
      `Could not set the local Neo4j password (neo4j-admin exited ${res.status}): ${(res.stderr || res.stdout).trim().split('\n')[0]}`,
    );
  }
  writeFileSync(passwordFile, password, { mode: 0o600 });
  return password;
}

function lastLogLines(home: string, n = 12): string {
  const file = path.join(home, 'logs', 'neo4j.log');
  if (!existsSync(file)) return '';
  return readFileSync(file, 'utf8').trim().split('\n').slice(-n).join('\n');
}

async function waitForBolt(uri: string, password: string, child: ChildProcess, home: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited: number | null | undefined;
  child.once('exit', (code) => {
    exited = code;
  });
  while (Date.now() < deadline) {
    if (exited !== undefined) {
      throw new LocalNeo4jError(
        `The local Neo4j stopped during start-up (exit ${exited}); see ${path.join(home, 'logs')}:\n${lastLogLines(home)}`,
      );
    }
    const driver = neo4j.driver(uri, neo4j.auth.basic('neo4j', password), { connectionTimeout: 2000 });
    try {
      await driver.executeQuery('RETURN 1', {}, { database: 'neo4j' });
      return;
    } catch {
      await sleep(300);
    } finally {
      await driver.close();
    }
  }
  throw new LocalNeo4jError(
    `The local Neo4j did not answer on ${uri} within ${Math.round(timeoutMs / 1000)} s; see ${path.join(home, 'logs')}.`,
  );
}

/** Starts the local Neo4j Community server and resolves once it answers over Bolt. */
export async function startLocalNeo4j(opts: LocalNeo4jOptions): Promise<LocalNeo4jHandle> {
  const log = opts.log ?? (() => {});
  checkJava();
  const baseDir = path.resolve(projectRoot, opts.baseDir);
  const lib = await ensureJars(baseDir, log);
  const home = path.join(baseDir, opts.instance);
  for (const sub of ['conf', 'data', 'logs', 'plugins', 'import', 'run']) mkdirSync(path.join(home, sub), { recursive: true });
  const pidFile = pidFileOf(home);
  await reapStale(pidFile, log);
  writeConf(home, opts);
  const password = setInitialPassword(lib, home);
  const uri = `bolt://127.0.0.1:${opts.boltPort}`;

  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let stopping: Promise<void> | undefined;
  // Last resort if the app exits without calling stop(): never leave the JVM behind.
  const killOnExit = () => {
    if (child?.pid !== undefined && child.exitCode === null && child.signalCode === null) process.kill(child.pid, 'SIGKILL');
  };
  const isRunning = () => child !== undefined && child.exitCode === null && child.signalCode === null;

  const launch = async () => {
    if (!(await portIsFree(opts.boltPort))) {
      throw new LocalNeo4jError(
        `Port ${opts.boltPort} is already taken, so the local Neo4j cannot listen there: stop what uses it, choose another port with NEO4J_LOCAL_BOLT_PORT, or set NEO4J_URI to use that server.`,
      );
    }
    log(`Starting the local Neo4j on ${uri} (data in ${home})...`);
    const proc = spawn(
      javaBinary(),
      [
        `-Xms${opts.heap}`,
        `-Xmx${opts.heap}`,
        ...JVM_FLAGS,
        '-cp',
        path.join(lib, '*'),
        'org.neo4j.server.CommunityEntryPoint',
        `--home-dir=${home}`,
        `--config-dir=${path.join(home, 'conf')}`,
      ],
      {
        env: { ...process.env, NEO4J_HOME: home, NEO4J_CONF: path.join(home, 'conf') },
        stdio: ['ignore', 'ignore', 'ignore'],
        // Its own process group: a Ctrl-C in the terminal reaches the app alone, which finishes its
        // requests and then stops the server, rather than the server stopping under them.
        detached: true,
      },
    );
    if (proc.pid === undefined) throw new LocalNeo4jError('The local Neo4j could not be started: Java did not launch.');
    child = proc;
    exited = new Promise<void>((r) => proc.once('exit', () => r()));
    writeFileSync(pidFile, String(proc.pid));
    process.removeListener('exit', killOnExit);
    process.once('exit', killOnExit);
    const started = Date.now();
    try {
      await waitForBolt(uri, password, proc, home, 120_000);
    } catch (err) {
      killOnExit();
      rmSync(pidFile, { force: true });
      throw err;
    }
    log(`Local Neo4j ready in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  };

  await launch();

  const handle: LocalNeo4jHandle = {
    uri,
    username: 'neo4j',
    password,
    home,
    get pid() {
      return child?.pid ?? 0;
    },
    get running() {
      return isRunning();
    },
    stop() {
      stopping ??= (async () => {
        if (isRunning()) {
          child!.kill('SIGTERM');
          const timer = setTimeout(() => killOnExit(), 30_000);
          await exited;
          clearTimeout(timer);
        }
        process.removeListener('exit', killOnExit);
        rmSync(pidFile, { force: true });
      })();
      return stopping;
    },
    async start() {
      if (stopping) await stopping;
      if (isRunning()) return;
      await launch();
      stopping = undefined;
    },
  };
  return handle;
}

/**
 * The instance's server when a process (an `npm start`) is running it: commands then talk to that
 * server instead of starting a second one on the same data, which would stop the first.
 */
export function runningLocalServer(baseDir: string, instance: string): { uri: string; username: string; password: string } | undefined {
  const home = path.join(path.resolve(projectRoot, baseDir), instance);
  const passwordFile = path.join(home, 'password');
  const confFile = path.join(home, 'conf', 'neo4j.conf');
  if (!existsSync(pidFileOf(home)) || !existsSync(passwordFile) || !existsSync(confFile)) return undefined;
  const pid = Number(readFileSync(pidFileOf(home), 'utf8').trim());
  if (!pid || !processAlive(pid)) return undefined;
  const port = /^server\.bolt\.listen_address=127\.0\.0\.1:(\d+)$/m.exec(readFileSync(confFile, 'utf8'))?.[1];
  if (!port) return undefined;
  return { uri: `bolt://127.0.0.1:${port}`, username: 'neo4j', password: readFileSync(passwordFile, 'utf8').trim() };
}
