import { Button, Descriptions, Drawer, Skeleton, Space, Table, Tag } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { activityTypeLabels, activityVolunteerRoleLabels, studyLevelLabels, type Activity } from '@gg/shared';
import { api, type Page } from '../../app/api';
import { dash, fmtCount, fmtDate, fmtDateTime } from '../../app/format';
import { showSuccess } from '../../app/feedback';
import { onMutationError } from '../../components/mutation';
import { FileLinks, PhotoWall } from './common';

/** One activity: who, where, when, audience, volunteers and their hours, photos. */
export function ActivityDetailDrawer({ id, onClose, onEdit }: { id: string | null; onClose: () => void; onEdit?: (a: Activity) => void }) {
  const q = useQuery({ queryKey: ['activities', 'detail', id], queryFn: () => api.get<Activity>(`/api/activities/${id}`), enabled: Boolean(id) });
  const a = q.data;
  const qc = useQueryClient();
  const removeUpload = async (uploadId: string) => {
    try {
      const next = await api.delete<Activity>(`/api/activities/${id}/uploads/${uploadId}`);
      qc.setQueryData(['activities', 'detail', id], next);
      showSuccess('已删除');
      void qc.invalidateQueries({ queryKey: ['activities'] });
    } catch (err) {
      onMutationError(err);
    }
  };
  const editable = Boolean(a?.actions.includes('update'));
  return (
    <Drawer
      open={Boolean(id)}
      onClose={onClose}
      size={760}
      title={a?.title ?? '活动详情'}
      extra={a && onEdit && a.actions.includes('update') ? <Button type="primary" onClick={() => onEdit(a)}>编辑</Button> : undefined}
    >
      {!a ? (
        <Skeleton active paragraph={{ rows: 10 }} />
      ) : (
        <Space orientation="vertical" size={20} style={{ width: '100%' }}>
          <Descriptions column={2} bordered size="middle" styles={{ label: { width: 110 } }}>
            <Descriptions.Item label="活动类型">
              <Tag color="red">{activityTypeLabels[a.type]}</Tag>
              {a.studyLevel && <Tag>{studyLevelLabels[a.studyLevel]}</Tag>}
            </Descriptions.Item>
            <Descriptions.Item label="活动日期">
              {fmtDate(a.date)}
              {a.startTime ? ` ${a.startTime}${a.endTime ? `–${a.endTime}` : ''}` : ''}
            </Descriptions.Item>
            <Descriptions.Item label="所属组织">{a.orgUnitName}</Descriptions.Item>
            <Descriptions.Item label="活动地点">{dash(a.venue)}</Descriptions.Item>
            <Descriptions.Item label="教育基地">{dash(a.baseName)}</Descriptions.Item>
            <Descriptions.Item label="主题活动">{dash(a.campaignName)}</Descriptions.Item>
            <Descriptions.Item label="主办成员单位">{dash(a.memberUnitName)}</Descriptions.Item>
            <Descriptions.Item label="来源">{a.lectureRequestId ? '菜单式宣讲' : '直接登记'}</Descriptions.Item>
            <Descriptions.Item label="受众人数" span={2}>
              合计 <b>{fmtCount(a.audienceTotal)}</b> 人（学生 {fmtCount(a.audienceStudents)}，青年 {fmtCount(a.audienceYouth)}，其他 {fmtCount(a.audienceOther)}）
            </Descriptions.Item>
            <Descriptions.Item label="活动简介" span={2}>
              <div style={{ whiteSpace: 'pre-wrap' }}>{dash(a.summary)}</div>
            </Descriptions.Item>
            <Descriptions.Item label="登记时间" span={2}>{fmtDateTime(a.createdAt)}</Descriptions.Item>
          </Descriptions>
          <div>
            <h3 style={{ fontSize: 16 }}>参与志愿者（服务时长合计 {a.volunteerHours.toFixed(1)} 小时）</h3>
            <Table
              size="small"
              rowKey="volunteerId"
              pagination={false}
              dataSource={a.volunteers}
              locale={{ emptyText: '本次活动未登记参与志愿者' }}
              columns={[
                { title: '姓名', dataIndex: 'name', render: (n: string, r) => <Link to={`/volunteers/${r.volunteerId}`}>{n}</Link> },
                { title: '角色', dataIndex: 'role', render: (r: keyof typeof activityVolunteerRoleLabels) => activityVolunteerRoleLabels[r] },
                { title: '服务时长（小时）', dataIndex: 'hours', align: 'right', render: (h: number) => h.toFixed(1) },
              ]}
            />
          </div>
          <div>
            <h3 style={{ fontSize: 16 }}>活动照片</h3>
            <PhotoWall ids={a.photoUploadIds} onDelete={editable ? removeUpload : undefined} />
          </div>
          <div>
            <h3 style={{ fontSize: 16 }}>附件</h3>
            <FileLinks ids={a.fileUploadIds} onDelete={editable ? removeUpload : undefined} />
          </div>
        </Space>
      )}
    </Drawer>
  );
}

/** The latest activities of a base or a campaign (the records their totals are counted from). */
export function RecentActivities({ filter }: { filter: { baseId?: string; campaignId?: string } }) {
  const q = useQuery({
    queryKey: ['activities', 'recent', filter],
    queryFn: () => api.get<Page<Activity>>('/api/activities', { ...filter, pageSize: 10, sort: '-date' }),
  });
  return (
    <Table
      size="small"
      rowKey="id"
      loading={q.isLoading}
      pagination={false}
      dataSource={q.data?.items ?? []}
      locale={{ emptyText: '还没有活动记录，登记活动时选择它即可计入' }}
      footer={q.data && q.data.total > 10 ? () => `共 ${fmtCount(q.data.total)} 场，仅显示最近 10 场` : undefined}
      columns={[
        { title: '日期', dataIndex: 'date', render: fmtDate, width: 110 },
        { title: '活动名称', dataIndex: 'title' },
        { title: '类型', dataIndex: 'type', render: (t: Activity['type']) => activityTypeLabels[t] },
        { title: '组织', dataIndex: 'orgUnitName' },
        { title: '受众（人）', dataIndex: 'audienceTotal', align: 'right', render: fmtCount },
      ]}
    />
  );
}
