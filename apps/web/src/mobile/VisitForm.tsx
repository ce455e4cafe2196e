import { Link, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { visitModeLabels, visitModes } from '@gg/shared';
import { fetchWork, workKey } from './api';
import { Choices, Field, PhotoPicker } from './fields';
import { ErrorText, Screen, todayLocal } from './shell';
import { useDraft } from './useDraft';

/** Step 2 of 3: what happened on the visit (today, 入户走访 by default), and photos. */
export function VisitForm() {
  const { id = '' } = useParams();
  const work = useQuery({ queryKey: workKey, queryFn: fetchWork, staleTime: 30_000 });
  const mentee = work.data?.mentees.find((m) => m.mentorshipId === id);
  const name = mentee?.name ?? '结对的孩子';
  const d = useDraft('visit', id, { date: todayLocal(), mode: 'home', content: '', nextContactDue: '' });
  const f = d.fields;

  const check = (v: Record<string, string>) => ({
    date: !v.date ? '请选择日期' : v.date > todayLocal() ? '走访日期不能晚于今天' : '',
    content: !v.content?.trim() ? '请写几句这次的情况' : v.content.length > 2000 ? '情况最多写2000个字' : '',
    nextContactDue: v.nextContactDue && v.nextContactDue < v.date ? '下次联系的日期不能早于这次' : '',
  });

  return (
    <Screen title={`记走访：${name}`}>
      <p>第2步（共3步）：说说这次的情况，写好后点“保存”。</p>
      {d.restored && <p role="status" className="m-banner m-good">已找回上次没写完的内容。</p>}
      <form className="m-main" style={{ padding: 0 }} noValidate onSubmit={(e) => { e.preventDefault(); void d.submit(check, name); }}>
        <Field id="m-visit-date" label="日期" error={d.errors.date}>
          {(a) => <input {...a} className="m-input" type="date" max={todayLocal()} value={f.date} onChange={(e) => d.set('date', e.target.value)} />}
        </Field>
        <Choices label="方式" value={f.mode} options={visitModes.map((m) => ({ value: m, label: visitModeLabels[m] }))} onChange={(v) => d.set('mode', v)} />
        <Field id="m-visit-content" label="情况" hint="比如：学习怎么样、身体和心情怎么样、有什么困难。" error={d.errors.content}>
          {(a) => <textarea {...a} className="m-input" value={f.content} onChange={(e) => d.set('content', e.target.value)} />}
        </Field>
        <Field id="m-visit-next" label="下次打算哪天联系（可以不填）" error={d.errors.nextContactDue}>
          {(a) => <input {...a} className="m-input" type="date" min={f.date} value={f.nextContactDue} onChange={(e) => d.set('nextContactDue', e.target.value)} />}
        </Field>
        <PhotoPicker photos={d.photos} uploading={d.uploading} error={d.photoError} onFiles={(files) => void d.addPhotos(files)} />
        <ErrorText>{d.formError}</ErrorText>
        <button type="submit" className="m-btn" disabled={d.busy || d.uploading > 0}>{d.busy ? '正在保存…' : '保存'}</button>
      </form>
      <p className="m-hint">写到一半也不会丢，下次打开会接着写。</p>
      <Link className="m-small-btn" to="/m/visit">返回上一步</Link>
    </Screen>
  );
}
