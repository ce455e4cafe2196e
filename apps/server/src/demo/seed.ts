import type { Platform } from '../platform/context.js';

/** Placeholder replaced by the demo county generator. */
export async function seedDemoIfEmpty(_platform: Platform, _opts: { log: (m: string) => void }) {}
