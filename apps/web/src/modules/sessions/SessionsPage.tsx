import { Input, Tag, Tooltip, type TableProps } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import type { OnlineSession } from '@gg/shared';
import { api } from '../../app/api';
import { showSuccess } from '../../app/feedback';
import { dash, fmtCount, fmtDateTime } from '../../app/format';
import { ActionButtons } from '../../components/ActionButtons';
import { ListPage } from '../../components/ListPage';
import { onMutationError } from '../../components/mutation';
import { useListQuery } from '../../components/useListQuery';

/** 在线用户: open sessions, with 强退 where allowed. */
export default function SessionsPage() {
  const qc = useQueryClient();
  const list = useListQuery<OnlineSession>({ key: 'sessions', url: '/api/sessions', defaultSort: '-lastSeenAt' });
  const columns: TableProps<OnlineSession>['columns'] = [
    { title: '用户名', key: 'username', sorter: true, sortOrder: list.sortOrderOf('username'), render: (_, r) => <>{r.user.username}{r.current && <Tag color="blue" style={{ marginLeft: 6 }}>当前会话</Tag>}</> },
    { title: '姓名', render: (_, r) => r.user.displayName },
    { title: '所属组织', render: (_, r) => dash(r.orgUnit?.name) },
    { title: 'IP 地址', dataIndex: 'ip', render: dash },
    { title: '浏览器', dataIndex: 'userAgent', ellipsis: true, width: 220, render: (v: string | null) => <Tooltip title={v}>{dash(v)}</Tooltip> },
    { title: '登录时间', dataIndex: 'createdAt', key: 'createdAt', sorter: true, sortOrder: list.sortOrderOf('createdAt'), render: fmtDateTime },
    { title: '最近活动', dataIndex: 'lastSeenAt', key: 'lastSeenAt', sorter: true, sortOrder: list.sortOrderOf('lastSeenAt'), render: fmtDateTime },
    { title: '到期时间', dataIndex: 'expiresAt', render: fmtDateTime },
    {
      title: '操作',
      key: 'actions',
      fixed: 'right',
      render: (_, r) => (
        <ActionButtons
          actions={r.actions}
          specs={{
            forceLogout: {
              label: '强退',
              danger: true,
              confirm: `确定让「${r.user.displayName}」立即下线吗？`,
              onClick: async () => {
                try {
                  await api.post(`/api/sessions/${r.id}/force-logout`);
                  showSuccess('已强制下线');
                  await qc.invalidateQueries({ queryKey: ['sessions'] });
                } catch (err) {
                  onMutationError(err);
                }
              },
            },
          }}
        />
      ),
    },
  ];
  return (
    <ListPage<OnlineSession>
      list={list}
      fields={[{ name: 'q', label: '用户', node: <Input allowClear placeholder="用户名或姓名" maxLength={50} /> }]}
      title={`在线会话${list.query.data ? `（${fmtCount(list.query.data.total)}）` : ''}`}
      columns={columns}
    />
  );
}
