import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { errorFromResponse } from '../app/api';
import { fetchWork, workKey } from './api';
import { loadProblem } from './HomeScreen';
import { ErrorText, Screen } from './shell';

const starWords = ['还没有星级', '一星', '二星', '三星', '四星', '五星'];

/** 我的服务: hours this year and overall, stars, and the service certificate. No rankings. */
export function ServiceScreen() {
  const work = useQuery({ queryKey: workKey, queryFn: fetchWork, staleTime: 30_000 });
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const s = work.data?.service;

  async function certificate() {
    setBusy(true);
    setNote(null);
    try {
      const res = await fetch('/api/me/certificate', { credentials: 'same-origin' });
      if (!res.ok) throw await errorFromResponse(res);
      const href = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = href;
      a.download = '志愿服务记录证明.docx';
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(href), 10_000);
      setNote({ ok: true, text: '证明已下载到手机，可以在“文件”里找到。' });
    } catch (err) {
      setNote({ ok: false, text: `没有下载成功：${loadProblem(err)}` });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Screen title="我的服务">
      {work.isLoading && <p>正在打开…</p>}
      {work.error && <ErrorText>{loadProblem(work.error)}</ErrorText>}
      {s && (
        <>
          <div className="m-stats">
            <p className="m-stat">{s.year}年服务<b>{s.yearHours} 小时</b></p>
            <p className="m-stat">累计服务<b>{s.totalHours} 小时</b></p>
          </div>
          <p className="m-card">
            <span>星级：<strong>{starWords[s.stars] ?? `${s.stars}星`}</strong>{s.stars > 0 && <span aria-hidden="true"> {'★'.repeat(s.stars)}</span>}</span>
          </p>
          <p className="m-hint">每次记好的宣讲和走访会自动算进服务时长。</p>
          <button type="button" className="m-btn" disabled={busy} onClick={() => void certificate()}>{busy ? '正在下载…' : '下载服务证明'}</button>
          {note && (note.ok ? <p role="status" className="m-banner m-good">{note.text}</p> : <ErrorText>{note.text}</ErrorText>)}
        </>
      )}
    </Screen>
  );
}
