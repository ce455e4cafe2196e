import { inboxSettings, type InboxSettings } from '@gg/shared';
import type { Executor } from '../../platform/db/database.js';

/**
 * SMS delivery of reminders: an interface for a provider (a county's SMS gateway), off by default. The reminders job
 * calls `send` only when the 待办提醒 setting enables SMS; the sender is chosen by name from those registered here.
 * A real gateway registers itself with `registerSmsSender` at start (it looks the user's phone up and decrypts it);
 * the built-in `log` sender only records what would have been sent (tests, trials).
 */
export interface SmsSender {
  readonly enabled: boolean;
  /** Send one short text to the user's phone (the implementation looks the number up and decrypts it). */
  send(userId: string, text: string): Promise<void>;
}

export const smsOff: SmsSender = {
  enabled: false,
  async send() {
    /* SMS is off: nothing leaves the platform. */
  },
};

/** Records what it would send (newest last, at most 200), and sends nothing. */
export const logSms: SmsSender & { sent: { userId: string; text: string; at: string }[] } = {
  enabled: true,
  sent: [],
  async send(userId, text) {
    this.sent.push({ userId, text, at: new Date().toISOString() });
    if (this.sent.length > 200) this.sent.splice(0, this.sent.length - 200);
  },
};

const senders = new Map<string, SmsSender>([['log', logSms]]);

/** Make a sender choosable in the setting (e.g. a county gateway, registered at start). */
export function registerSmsSender(name: string, sender: SmsSender) {
  senders.set(name, sender);
}

export const SETTINGS_KEY = 'inbox';
export const inboxSettingsDefaults: InboxSettings = { smsEnabled: false, smsSender: 'log' };

export async function loadInboxSettings(db: Executor): Promise<InboxSettings> {
  const row = await db.selectFrom('setting').select('value').where('key', '=', SETTINGS_KEY).executeTakeFirst();
  if (!row) return inboxSettingsDefaults;
  const parsed = inboxSettings.safeParse({ ...inboxSettingsDefaults, ...JSON.parse(row.value) });
  return parsed.success ? parsed.data : inboxSettingsDefaults;
}

/** The sender the setting names, or off (also when the named sender is not registered on this instance). */
export async function smsSenderFor(db: Executor): Promise<SmsSender> {
  const s = await loadInboxSettings(db);
  return s.smsEnabled ? (senders.get(s.smsSender) ?? smsOff) : smsOff;
}

export const smsSenderNames = () => [...senders.keys()];
