import { Link } from 'react-router';
import { Badge, Button, Card, List, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InboxReply } from '@gg/shared';
import { inboxKindLabels, type InboxKind } from '@gg/shared/enums';
import { api } from '../../app/api';
import { fmtDate } from '../../app/format';

/** 我的待办: reminders the hourly job left for me (assigned lectures, overdue mentor contacts). Shown only when there are some. */
export default function InboxCard() {
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['inbox'], queryFn: () => api.get<InboxReply>('/api/inbox', { unread: 'true' }), staleTime: 60_000 });
  const done = () => qc.invalidateQueries({ queryKey: ['inbox'] });
  const read = useMutation({ mutationFn: (id: string) => api.post(`/api/inbox/${id}/read`), onSuccess: done });
  const readAll = useMutation({ mutationFn: () => api.post('/api/inbox/read-all'), onSuccess: done });
  if (!q.data || q.data.items.length === 0) return null;
  return (
    <Card
      title={<Badge count={q.data.unread} offset={[12, 0]}>我的待办</Badge>}
      extra={<Button onClick={() => readAll.mutate()} loading={readAll.isPending}>全部标为已读</Button>}
    >
      <List
        dataSource={q.data.items}
        renderItem={(item) => (
          <List.Item actions={[<Button key="read" type="link" onClick={() => read.mutate(item.id)}>已读</Button>]}>
            <List.Item.Meta
              title={
                <span style={{ fontSize: 16 }}>
                  <Tag color="red">{inboxKindLabels[item.kind as InboxKind] ?? '提醒'}</Tag>
                  {item.link ? <Link to={item.link} onClick={() => read.mutate(item.id)}>{item.title}</Link> : item.title}
                </span>
              }
              description={<Typography.Text type="secondary">{item.body}{item.dueOn ? `（${fmtDate(item.dueOn)}）` : ''}</Typography.Text>}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
