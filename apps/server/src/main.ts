import { ConfigError, loadConfig } from './platform/config.js';
import { createServer } from './server.js';
import { seedDemoIfEmpty } from './demo/seed.js';

async function main() {
  const config = loadConfig();
  const { app, platform, boot } = await createServer(config, { log: (m) => console.log(`[db] ${m}`) });
  if (boot.adminCreated) {
    console.log('\n================ 首个管理员 ================');
    console.log('  用户名：admin');
    console.log(boot.adminPassword ? `  初始密码：${boot.adminPassword}（仅显示这一次，首次登录须修改）` : '  初始密码：GG_ADMIN_PASSWORD 中的值（首次登录须修改）');
    console.log('===========================================\n');
  }
  if (config.demo) await seedDemoIfEmpty(platform, { log: (m) => console.log(m) });

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'draining requests and shutting down');
    const timer = setTimeout(() => process.exit(1), 15_000);
    timer.unref();
    platform.jobs.stop();
    app.draining = true;
    await app.close();
    await platform.handle.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  if (config.jobTickSeconds > 0) platform.jobs.start(config.jobTickSeconds * 1000);
  console.log(`关工通已启动：http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}  （数据库：${platform.handle.dialect}）`);
}

main().catch((err) => {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(2);
  }
  console.error(err);
  process.exit(1);
});
