import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { MyLecture } from '@gg/shared';
import { ApiError } from '../app/api';
import { useAuth } from '../app/auth';
import { fetchWork, isOffline, mpost, sendQueued, workKey } from './api';
import { drafts } from './drafts';
import { day, ErrorText, Screen } from './shell';

export function loadProblem(err: unknown): string {
  if (isOffline(err)) return '现在没有网络，连上网络后会自动刷新。';
  if (err instanceof ApiError) return err.message;
  return '没有打开，请稍后再试。';
}

/** 我的工作: lecture assignments with dates, mentees with the next contact due, things due soon. */
export function HomeScreen() {
  const { me } = useAuth();
  const qc = useQueryClient();
  const work = useQuery({ queryKey: workKey, queryFn: fetchWork, staleTime: 30_000 });
  const [waiting, setWaiting] = useState(0);
  const [sendNote, setSendNote] = useState<string | null>(null);

  useEffect(() => {
    if (!me) return;
    drafts.queuedFor(me.id).then((d) => setWaiting(d.length)).catch(() => {});
  }, [me, work.dataUpdatedAt]);

  async function sendNow() {
    if (!me) return;
    const n = await sendQueued(me.id).catch(() => 0);
    const left = (await drafts.queuedFor(me.id).catch(() => [])).length;
    setWaiting(left);
    setSendNote(left ? '还没有网络，记录仍保存在手机上。' : `已发出 ${n} 条记录。`);
    if (n) void qc.invalidateQueries({ queryKey: workKey });
  }

  const w = work.data;
  return (
    <Screen title="我的工作">
      {waiting > 0 && (
        <div className="m-banner m-warn" role="status">
          <p>有 {waiting} 条记录还保存在手机上，连上网络后会自动发出。</p>
          <button type="button" className="m-small-btn" onClick={() => void sendNow()}>现在发出</button>
        </div>
      )}
      {sendNote && <p role="status">{sendNote}</p>}
      {w && <p>{w.volunteer.name}，您好！今天是{day(w.today)}。</p>}
      <div className="m-btn-row">
        <Link className="m-btn" to="/m/visit">记一次走访</Link>
        <Link className="m-btn" to="/m/lecture">记一次宣讲</Link>
      </div>
      {work.isLoading && <p>正在打开…</p>}
      {work.error && <ErrorText>{loadProblem(work.error)}</ErrorText>}
      {w && (
        <>
          <section aria-labelledby="m-due">
            <h2 id="m-due">近期要办</h2>
            {w.followUps.length === 0 ? <p className="m-muted">近一周没有要办的事。</p> : (
              <ul>
                {w.followUps.map((f, i) => (
                  <li key={`${f.mentorshipId}-${i}`}>{day(f.dueOn)}{f.dueOn <= w.today ? '（已到时间）' : ''}：{f.what}，{f.name}</li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="m-lectures" className="m-main" style={{ padding: 0 }}>
            <h2 id="m-lectures">宣讲安排</h2>
            {w.lectures.length === 0 && <p className="m-muted">现在没有宣讲安排。</p>}
            {w.lectures.map((l) => <LectureCard key={l.id} lecture={l} />)}
          </section>
          <section aria-labelledby="m-mentees" className="m-main" style={{ padding: 0 }}>
            <h2 id="m-mentees">结对帮扶的孩子</h2>
            {w.mentees.length === 0 && <p className="m-muted">现在没有结对对象。</p>}
            {w.mentees.map((m) => (
              <article key={m.mentorshipId} className="m-card" aria-label={m.name}>
                <p className="m-card-title">{m.name}</p>
                {m.schoolOrWork && <p>学校或单位：{m.schoolOrWork}</p>}
                <p>上次联系：{m.lastContactOn ? day(m.lastContactOn) : '还没有记录'}</p>
                <p>下次联系：{day(m.nextContactDue)}{m.due ? '（已到时间）' : ''}</p>
                {m.goals.filter((g) => !g.doneOn).length > 0 && (
                  <>
                    <p>帮扶计划：</p>
                    <ul>{m.goals.filter((g) => !g.doneOn).map((g, i) => <li key={i}>{g.goal}{g.dueOn ? `（${day(g.dueOn)}前）` : ''}</li>)}</ul>
                  </>
                )}
                <Link className="m-btn m-secondary" to={`/m/visit/${m.mentorshipId}`}>记录这次走访</Link>
              </article>
            ))}
          </section>
        </>
      )}
    </Screen>
  );
}

const statusWords: Record<string, string> = { assigned: '待您确认', confirmed: '已确认' };

function LectureCard({ lecture: l }: { lecture: MyLecture }) {
  const qc = useQueryClient();
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function confirm() {
    setBusy(true);
    setNote(null);
    try {
      await mpost(`/api/lecture-requests/${l.id}/confirm`);
      await qc.invalidateQueries({ queryKey: workKey });
    } catch (err) {
      setNote(loadProblem(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <article className="m-card" aria-label={l.topicTitle}>
      <p className="m-card-title">{l.topicTitle}</p>
      <p>地点：{l.place}</p>
      <p>日期：{day(l.date)}</p>
      <p>状态：{statusWords[l.status] ?? l.status}</p>
      {l.actions.includes('confirm') && (
        <button type="button" className="m-btn" disabled={busy} onClick={() => void confirm()}>{busy ? '正在确认…' : '确认参加'}</button>
      )}
      {l.actions.includes('record') && <Link className="m-btn m-secondary" to={`/m/lecture/${l.id}`}>登记这次宣讲</Link>}
      <ErrorText>{note}</ErrorText>
    </article>
  );
}
