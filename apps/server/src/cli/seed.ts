/**
 * `npm run seed`: fill an empty database with the demo county.
 * Exit codes: 0 done (or the demo county is already there), 1 refused or failed, 2 wrong usage or configuration.
 */
import { ConfigError, loadConfig } from '../platform/config.js';
import { createPlatform, type Platform } from '../platform/context.js';
import { bootstrap } from '../platform/bootstrap.js';
import { DEFAULT_DEMO_SEED, demoDatabaseState, seedDemoIfEmpty } from '../demo/seed.js';
import { DEMO_COUNTY_NAME } from '../demo/names.js';

const USAGE = `用法：npm run seed -- [选项]

在空数据库中生成演示县“${DEMO_COUNTY_NAME}”：15 个乡镇（街道）、约 200 个村（社区）、约 60 所学校、
约 20 家企业、18 个成员单位，以及每个角色一个演示账号（密码相同，启动时会列出）。
数据由固定种子的伪随机数生成，同一种子每次生成的数据完全相同。

数据库与服务器相同：设置了 DATABASE_URL（postgres://…）时用 PostgreSQL，
否则用 DATA_DIR 目录下的 SQLite 文件（经 npm run 运行时默认是项目根目录的 ./data）。

选项：
  --seed N     伪随机数种子（非负整数，默认 ${DEFAULT_DEMO_SEED}）；换一个种子得到另一个县
  --scale N    村（社区）和村小的数量乘以 N（大于 0，最大 100，默认 1），用于性能测试
  --force      除 admin 外已有其他账号（例如改过设置、建过账号）时也生成；
               但只要已有下级组织或成员单位就仍然拒绝：演示数据绝不与真实数据混在一起，
               也不会删除任何数据。要重新生成，请换一个空的 DATA_DIR 或空数据库。
  -h, --help   显示本说明

退出码：0 已生成（或演示数据已存在）；1 数据库不为空被拒绝，或生成失败；2 参数或配置有误。
注意：演示模式会关闭管理员动态验证码要求，切勿在生产数据库上运行。`;

class UsageError extends Error {}

interface Args {
  help: boolean;
  force: boolean;
  seed: number;
  scale: number;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { help: false, force: false, seed: DEFAULT_DEMO_SEED, scale: 1 };
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i];
    const [flag, inline] = raw.startsWith('--') && raw.includes('=') ? [raw.slice(0, raw.indexOf('=')), raw.slice(raw.indexOf('=') + 1)] : [raw, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new UsageError(`${flag} 后面需要一个数字`);
      return v;
    };
    switch (flag) {
      case '-h':
      case '--help':
        args.help = true;
        break;
      case '--force':
        args.force = true;
        break;
      case '--seed': {
        const v = value();
        if (!/^\d+$/.test(v) || Number(v) > 0xffffffff) throw new UsageError(`--seed 必须是 0 到 4294967295 之间的整数，收到“${v}”`);
        args.seed = Number(v);
        break;
      }
      case '--scale': {
        const v = value();
        const n = Number(v);
        if (!/^\d+(\.\d+)?$/.test(v) || !(n > 0) || n > 100) throw new UsageError(`--scale 必须是大于 0、不超过 100 的数，收到“${v}”`);
        args.scale = n;
        break;
      }
      default:
        throw new UsageError(`不认识的参数：${raw}`);
    }
  }
  return args;
}

async function run(argv: string[]): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`${err.message}\n运行 npm run seed -- --help 查看用法。`);
      return 2;
    }
    throw err;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }

  let platform: Platform;
  try {
    const config = loadConfig();
    platform = await createPlatform(config, { log: (m) => console.log(`[db] ${m}`) });
    console.log(`数据库：${config.database.kind === 'postgres' ? 'PostgreSQL（DATABASE_URL）' : `SQLite ${config.database.file}`}`);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      return 2;
    }
    throw err;
  }

  try {
    const boot = await bootstrap(platform);
    if (boot.adminCreated) {
      console.log('\n================ 首个管理员 ================');
      console.log('  用户名：admin');
      console.log(boot.adminPassword ? `  初始密码：${boot.adminPassword}（仅显示这一次，首次登录须修改）` : '  初始密码：GG_ADMIN_PASSWORD 中的值（首次登录须修改）');
      console.log('===========================================\n');
    }
    const state = await demoDatabaseState(platform);
    if (state.status === 'accountsOnly' && !args.force) {
      console.error(`数据库中除 admin 外已有 ${state.otherUsers} 个账号，但还没有组织和成员单位数据。`);
      console.error('确认这是一个可以放演示数据的库（不是生产库）后，加 --force 重新运行：npm run seed -- --force');
      return 1;
    }
    if (state.status === 'hasData') {
      console.error(`数据库不为空，拒绝生成演示数据：${state.reasons.join('；')}。`);
      console.error('演示数据只写入刚初始化的空数据库，不会与已有数据混在一起，也不会删除任何数据（--force 也一样）。');
      console.error('请设置一个新的 DATA_DIR（SQLite）或指向空库的 DATABASE_URL（PostgreSQL）后重试。');
      return 1;
    }
    const result = await seedDemoIfEmpty(platform, { log: (m) => console.log(m), force: args.force, seed: args.seed, scale: args.scale });
    if (result.status === 'refused') return 1;
    return 0;
  } catch (err) {
    console.error('生成演示数据失败：', err instanceof Error ? err.message : err);
    return 1;
  } finally {
    await platform.handle.close();
  }
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
