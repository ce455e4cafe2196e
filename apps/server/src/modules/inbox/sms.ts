/**
 * SMS delivery of reminders: an interface for a provider (a county's SMS gateway), off by default. The reminders job
 * calls `send` only when `enabled` is true; the disabled sender keeps reminders in the in-app inbox only.
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
