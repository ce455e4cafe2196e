import { useEffect, useState } from 'react';
import { Badge, Button, Drawer, Empty, List, Progress, Space, Tag, Tooltip, Typography } from 'antd';
import { CloudDownloadOutlined, DownloadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { BackgroundTask, BackgroundTaskList } from '@gg/shared';
import { backgroundTaskStatusLabels } from '@gg/shared/enums';
import { api, download } from '../../app/api';
import { useApiPaths } from '../../app/apiPaths';
import { showError } from '../../app/feedback';
import { fmtCount, fmtDateTime } from '../../app/format';

const OPEN_EVENT = 'gg:task-centre-open';
const listKey = ['background-tasks'];

/** Open the task centre (from anywhere: a button that started a task). */
export function openTaskCentre() {
  window.dispatchEvent(new Event(OPEN_EVENT));
}

/**
 * Start a background task (POST to its start route with the same filters as the export) and show it in the task
 * centre, where its progress bar runs and a download button appears when the file is ready.
 */
export function useStartTask() {
  const qc = useQueryClient();
  return async (url: string, body: Record<string, unknown> = {}) => {
    const clean = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined && v !== null && v !== ''));
    try {
      const task = await api.post<BackgroundTask>(url, clean);
      qc.setQueryData<BackgroundTaskList>(listKey, (old) => ({ items: [task, ...(old?.items ?? []).filter((t) => t.id !== task.id)], active: (old?.active ?? 0) + 1 }));
      await qc.invalidateQueries({ queryKey: listKey });
      openTaskCentre();
      return task;
    } catch (err) {
      showError(err);
      return undefined;
    }
  };
}

const statusColor: Record<BackgroundTask['status'], string> = { queued: 'default', running: 'processing', done: 'success', failed: 'error', expired: 'default' };

function TaskItem({ t }: { t: BackgroundTask }) {
  const [busy, setBusy] = useState(false);
  const status = t.status === 'failed' ? 'exception' : t.status === 'done' ? 'success' : t.status === 'running' || t.status === 'queued' ? 'active' : 'normal';
  return (
    <List.Item
      data-testid="task-item"
      actions={
        t.actions.includes('download')
          ? [
              <Button
                key="dl"
                type="primary"
                icon={<DownloadOutlined />}
                loading={busy}
                onClick={async () => {
                  setBusy(true);
                  try {
                    await download(`/api/background-tasks/${t.id}/download`, undefined, t.resultName ?? '文件');
                  } catch (err) {
                    showError(err);
                  } finally {
                    setBusy(false);
                  }
                }}
              >
                下载
              </Button>,
            ]
          : []
      }
    >
      <List.Item.Meta
        title={
          <Space wrap>
            <span>{t.label}</span>
            <Tag color={statusColor[t.status]}>{backgroundTaskStatusLabels[t.status]}</Tag>
          </Space>
        }
        description={
          <Space orientation="vertical" size={2} style={{ width: '100%' }}>
            <Progress percent={t.progress.percent} status={status} aria-label={`${t.label}进度`} />
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {t.status === 'failed' ? t.error : t.status === 'done' ? `${t.resultName ?? ''}${t.resultRows !== null ? `，${fmtCount(t.resultRows)} 行` : ''}；${fmtDateTime(t.expiresAt)} 前可下载` : t.status === 'expired' ? '文件已过期，请重新生成' : t.progress.note ?? '排队中'}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>发起于 {fmtDateTime(t.createdAt)}</Typography.Text>
          </Space>
        }
      />
    </List.Item>
  );
}

/** The header's 任务中心: my background tasks with progress bars and downloads. */
export function TaskCentre() {
  const paths = useApiPaths();
  const enabled = paths.has('/api/background-tasks');
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const on = () => setOpen(true);
    window.addEventListener(OPEN_EVENT, on);
    return () => window.removeEventListener(OPEN_EVENT, on);
  }, []);
  const q = useQuery({
    queryKey: listKey,
    queryFn: () => api.get<BackgroundTaskList>('/api/background-tasks'),
    enabled,
    // Poll quickly while something runs, slowly otherwise.
    refetchInterval: (query) => ((query.state.data?.active ?? 0) > 0 ? 1000 : open ? 5000 : 60_000),
  });
  if (!enabled) return null;
  const active = q.data?.active ?? 0;
  return (
    <>
      <Tooltip title="任务中心：后台导出和报表" placement="left">
        <Badge count={active} size="small" offset={[-4, 4]}>
          <Button type="text" aria-label={`任务中心，进行中 ${active} 个`} icon={<CloudDownloadOutlined style={{ fontSize: 18 }} />} onClick={() => setOpen(true)} />
        </Badge>
      </Tooltip>
      <Drawer open={open} onClose={() => setOpen(false)} title="任务中心" size={480} data-testid="task-centre">
        <Typography.Paragraph type="secondary">导出和报表在后台生成，完成后在这里下载；文件保留 24 小时，只有发起人可以下载。</Typography.Paragraph>
        {q.data && q.data.items.length === 0 ? <Empty description="暂无后台任务" /> : <List loading={q.isLoading} dataSource={q.data?.items ?? []} renderItem={(t) => <TaskItem key={t.id} t={t} />} />}
      </Drawer>
    </>
  );
}
