/**
 * Drafts of a lecture report or a visit, kept on the phone in IndexedDB so a lost connection (or a closed page)
 * loses nothing, and sent when the connection returns.
 *
 * What is stored: only what the volunteer typed (date, mode, text, numbers), the ids of photos already
 * uploaded, and the id of the lecture or mentorship — never names, phone numbers or other personal fields
 * (security.md A7 keeps personal data out of localStorage; IndexedDB here holds just the draft text).
 * Drafts are per signed-in user and are deleted as soon as the server accepts them.
 */
export type DraftKind = 'visit' | 'lecture';

export interface Draft {
  /** `${userId}:${kind}:${targetId}` */
  key: string;
  userId: string;
  kind: DraftKind;
  targetId: string;
  fields: Record<string, string>;
  photoUploadIds: string[];
  /** Submitted by the volunteer but not yet accepted by the server (no connection at the time). */
  queued: boolean;
  /**
   * Given when the volunteer presses 保存 and sent with every try: the server records a visit once however many
   * times it arrives (an answer lost on the way, the connection returning while a send is under way).
   */
  sendId?: string;
  savedAt: string;
}

const DB = 'gg-mobile';
const STORE = 'drafts';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => {
      if (!req.result.objectStoreNames.contains(STORE)) req.result.createObjectStore(STORE, { keyPath: 'key' });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const req = work(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

export const draftKey = (userId: string, kind: DraftKind, targetId: string) => `${userId}:${kind}:${targetId}`;

/** A random (version 4) UUID; `crypto.randomUUID` exists only on HTTPS pages, and counties serve the app over plain HTTP too. */
export function newSendId(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export const drafts = {
  get: (key: string) => run<Draft | undefined>('readonly', (s) => s.get(key) as IDBRequest<Draft | undefined>),
  put: (d: Draft) => run('readwrite', (s) => s.put(d)).then(() => undefined),
  remove: (key: string) => run('readwrite', (s) => s.delete(key)).then(() => undefined),
  async queuedFor(userId: string): Promise<Draft[]> {
    const all = await run<Draft[]>('readonly', (s) => s.getAll() as IDBRequest<Draft[]>);
    return all.filter((d) => d.userId === userId && d.queued);
  },
};
