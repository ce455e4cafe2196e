import { Link, Navigate, useLocation } from 'react-router';
import { day, Screen } from './shell';
import type { DoneState } from './useDraft';

/** Step 3 of 3: a clear confirmation, in words. */
export function DoneScreen() {
  const state = useLocation().state as DoneState | null;
  if (!state) return <Navigate to="/m" replace />;
  const what = state.kind === 'visit' ? '走访' : '宣讲';
  return (
    <Screen title={state.offline ? '已保存在手机上' : '已记好了'}>
      <section className="m-card m-done" aria-live="polite">
        <p className="m-tick" aria-hidden="true">{state.offline ? '⏳' : '✓'}</p>
        {state.offline ? (
          <>
            <p className="m-card-title">现在没有网络，这次{what}已保存在手机上。</p>
            <p>连上网络后会自动发出，不用再填一遍。</p>
          </>
        ) : (
          <>
            <p className="m-card-title">{what}记录已保存成功。</p>
            <p>{state.name}，{day(state.date)}{state.photos ? `，${state.photos} 张照片` : ''}。</p>
            <p>服务时长会自动记上。谢谢您！</p>
          </>
        )}
      </section>
      <Link className="m-btn" to="/m">回到我的工作</Link>
    </Screen>
  );
}
