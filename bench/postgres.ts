import { spawn } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';

export interface BenchPostgres {
  /** The URL of this database, created when missing. */
  database(name: string, fresh?: boolean): Promise<string>;
  stop(): Promise<void>;
}

/** Start the benchmarks' persistent embedded PostgreSQL (bench/postgres.mjs) and wait until it accepts connections. */
export async function startPostgres(log: (m: string) => void): Promise<BenchPostgres> {
  const child = spawn(process.execPath, [path.join(import.meta.dirname, 'postgres.mjs')], { stdio: ['pipe', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /READY (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`embedded PostgreSQL exited (${code})`)));
  });
  log(`PostgreSQL on port ${port}`);
  const admin = `postgres://postgres:postgres@127.0.0.1:${port}`;
  return {
    async database(name, fresh = false) {
      const client = new pg.Client({ connectionString: `${admin}/postgres` });
      await client.connect();
      if (fresh) await client.query(`DROP DATABASE IF EXISTS ${name}`);
      const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (!exists.rowCount) await client.query(`CREATE DATABASE ${name} ENCODING 'UTF8' TEMPLATE template0`);
      await client.end();
      return `${admin}/${name}`;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.stdin.end();
        child.kill('SIGTERM');
      }),
  };
}
