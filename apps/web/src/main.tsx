import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { ApiError } from './app/api';
import { theme } from './app/theme';
import { router } from './app/router';
import { FeedbackBridge } from './app/feedback';
import { AuthProvider } from './app/auth';
import { warmStart } from './app/warmStart';
import './app/global.css';

dayjs.locale('zh-cn');

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      refetchOnWindowFocus: false,
      // Retry only what may pass on a second try (network trouble, 5xx), never 4xx.
      retry: (count, err) => count < 1 && (!(err instanceof ApiError) || err.status === 0 || err.status >= 500),
    },
  },
});

// The first render waits (a second at most) for the chunks warmStart loads: rendered before them, the page showed a
// spinner per lazy part, and React 19 holds each reveal up to 300 ms after its fallback (issue 10).
const chunks = warmStart(queryClient);
void Promise.race([chunks, new Promise((resolve) => setTimeout(resolve, 1000))]).then(render);

function render() {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <ConfigProvider locale={zhCN} theme={theme}>
        <AntApp>
          <FeedbackBridge />
          <QueryClientProvider client={queryClient}>
            <AuthProvider>
              <RouterProvider router={router} />
            </AuthProvider>
          </QueryClientProvider>
        </AntApp>
      </ConfigProvider>
    </StrictMode>,
  );
}
