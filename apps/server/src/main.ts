import cluster from 'node:cluster';
import { ConfigError, loadConfig, type Config } from './platform/config.js';
import type { Platform } from './platform/context.js';
import { holdHeapGrowth } from './platform/memory.js';
import { createServer, prepareDatabase } from './server.js';
import { seedDemoIfEmpty } from './demo/seed.js';

// V8's heap growth held to a fifth, and given room while an import runs (platform/memory.ts).
holdHeapGrowth();

const dbLog = (m: string) => console.log(`[db] ${m}`);

/** Once per start, before any request: the first administrator's password is shown, the demo county seeded. */
async function announceAndSeed(config: Config, platform: Platform, boot: { adminCreated: boolean; adminPassword?: string }) {
  if (boot.adminCreated) {
    console.log('\n================ 首个管理员 ================');
    console.log('  用户名：admin');
    console.log(boot.adminPassword ? `  初始密码：${boot.adminPassword}（仅显示这一次，首次登录须修改）` : '  初始密码：GG_ADMIN_PASSWORD 中的值（首次登录须修改）');
    console.log('===========================================\n');
  }
  if (config.demo) await seedDemoIfEmpty(platform, { log: (m) => console.log(m) });
}

const startedLine = (config: Config, dialect: string, instances: number) =>
  `关工通已启动：http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}  （数据库：${dialect}${instances > 1 ? `，${instances} 个服务进程` : ''}）`;

const shuttingDownLine = (signal: string) => `收到 ${signal}，正在关闭：处理中的请求完成后退出`;

/** One server process: the whole server, or one of GG_INSTANCES workers sharing the port. */
async function serve(config: Config) {
  const worker = cluster.isWorker;
  const { app, platform, boot } = await createServer(config, { log: worker ? () => undefined : dbLog });
  if (!worker) await announceAndSeed(config, platform, boot);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    if (!worker) console.log(shuttingDownLine(signal));
    platform.jobs.stop();
    app.draining = true;
    // A connection still busy after the grace period (a request not yet finished, a client that stopped reading a
    // response) would hold app.close() until the socket's own timeouts, minutes away: it is closed. The database
    // still closes cleanly; only a close that hangs past that ends the process with code 1.
    const grace = setTimeout(() => {
      console.error(`关闭服务：${config.shutdownGraceSeconds} 秒后仍有连接未结束，已强制断开`);
      app.server.closeAllConnections();
    }, config.shutdownGraceSeconds * 1000);
    grace.unref();
    const deadline = setTimeout(() => {
      console.error('关闭服务超时，强制退出');
      process.exit(1);
    }, (config.shutdownGraceSeconds + 10) * 1000);
    deadline.unref();
    await app.close();
    clearTimeout(grace);
    await platform.handle.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  if (config.jobTickSeconds > 0) platform.jobs.start(config.jobTickSeconds * 1000);
  if (!worker) console.log(startedLine(config, platform.handle.dialect, 1));
}

/**
 * GG_INSTANCES > 1: this process prepares the database once (migrations, first administrator, demo county), then
 * starts that many workers that share the port (node:cluster hands out connections in turn). Workers hold no state
 * of their own — sessions, settings and job leases live in the database — so any worker answers any request, as
 * separate instances behind a proxy do. A worker that dies is started again.
 */
async function supervise(config: Config) {
  const { platform, boot } = await prepareDatabase(config, { log: dbLog });
  await announceAndSeed(config, platform, boot);
  const dialect = platform.handle.dialect;
  await platform.handle.close();

  let closing = false;
  let listening = 0;
  const fork = () => cluster.fork().on('listening', () => {
    if (++listening === config.instances) console.log(startedLine(config, dialect, config.instances));
  });
  cluster.on('exit', (w, code, signal) => {
    if (closing) {
      if (!Object.keys(cluster.workers ?? {}).length) process.exit(0);
      return;
    }
    console.error(`服务进程 ${w.process.pid} 已退出（${signal ?? code}），正在重新启动`);
    setTimeout(fork, 1000).unref();
  });
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    console.log(shuttingDownLine(signal));
    // Each worker drains within its grace period and closes its database; the supervisor waits a little longer.
    setTimeout(() => process.exit(1), (config.shutdownGraceSeconds + 15) * 1000).unref();
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill(signal);
    if (!Object.keys(cluster.workers ?? {}).length) process.exit(0);
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  for (let i = 0; i < config.instances; i++) fork();
}

async function main() {
  const config = loadConfig();
  if (config.instances > 1 && cluster.isPrimary) await supervise(config);
  else await serve(config);
}

main().catch((err) => {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(2);
  }
  console.error(err);
  process.exit(1);
});
