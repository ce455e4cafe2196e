import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { Breadcrumb, Result, Skeleton, Space } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { volunteerCategoryLabels, type Volunteer } from '@gg/shared';
import { api, ApiError } from '../../app/api';
import { ActionButtons } from '../../components/ActionButtons';
import { VolunteerDetailView, volunteerTabs, type VolunteerTab } from './VolunteerDetail';
import { VolunteerFormDrawer } from './VolunteerForm';

/** /volunteers/:id?tab=service — one volunteer's record on its own page, deep-linkable from lists and activities. */
export default function VolunteerPage() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['volunteers', 'detail', id], queryFn: () => api.get<Volunteer>(`/api/volunteers/${id}`), retry: false });
  const [editing, setEditing] = useState(false);
  const [statusOpen, setStatusOpen] = useState(false);
  const tab = volunteerTabs.includes(params.get('tab') as VolunteerTab) ? (params.get('tab') as VolunteerTab) : 'basic';
  if (q.error) {
    const notFound = q.error instanceof ApiError && q.error.status === 404;
    return <Result status={notFound ? '404' : 'error'} title={notFound ? '志愿者不存在或不在您的管理范围内' : '加载失败'} extra={<Link to="/volunteers">返回五老志愿者</Link>} />;
  }
  const v = q.data;
  if (!v) return <Skeleton active paragraph={{ rows: 12 }} />;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Breadcrumb items={[{ title: <Link to="/volunteers">五老志愿者</Link> }, { title: `${v.name}（${volunteerCategoryLabels[v.category]}）` }]} />
        <ActionButtons type="default" size="middle" actions={v.actions} specs={{ update: { label: '编辑', onClick: () => setEditing(true) }, changeStatus: { label: '变更状态', onClick: () => setStatusOpen(true) } }} />
      </Space>
      <VolunteerDetailView volunteer={v} statusOpen={statusOpen} onStatusClose={() => setStatusOpen(false)} tab={tab} onTab={(t) => setParams(t === 'basic' ? {} : { tab: t }, { replace: true })} />
      <VolunteerFormDrawer target={editing ? v : null} onClose={() => setEditing(false)} onSaved={() => { setEditing(false); void qc.invalidateQueries({ queryKey: ['volunteers'] }); }} />
    </Space>
  );
}
