import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import type { Me, PendingAction } from '@gg/shared';
import { ApiError, request } from '../app/api';
import { forgetOthers, meKey, pendingPath } from '../app/auth';
import { ErrorText, Screen } from './shell';

/** Sign in with large fields; the same session cookie as the desktop (POST /api/auth/login). */
export function LoginScreen() {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<{ field?: 'username' | 'password'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!username.trim()) return setError({ field: 'username', text: '请填写用户名' });
    if (!password) return setError({ field: 'password', text: '请填写密码' });
    setBusy(true);
    setError(null);
    try {
      const reply = await request<{ user: Me; pending: PendingAction[] }>('POST', '/api/auth/login', { body: { username: username.trim(), password }, quiet: true });
      forgetOthers(qc);
      qc.setQueryData(meKey, reply.user);
      navigate(pendingPath(reply.pending) ?? '/m', { replace: true });
    } catch (err) {
      const text = err instanceof ApiError ? (err.status === 0 ? '没有连上网络，请检查网络后再试' : err.message) : '登录没有成功，请再试一次';
      setError({ text });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Screen title="关工通 · 志愿者登录" nav={false}>
      <p>请用工作人员给您的账号登录。</p>
      <form className="m-main" style={{ padding: 0 }} onSubmit={submit} noValidate>
        <div className="m-field">
          <label htmlFor="m-username">用户名</label>
          <input id="m-username" className="m-input" autoComplete="username" autoCapitalize="off" value={username}
            aria-invalid={error?.field === 'username'} aria-describedby={error?.field === 'username' ? 'm-login-error' : undefined}
            onChange={(e) => setUsername(e.target.value)} />
        </div>
        <div className="m-field">
          <label htmlFor="m-password">密码</label>
          <input id="m-password" className="m-input" type="password" autoComplete="current-password" value={password}
            aria-invalid={error?.field === 'password'} aria-describedby={error?.field === 'password' ? 'm-login-error' : undefined}
            onChange={(e) => setPassword(e.target.value)} />
        </div>
        <ErrorText id="m-login-error">{error?.text}</ErrorText>
        <button type="submit" className="m-btn" disabled={busy}>
          {busy ? '正在登录…' : '登录'}
        </button>
      </form>
      <p className="m-hint">忘记密码请联系所在乡镇关工委。</p>
    </Screen>
  );
}
