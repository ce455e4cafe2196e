// Print vitest's JSON result as the plain closing line CI reads: "N passed, M failed".
import fs from 'node:fs';

const file = process.argv[2] ?? '.vitest-results.json';
if (!fs.existsSync(file)) {
  console.log('vitest did not run (type-check or build failed before it)');
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const r = JSON.parse(fs.readFileSync(file, 'utf8'));
const failedSuites = (r.testResults ?? []).filter((t) => t.status === 'failed' && (t.assertionResults ?? []).length === 0).length;
const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
const failed = r.numFailedTests + failedSuites;
console.log(`${r.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || r.numPassedTests === 0 ? 1 : 0);
