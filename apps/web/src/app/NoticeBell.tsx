import { useNavigate } from 'react-router';
import { Badge, Button, Dropdown, Tooltip } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { Notice } from '@gg/shared';
import { api, type Page } from './api';
import { useAuth } from './auth';
import { useApiPaths } from './apiPaths';

/** The notices bell: unread count from GET /api/notices, the latest unread in a drop-down. */
export function NoticeBell() {
  const { can } = useAuth();
  const paths = useApiPaths();
  const navigate = useNavigate();
  const enabled = can('notice:read') && paths.has('/api/notices');
  const q = useQuery({
    queryKey: ['notices', 'bell'],
    queryFn: () => api.get<Page<Notice> & { unreadCount: number }>('/api/notices', { unread: 'true', pageSize: 5, sort: '-publishedAt' }),
    enabled,
    refetchInterval: 120_000,
  });
  if (!enabled) return null;
  const count = q.data?.unreadCount ?? 0;
  const items = [
    ...(q.data?.items ?? []).map((n) => ({ key: n.id, label: <span style={{ display: 'inline-block', maxWidth: 320, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{n.title}</span> })),
    ...(q.data?.items.length ? [{ type: 'divider' as const }] : []),
    { key: '__all', label: count ? '查看全部通知' : '暂无未读通知，查看全部' },
  ];
  return (
    <Dropdown menu={{ items, onClick: ({ key }) => navigate(key === '__all' ? '/notices' : `/notices?open=${key}`) }} placement="bottomRight">
      <Tooltip title="通知公告" placement="left">
        <Badge count={count} size="small" offset={[-4, 4]}>
          <Button type="text" aria-label={`通知公告，未读 ${count} 条`} icon={<BellOutlined style={{ fontSize: 18 }} />} />
        </Badge>
      </Tooltip>
    </Dropdown>
  );
}
