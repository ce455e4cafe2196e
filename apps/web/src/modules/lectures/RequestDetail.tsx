import { Link } from 'react-router';
import { Descriptions, Drawer, Rate, Skeleton, Space, Steps, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { lectureRequestStatusLabels, orgUnitKindLabels, type LectureRequest, type LectureRequestStatus, type OrgUnitKind } from '@gg/shared';
import { api } from '../../app/api';
import { dash, fmtCount, fmtDate, fmtDateTime } from '../../app/format';

export const statusColors: Record<LectureRequestStatus, string> = { requested: 'orange', assigned: 'gold', confirmed: 'blue', held: 'green', cancelled: 'default' };

export function RequestStatusTag({ status }: { status: LectureRequestStatus }) {
  return <Tag color={statusColors[status]}>{lectureRequestStatusLabels[status]}</Tag>;
}

/** The request's way through the workflow: 预约 → 派讲 → 宣讲员确认 → 开讲 → 评价. */
export function RequestSteps({ r, direction = 'horizontal' }: { r: LectureRequest; direction?: 'horizontal' | 'vertical' }) {
  const order: LectureRequestStatus[] = ['requested', 'assigned', 'confirmed', 'held'];
  const reached = r.status === 'cancelled' ? (r.confirmedAt ? 2 : r.assignedAt ? 1 : 0) : r.status === 'held' ? (r.rating ? 5 : 4) : order.indexOf(r.status) + 1;
  return (
    <Steps
      orientation={direction}
      titlePlacement={direction === 'horizontal' ? 'vertical' : undefined}
      size="small"
      current={Math.min(reached, 4)}
      status={r.status === 'cancelled' ? 'error' : reached >= 5 ? 'finish' : 'process'}
      items={[
        { title: '提交预约', content: `${r.requestedByName ?? r.orgUnitName} · ${fmtDate(r.createdAt)}` },
        { title: '办公室派讲', content: r.assignedAt ? `${r.lecturerName ?? ''} · ${fmtDate(r.scheduledDate)}` : r.declineReason ? `上次被退回：${r.declineReason}` : '等待派讲' },
        { title: '宣讲员确认', content: r.confirmedAt ? fmtDate(r.confirmedAt) : r.status === 'assigned' ? '等待确认' : undefined },
        { title: '开讲', content: r.status === 'held' ? '已生成活动记录' : r.status === 'cancelled' ? '已取消' : undefined },
        { title: '评价', content: r.rating ? `${r.rating} 分` : r.status === 'held' ? '等待评价' : undefined },
      ]}
    />
  );
}

export function RequestDetailDrawer({ id, onClose, actions }: { id: string | null; onClose: () => void; actions?: (r: LectureRequest) => React.ReactNode }) {
  const q = useQuery({ queryKey: ['lecture-requests', 'detail', id], queryFn: () => api.get<LectureRequest>(`/api/lecture-requests/${id}`), enabled: Boolean(id) });
  const r = q.data;
  return (
    <Drawer open={Boolean(id)} onClose={onClose} size={760} title={r ? `宣讲预约 · ${r.topicTitle}` : '宣讲预约'} extra={r && actions ? actions(r) : undefined}>
      {!r ? (
        <Skeleton active paragraph={{ rows: 10 }} />
      ) : (
        <Space orientation="vertical" size={24} style={{ width: '100%' }}>
          <RequestSteps r={r} />
          <Descriptions column={2} bordered size="middle" styles={{ label: { width: 110 } }}>
            <Descriptions.Item label="宣讲主题" span={2}>
              {r.topicTitle} {r.schoolApproved && <Tag color="green">准入学校</Tag>}
            </Descriptions.Item>
            <Descriptions.Item label="预约单位">
              {r.orgUnitName}（{orgUnitKindLabels[r.orgUnitKind as OrgUnitKind] ?? r.orgUnitKind}）
            </Descriptions.Item>
            <Descriptions.Item label="状态">
              <RequestStatusTag status={r.status} />
            </Descriptions.Item>
            <Descriptions.Item label="希望日期">
              {fmtDate(r.preferredDate)} {r.preferredTime ?? ''}
            </Descriptions.Item>
            <Descriptions.Item label="预计人数">{fmtCount(r.audienceEstimate)} 人</Descriptions.Item>
            <Descriptions.Item label="宣讲员">{dash(r.lecturerName)}</Descriptions.Item>
            <Descriptions.Item label="宣讲日期">{fmtDate(r.scheduledDate)}</Descriptions.Item>
            <Descriptions.Item label="预约人">{dash(r.requestedByName)}</Descriptions.Item>
            <Descriptions.Item label="提交时间">{fmtDateTime(r.createdAt)}</Descriptions.Item>
            <Descriptions.Item label="备注" span={2}>{dash(r.note)}</Descriptions.Item>
            {r.declineReason && (
              <Descriptions.Item label="退回原因" span={2}>
                {r.declineReason}
              </Descriptions.Item>
            )}
            {r.rating !== null && (
              <Descriptions.Item label="评价" span={2}>
                <Rate disabled value={r.rating} /> <span style={{ marginLeft: 8 }}>{dash(r.ratingComment)}</span>
              </Descriptions.Item>
            )}
          </Descriptions>
          {r.activityId && (
            <span>
              开讲已生成活动记录，宣讲员的服务时长和主题活动统计已同步计入。<Link to="/activities?type=lecture">查看活动记录</Link>
            </span>
          )}
        </Space>
      )}
    </Drawer>
  );
}
