import type { ReactNode } from 'react';
import { ErrorText } from './shell';
import type { Photo } from './useDraft';

interface FieldProps {
  id: string;
  label: string;
  error?: string;
  hint?: string;
  children: (aria: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ReactNode;
}

/** A labelled field; its error is said in words under it (not colour alone). */
export function Field({ id, label, error, hint, children }: FieldProps) {
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="m-field">
      <label htmlFor={id}>{label}</label>
      {hint && <p id={`${id}-hint`} className="m-hint">{hint}</p>}
      {children({ id, 'aria-invalid': Boolean(error), 'aria-describedby': described })}
      <ErrorText id={`${id}-error`}>{error}</ErrorText>
    </div>
  );
}

/** Big one-tap choices (a group of toggle buttons), used instead of a drop-down. */
export function Choices({ label, value, options, onChange }: { label: string; value: string; options: { value: string; label: string }[]; onChange: (v: string) => void }) {
  return (
    <div className="m-field" role="group" aria-label={label}>
      <span className="m-label">{label}</span>
      <div className="m-choices">
        {options.map((o) => (
          <button key={o.value} type="button" className="m-choice" aria-pressed={value === o.value} onClick={() => onChange(o.value)}>
            {o.label}
          </button>
        ))}
      </div>
    </div>
  );
}

/** Photos from the camera (or the album); each one is uploaded as soon as it is taken. */
export function PhotoPicker({ photos, uploading, error, onFiles }: { photos: Photo[]; uploading: number; error: string | null; onFiles: (f: FileList | null) => void }) {
  return (
    <div className="m-field">
      <span className="m-label">照片（可以不拍）</span>
      <label className="m-btn m-secondary">
        <input className="m-photo-input" type="file" accept="image/*" capture="environment" multiple
          onChange={(e) => { onFiles(e.target.files); e.target.value = ''; }} />
        拍照片
      </label>
      {uploading > 0 && <p role="status">正在上传照片，请稍等…</p>}
      {photos.length > 0 && (
        <>
          <p role="status">已加 {photos.length} 张照片</p>
          <div className="m-photos">
            {photos.map((p, i) => (p.preview ? <img key={p.id} src={p.preview} alt={`第${i + 1}张照片`} /> : null))}
          </div>
        </>
      )}
      <ErrorText>{error}</ErrorText>
    </div>
  );
}
