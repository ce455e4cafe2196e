import { useCallback, useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../app/api';
import { useAuth } from '../app/auth';
import { isOffline, sendDraft, uploadPhoto, workKey } from './api';
import { draftKey, drafts, newSendId, type Draft, type DraftKind } from './drafts';

export interface DoneState {
  kind: DraftKind;
  name: string;
  date: string;
  photos: number;
  offline: boolean;
}

export interface Photo {
  id: string;
  preview: string | null;
}

/**
 * A form whose typed text is kept as a draft in IndexedDB while the volunteer types, sent on "保存",
 * and kept (queued) when there is no connection, to go out when it returns.
 */
export function useDraft(kind: DraftKind, targetId: string, defaults: Record<string, string>) {
  const { me } = useAuth();
  const userId = me?.id ?? '';
  const key = draftKey(userId, kind, targetId);
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [fields, setFields] = useState<Record<string, string>>(defaults);
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [restored, setRestored] = useState(false);
  const [uploading, setUploading] = useState(0);
  const [photoError, setPhotoError] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const loaded = useRef(false);
  /** Only what the volunteer changed is kept; merely opening a form stores nothing. */
  const dirty = useRef(false);

  useEffect(() => {
    let live = true;
    drafts.get(key).then((d) => {
      if (!live) return;
      if (d) {
        setFields({ ...defaults, ...d.fields });
        setPhotos(d.photoUploadIds.map((id) => ({ id, preview: null })));
        setRestored(true);
      }
      loaded.current = true;
    }).catch(() => { loaded.current = true; });
    return () => { live = false; };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  const draftOf = useCallback((f: Record<string, string>, p: Photo[], queued: boolean): Draft => ({
    key, userId, kind, targetId, fields: f, photoUploadIds: p.map((x) => x.id), queued, savedAt: new Date().toISOString(),
  }), [key, userId, kind, targetId]);

  // Keep what was typed, half a second after the last key.
  useEffect(() => {
    if (!loaded.current || !dirty.current) return;
    const t = setTimeout(() => { void drafts.put(draftOf(fields, photos, false)).catch(() => {}); }, 500);
    return () => clearTimeout(t);
  }, [fields, photos, draftOf]);

  const set = useCallback((name: string, value: string) => {
    dirty.current = true;
    setFields((f) => ({ ...f, [name]: value }));
    setErrors((e) => {
      const next = e[name] ? { ...e, [name]: '' } : e;
      if (!Object.values(next).some(Boolean)) setFormError(null);
      return next;
    });
  }, []);

  const addPhotos = useCallback(async (files: FileList | null) => {
    if (!files?.length) return;
    setPhotoError(null);
    for (const file of Array.from(files)) {
      setUploading((n) => n + 1);
      try {
        const info = await uploadPhoto(file);
        dirty.current = true;
        setPhotos((p) => [...p, { id: info.id, preview: URL.createObjectURL(file) }]);
      } catch (err) {
        setPhotoError(isOffline(err) ? '没有网络，照片没有传上去。文字已经保存，有网络时再拍照添加。' : err instanceof ApiError ? `照片没有传上去：${err.message}` : '照片没有传上去，请再试一次');
      } finally {
        setUploading((n) => n - 1);
      }
    }
  }, []);

  const submit = useCallback(async (check: (f: Record<string, string>) => Record<string, string>, name: string) => {
    const found = Object.fromEntries(Object.entries(check(fields)).filter(([, v]) => v));
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length) {
      setFormError('还有内容需要修改，请看上面红字说明');
      return;
    }
    setBusy(true);
    const d = { ...draftOf(fields, photos, true), sendId: newSendId() };
    const done = (offline: boolean): DoneState => ({ kind, name, date: fields.date ?? '', photos: photos.length, offline });
    try {
      await drafts.put(d).catch(() => {});
      await sendDraft(d);
      await drafts.remove(key).catch(() => {});
      await qc.invalidateQueries({ queryKey: workKey });
      navigate('/m/done', { replace: true, state: done(false) });
    } catch (err) {
      if (isOffline(err)) {
        navigate('/m/done', { replace: true, state: done(true) });
        return;
      }
      await drafts.put({ ...d, queued: false }).catch(() => {});
      const api = err instanceof ApiError ? err : null;
      const byField: Record<string, string> = {};
      for (const x of api?.details ?? []) byField[x.path.split('.')[0]] = x.message;
      setErrors(byField);
      setFormError(api ? `没有保存成功：${api.message}` : '没有保存成功，请再试一次');
    } finally {
      setBusy(false);
    }
  }, [fields, photos, draftOf, key, kind, navigate, qc]);

  return { fields, set, photos, addPhotos, uploading, photoError, errors, formError, busy, submit, restored };
}
