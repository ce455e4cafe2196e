import { useCallback, useEffect, useState } from 'react';
import { Navigate, Route, Routes, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { forgetOthers, pendingPath, useAuth } from '../app/auth';
import { sendQueued, workKey } from './api';
import { PrefsContext } from './shell';
import { LoginScreen } from './LoginScreen';
import { HomeScreen } from './HomeScreen';
import { PickScreen } from './PickScreen';
import { VisitForm } from './VisitForm';
import { LectureForm } from './LectureForm';
import { DoneScreen } from './DoneScreen';
import { ServiceScreen } from './ServiceScreen';
import './mobile.css';

/** The 大字 setting is a display preference only (no personal data), so it may live in localStorage. */
const LARGE_KEY = 'gg-m-large';

/** Phone pages for elder volunteers at /m/ (lazy chunk; no antd). */
export default function MobileApp() {
  const { me, loading, logout } = useAuth();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [large, setLarge] = useState(() => localStorage.getItem(LARGE_KEY) === '1');
  const toggleLarge = useCallback(() => {
    setLarge((v) => {
      localStorage.setItem(LARGE_KEY, v ? '0' : '1');
      return !v;
    });
  }, []);
  const doLogout = useCallback(() => {
    void logout().then(() => {
      forgetOthers(qc);
      navigate('/m/login', { replace: true });
    });
  }, [logout, qc, navigate]);

  // Drafts the volunteer sent while offline go out when the app opens and whenever the connection returns.
  const userId = me?.id;
  useEffect(() => {
    if (!userId) return;
    const flush = () => {
      void sendQueued(userId).then((n) => {
        if (n > 0) void qc.invalidateQueries({ queryKey: workKey });
      }).catch(() => {});
    };
    flush();
    window.addEventListener('online', flush);
    return () => window.removeEventListener('online', flush);
  }, [userId, qc]);

  let body;
  if (loading) body = <p className="m-main">正在打开…</p>;
  else
    body = (
      <Routes>
        <Route path="login" element={me ? <Navigate to="/m" replace /> : <LoginScreen />} />
        <Route path="*" element={me ? <Signed /> : <Navigate to="/m/login" replace />} />
      </Routes>
    );

  return (
    <PrefsContext.Provider value={{ large, toggleLarge, logout: doLogout }}>
      <div className={`m-root${large ? ' m-large' : ''}`}>{body}</div>
    </PrefsContext.Provider>
  );
}

function Signed() {
  const { me } = useAuth();
  const pending = me ? pendingPath(me.pending) : null;
  if (pending) return <Navigate to={pending} replace />;
  return (
    <Routes>
      <Route index element={<HomeScreen />} />
      <Route path="visit" element={<PickScreen kind="visit" />} />
      <Route path="visit/:id" element={<VisitForm />} />
      <Route path="lecture" element={<PickScreen kind="lecture" />} />
      <Route path="lecture/:id" element={<LectureForm />} />
      <Route path="done" element={<DoneScreen />} />
      <Route path="service" element={<ServiceScreen />} />
      <Route path="*" element={<Navigate to="/m" replace />} />
    </Routes>
  );
}
