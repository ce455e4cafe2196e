import type { Platform } from '../apps/server/src/platform/context.js';
import { rebuildSummaries as rebuildAll } from '../apps/server/src/demo/summaries.js';

/** After the bulk load: every summary table rebuilt from its base rows (the same as after the demo county). */
export async function rebuildSummaries(platform: Platform): Promise<void> {
  await rebuildAll(platform.db);
}
