import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { fetchWork, workKey } from './api';
import { loadProblem } from './HomeScreen';
import { day, ErrorText, Screen } from './shell';

/** Step 1 of 3: pick the mentee (a visit) or the lecture (a lecture report). */
export function PickScreen({ kind }: { kind: 'visit' | 'lecture' }) {
  const work = useQuery({ queryKey: workKey, queryFn: fetchWork, staleTime: 30_000 });
  const w = work.data;
  const title = kind === 'visit' ? '记走访：选孩子' : '记宣讲：选哪一场';
  return (
    <Screen title={title}>
      <p>第1步（共3步）：{kind === 'visit' ? '这次走访或联系的是哪个孩子？' : '这次讲的是哪一场？'}</p>
      {work.isLoading && <p>正在打开…</p>}
      {work.error && <ErrorText>{loadProblem(work.error)}</ErrorText>}
      {w && kind === 'visit' && (
        w.mentees.length === 0 ? <p>现在没有结对的孩子。</p> : (
          <ul className="m-main" style={{ padding: 0, listStyle: 'none', margin: 0 }}>
            {w.mentees.map((m) => (
              <li key={m.mentorshipId}>
                <Link className="m-pick" to={`/m/visit/${m.mentorshipId}`}>
                  <strong>{m.name}</strong>
                  <span>下次联系：{day(m.nextContactDue)}{m.due ? '（已到时间）' : ''}</span>
                </Link>
              </li>
            ))}
          </ul>
        )
      )}
      {w && kind === 'lecture' && (() => {
        const ready = w.lectures.filter((l) => l.actions.includes('record'));
        const waiting = w.lectures.filter((l) => l.actions.includes('confirm'));
        return (
          <>
            {ready.length === 0 && <p>没有可以登记的宣讲。</p>}
            <ul className="m-main" style={{ padding: 0, listStyle: 'none', margin: 0 }}>
              {ready.map((l) => (
                <li key={l.id}>
                  <Link className="m-pick" to={`/m/lecture/${l.id}`}>
                    <strong>{l.topicTitle}</strong>
                    <span>{l.place}，{day(l.date)}</span>
                  </Link>
                </li>
              ))}
            </ul>
            {waiting.length > 0 && <p className="m-muted">还有 {waiting.length} 场宣讲没有确认参加，请先在“我的工作”里确认。</p>}
          </>
        );
      })()}
      <Link className="m-small-btn" to="/m">返回我的工作</Link>
    </Screen>
  );
}
