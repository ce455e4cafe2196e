import { useState } from 'react';
import { Button, Input, Rate, Select, Space, Tag, Tooltip, type TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { lectureAudienceLabels, lectureCategoryLabels, lectureTopicStatusLabels, type LectureTopic } from '@gg/shared';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { showSuccess } from '../../app/feedback';
import { fmtCount } from '../../app/format';
import { ActionButtons } from '../../components/ActionButtons';
import { ListPage } from '../../components/ListPage';
import { onMutationError } from '../../components/mutation';
import { useListQuery } from '../../components/useListQuery';
import { optionsOf } from '../activities/common';
import { RequestFormDrawer } from './RequestForm';
import { audienceOptions, categoryOptions, TopicFormDrawer } from './TopicForm';

const statusOptions = optionsOf(lectureTopicStatusLabels);

/** 宣讲菜单: the published lecture topics with their lecturers, for schools, villages and enterprises to book. */
export default function LectureTopicsPage() {
  const { can } = useAuth();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const list = useListQuery<LectureTopic>({ key: 'lecture-topics', url: '/api/lecture-topics', filters: ['category', 'audience', 'status'], defaultSort: 'title' });
  const [editing, setEditing] = useState<LectureTopic | 'new' | null>(null);
  const [booking, setBooking] = useState<LectureTopic | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: ['lecture-topics'] });

  const setStatus = async (t: LectureTopic, status: LectureTopic['status']) => {
    try {
      await api.patch(`/api/lecture-topics/${t.id}`, { status });
      showSuccess(status === 'withdrawn' ? `已将「${t.title}」下架` : `已将「${t.title}」重新上架`);
      await refresh();
    } catch (err) {
      onMutationError(err);
    }
  };

  const columns: TableProps<LectureTopic>['columns'] = [
    {
      title: '宣讲主题',
      dataIndex: 'title',
      key: 'title',
      sorter: true,
      sortOrder: list.sortOrderOf('title'),
      render: (v: string, t) => (
        <Space orientation="vertical" size={2}>
          <span style={{ fontWeight: 600 }}>{v}</span>
          {t.summary && <span style={{ color: '#8c8c8c', maxWidth: 360, display: 'inline-block', whiteSpace: 'normal' }}>{t.summary}</span>}
        </Space>
      ),
    },
    { title: '类别', dataIndex: 'category', key: 'category', sorter: true, sortOrder: list.sortOrderOf('category'), render: (c: LectureTopic['category']) => lectureCategoryLabels[c] },
    {
      title: '面向对象',
      dataIndex: 'audiences',
      render: (a: LectureTopic['audiences'], t) => (
        <Space size={4} wrap>
          {a.map((x) => <Tag key={x}>{lectureAudienceLabels[x]}</Tag>)}
          {t.schoolApproved && (
            <Tooltip title="经审定准入，学校可预约">
              <Tag color="green">准入学校</Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    { title: '时长', dataIndex: 'durationMinutes', align: 'right', render: (m: number) => `${m} 分钟` },
    { title: '宣讲员', dataIndex: 'lecturers', render: (l: LectureTopic['lecturers']) => (l.length ? l.map((x) => x.name).join('、') : <span style={{ color: '#999' }}>待配置</span>) },
    { title: '预约 / 开讲', key: 'requests', sorter: true, sortOrder: list.sortOrderOf('requests'), align: 'right', render: (_, t) => `${fmtCount(t.requests)} / ${fmtCount(t.held)}` },
    { title: '评价', dataIndex: 'averageRating', render: (r: number | null) => (r === null ? '—' : <Tooltip title={`${r.toFixed(1)} 分`}><Rate disabled allowHalf value={Math.round(r * 2) / 2} style={{ fontSize: 14 }} /></Tooltip>) },
    { title: '状态', dataIndex: 'status', render: (s: LectureTopic['status']) => <Tag color={s === 'published' ? 'success' : 'default'}>{lectureTopicStatusLabels[s]}</Tag> },
    {
      title: '操作',
      key: 'actions',
      fixed: 'right',
      render: (_, t) => (
        <ActionButtons
          actions={[...t.actions, ...(t.actions.includes('update') ? [t.status === 'published' ? 'withdraw' : 'publish'] : [])]}
          order={['request', 'update', 'withdraw', 'publish']}
          specs={{
            request: { label: '预约', onClick: () => setBooking(t) },
            update: { label: '编辑', onClick: () => setEditing(t) },
            withdraw: { label: '下架', danger: true, confirm: `确定下架「${t.title}」吗？下架后不能再被预约，已有预约不受影响。`, onClick: () => setStatus(t, 'withdrawn') },
            publish: { label: '上架', onClick: () => setStatus(t, 'published') },
          }}
        />
      ),
    },
  ];

  return (
    <>
      <ListPage<LectureTopic>
        list={list}
        fields={[
          { name: 'q', label: '宣讲主题', node: <Input allowClear placeholder="主题关键词" maxLength={50} /> },
          { name: 'category', label: '类别', node: <Select allowClear placeholder="全部" options={categoryOptions} /> },
          { name: 'audience', label: '面向对象', node: <Select allowClear placeholder="全部" options={audienceOptions} /> },
          ...(can('lecture:manage') ? [{ name: 'status', label: '状态', node: <Select allowClear placeholder="全部" options={statusOptions} /> }] : []),
        ]}
        title={`宣讲菜单${list.query.data ? `（${fmtCount(list.query.data.total)}）` : ''}`}
        toolbar={
          <>
            {can('lecture:manage') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
                新增主题
              </Button>
            )}
            {can('lecture:request') && <Button onClick={() => navigate('/lecture-requests')}>我的预约</Button>}
          </>
        }
        columns={columns}
        emptyText={can('lecture:manage') ? '宣讲菜单还是空的，可点击“新增主题”上架第一个宣讲主题' : '暂无可预约的宣讲主题，请联系县关工委办公室'}
      />
      <TopicFormDrawer
        target={editing}
        onClose={() => setEditing(null)}
        onSaved={async () => {
          setEditing(null);
          await refresh();
        }}
      />
      <RequestFormDrawer
        open={Boolean(booking)}
        topic={booking}
        onClose={() => setBooking(null)}
        onSaved={async () => {
          setBooking(null);
          await qc.invalidateQueries({ queryKey: ['lecture-requests'] });
          await refresh();
          navigate('/lecture-requests');
        }}
      />
    </>
  );
}
