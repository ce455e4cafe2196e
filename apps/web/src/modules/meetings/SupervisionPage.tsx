import { Card, Col, Row, Statistic, Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { Supervision, Task } from '@gg/shared';
import { api } from '../../app/api';
import { dash } from '../../app/format';
import { useAuth } from '../../app/auth';
import { DownloadButton } from '../../components/DownloadButton';
import { TaskStatusTag } from './MeetingsPage';

/** 督办清单: every open task, overdue first, with counts per unit. */
export default function SupervisionPage() {
  const q = useQuery({ queryKey: ['tasks', 'supervision'], queryFn: () => api.get<Supervision>('/api/tasks/supervision') });
  const s = q.data;
  const { can } = useAuth();
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} md={8}><Card><Statistic title="未办结任务" value={s?.open ?? 0} loading={q.isLoading} /></Card></Col>
      <Col xs={24} md={8}><Card><Statistic title="逾期任务" value={s?.overdue ?? 0} styles={{ content: { color: '#cf1322' } }} loading={q.isLoading} /></Card></Col>
      <Col xs={24} md={8}><Card><Statistic title="7天内到期" value={s?.dueSoon ?? 0} loading={q.isLoading} /></Card></Col>
      <Col xs={24} lg={16}>
        <Card title={`督办清单（截至${s?.asOf ?? ''}）`} extra={can('meeting:export') && <DownloadButton url="/api/tasks/export" query={{ open: 'true' }}>导出督办清单</DownloadButton>}>
          <Table<Task> rowKey="id" size="small" loading={q.isLoading} dataSource={s?.tasks ?? []} pagination={{ pageSize: 20 }} locale={{ emptyText: '没有未办结的任务' }} columns={[
            { title: '承办单位', dataIndex: 'ownerName', width: 140 },
            { title: '任务', dataIndex: 'title' },
            { title: '来源会议', dataIndex: 'meetingTitle', render: dash },
            { title: '完成时限', dataIndex: 'deadline', width: 110 },
            { title: '状态', key: 's', width: 170, render: (_, t) => <TaskStatusTag task={t} /> },
            { title: '最新进展', dataIndex: 'lastNote', render: dash },
          ]} />
        </Card>
      </Col>
      <Col xs={24} lg={8}>
        <Card title="按单位">
          <Table rowKey="ownerName" size="small" pagination={false} dataSource={s?.byUnit ?? []} columns={[
            { title: '单位', dataIndex: 'ownerName' },
            { title: '未办结', dataIndex: 'open', align: 'right' },
            { title: '逾期', dataIndex: 'overdue', align: 'right' },
          ]} />
        </Card>
      </Col>
    </Row>
  );
}
