import { Button, Result, Typography } from 'antd';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { ApiError } from './api';

/** The generic error page: a plain Chinese message and, when the server gave one, the request id to report. */
export function ErrorPage() {
  const error = useRouteError();
  return <ErrorResult error={error} />;
}

export function ErrorResult({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const requestId = error instanceof ApiError ? error.requestId : null;
  const message = error instanceof ApiError ? error.message : isRouteErrorResponse(error) ? `${error.status} ${error.statusText}` : '页面出现了问题，请刷新后重试。';
  const chunkFailed = error instanceof Error && /dynamically imported module|Importing a module script failed/i.test(error.message);
  return (
    <Result
      status={error instanceof ApiError && error.status === 403 ? '403' : 'error'}
      title={chunkFailed ? '系统已更新，请刷新页面' : '出错了'}
      subTitle={
        <div>
          <div>{chunkFailed ? '页面文件已更新，刷新后即可继续使用。' : message}</div>
          {requestId && (
            <Typography.Text type="secondary" copyable={{ text: requestId }}>
              请求编号：{requestId}
            </Typography.Text>
          )}
        </div>
      }
      extra={[
        onRetry ? (
          <Button key="retry" type="primary" onClick={onRetry}>
            重试
          </Button>
        ) : (
          <Button key="reload" type="primary" onClick={() => window.location.reload()}>
            刷新页面
          </Button>
        ),
        <Button key="home" href="/">
          返回首页
        </Button>,
      ]}
    />
  );
}
