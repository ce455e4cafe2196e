import { useState } from 'react';
import { Button, type ButtonProps } from 'antd';
import { CloudDownloadOutlined } from '@ant-design/icons';
import { useApiPaths } from '../../app/apiPaths';
import { useStartTask } from './TaskCentre';

/**
 * 后台导出: starts a list's export as a background task with the list's current filters (the server checks the
 * export permission and freezes the caller's data scope); the task centre opens with its progress and download.
 * Shown only when the server offers the task route.
 */
export function ExportTaskButton({ url, query, children = '后台导出', ...rest }: { url: string; query: Record<string, unknown> } & Omit<ButtonProps, 'onClick' | 'loading'>) {
  const paths = useApiPaths();
  const start = useStartTask();
  const [busy, setBusy] = useState(false);
  if (!paths.has(url)) return null;
  return (
    <Button
      icon={<CloudDownloadOutlined />}
      {...rest}
      loading={busy}
      onClick={async () => {
        setBusy(true);
        try {
          await start(url, query);
        } finally {
          setBusy(false);
        }
      }}
    >
      {children}
    </Button>
  );
}
