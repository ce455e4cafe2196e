import { Link, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { fetchWork, workKey } from './api';
import { Choices, Field, PhotoPicker } from './fields';
import { ErrorText, Screen, todayLocal } from './shell';
import { useDraft } from './useDraft';

const hourOptions = ['1', '1.5', '2', '3'].map((h) => ({ value: h, label: `${h} 小时` }));

/** Step 2 of 3: the lecture was held — when, how many listened, how long, a few words, photos. */
export function LectureForm() {
  const { id = '' } = useParams();
  const work = useQuery({ queryKey: workKey, queryFn: fetchWork, staleTime: 30_000 });
  const lecture = work.data?.lectures.find((l) => l.id === id);
  const name = lecture ? `${lecture.topicTitle}（${lecture.place}）` : '这场宣讲';
  const d = useDraft('lecture', id, { date: todayLocal(), audience: '', hours: '2', summary: '' });
  const f = d.fields;

  const check = (v: Record<string, string>) => ({
    date: !v.date ? '请选择日期' : v.date > todayLocal() ? '宣讲日期不能晚于今天' : '',
    audience: v.audience && !/^\d{1,6}$/.test(v.audience) ? '听众人数请填数字，比如 50' : '',
    summary: v.summary && v.summary.length > 2000 ? '情况最多写2000个字' : '',
  });

  return (
    <Screen title="记宣讲">
      <p className="m-card-title">{name}</p>
      <p>第2步（共3步）：说说这次宣讲，写好后点“保存”。</p>
      {d.restored && <p role="status" className="m-banner m-good">已找回上次没写完的内容。</p>}
      <form className="m-main" style={{ padding: 0 }} noValidate onSubmit={(e) => { e.preventDefault(); void d.submit(check, name); }}>
        <Field id="m-lecture-date" label="宣讲日期" error={d.errors.date}>
          {(a) => <input {...a} className="m-input" type="date" max={todayLocal()} value={f.date} onChange={(e) => d.set('date', e.target.value)} />}
        </Field>
        <Field id="m-lecture-audience" label="大约多少人听（可以不填）" error={d.errors.audience}>
          {(a) => <input {...a} className="m-input" inputMode="numeric" pattern="[0-9]*" value={f.audience} onChange={(e) => d.set('audience', e.target.value.trim())} />}
        </Field>
        <Choices label="讲了多长时间" value={f.hours} options={hourOptions} onChange={(v) => d.set('hours', v)} />
        <Field id="m-lecture-summary" label="讲了什么、效果怎样（可以不填）" error={d.errors.summary}>
          {(a) => <textarea {...a} className="m-input" value={f.summary} onChange={(e) => d.set('summary', e.target.value)} />}
        </Field>
        <PhotoPicker photos={d.photos} uploading={d.uploading} error={d.photoError} onFiles={(files) => void d.addPhotos(files)} />
        <ErrorText>{d.formError}</ErrorText>
        <button type="submit" className="m-btn" disabled={d.busy || d.uploading > 0}>{d.busy ? '正在保存…' : '保存'}</button>
      </form>
      <p className="m-hint">写到一半也不会丢，下次打开会接着写。</p>
      <Link className="m-small-btn" to="/m/lecture">返回上一步</Link>
    </Screen>
  );
}
