import { App } from 'antd';
import { ApiError } from './api';

/** antd's message and modal from the App context, reachable from non-component code (the api client). */
type AppApi = ReturnType<typeof App.useApp>;
export const feedback: { message?: AppApi['message']; modal?: AppApi['modal'] } = {};

export function FeedbackBridge() {
  const app = App.useApp();
  feedback.message = app.message;
  feedback.modal = app.modal;
  return null;
}

/** Shows an error to the user: the server's Chinese message, with the request id when there is one. */
export function showError(err: unknown) {
  if (err instanceof ApiError) {
    const suffix = err.requestId && err.status >= 500 ? `（请求编号：${err.requestId}）` : '';
    feedback.message?.error(`${err.message}${suffix}`, err.status >= 500 ? 8 : 4);
  } else {
    feedback.message?.error(err instanceof Error ? err.message : '操作失败，请稍后重试');
  }
}

export function showSuccess(text: string) {
  feedback.message?.success(text);
}
