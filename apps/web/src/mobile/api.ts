import type { MyWork, UploadInfo } from '@gg/shared';
import { ApiError, request } from '../app/api';
import { drafts, type Draft } from './drafts';

/** Every call is quiet: the phone pages show their own words for errors, never the desktop's pop-up messages. */
export const mget = <T>(url: string) => request<T>('GET', url, { quiet: true });
export const mpost = <T>(url: string, body: unknown = {}) => request<T>('POST', url, { body, quiet: true });

export const workKey = ['mobile', 'work'] as const;
export const fetchWork = () => mget<MyWork>('/api/me/work');

export const isOffline = (err: unknown) => err instanceof ApiError && err.status === 0;

export async function uploadPhoto(file: File): Promise<UploadInfo> {
  const form = new FormData();
  form.append('file', file);
  return request<UploadInfo>('POST', '/api/uploads', { body: form, quiet: true });
}

/** The request a draft becomes. */
export function sendDraft(d: Draft): Promise<unknown> {
  const f = d.fields;
  if (d.kind === 'visit') {
    return mpost(`/api/care-cases/mentees/${d.targetId}/visits`, {
      ...(d.sendId ? { clientId: d.sendId } : {}),
      visitedOn: f.date, mode: f.mode, content: f.content?.trim() ?? '', photoUploadIds: d.photoUploadIds,
      ...(f.nextContactDue ? { nextContactDue: f.nextContactDue } : {}),
    });
  }
  return mpost(`/api/me/lectures/${d.targetId}/held`, {
    date: f.date, hours: Number(f.hours || 2), audience: Number(f.audience || 0), photoUploadIds: d.photoUploadIds,
    ...(f.summary?.trim() ? { summary: f.summary.trim() } : {}),
  });
}

let sending: Promise<number> | null = null;

/**
 * Sends every queued draft of this user; returns how many went through. Stops quietly while offline. One run at a
 * time: the app's start and a returning connection ask together, and each draft must go out once.
 */
export function sendQueued(userId: string): Promise<number> {
  sending ??= sendEach(userId).finally(() => { sending = null; });
  return sending;
}

async function sendEach(userId: string): Promise<number> {
  let sent = 0;
  for (const d of await drafts.queuedFor(userId)) {
    try {
      await sendDraft(d);
      await drafts.remove(d.key);
      sent += 1;
    } catch (err) {
      if (isOffline(err)) break;
      // Refused by the server (e.g. the lecture was already recorded): keep it as an ordinary draft to fix by hand.
      await drafts.put({ ...d, queued: false });
    }
  }
  return sent;
}
