import { useState } from 'react';
import { Card, Select, Space, Table, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { assessmentStatusLabels, type Ranking } from '@gg/shared';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { DownloadButton } from '../../components/DownloadButton';
import { thisYear, yearOptions } from '../targets/shared';
import { statusColor, useRubrics } from './AssessmentsPage';

/** 考核排名, with the results as Excel and the 通报 as a Word document in the official layout. */
export default function RankingPage() {
  const { can } = useAuth();
  const rubrics = useRubrics();
  const [year, setYear] = useState(String(thisYear));
  const [rubricId, setRubricId] = useState<string | undefined>();
  const rid = rubricId ?? rubrics.data?.find((r) => r.code === 'memberUnit')?.id ?? rubrics.data?.[0]?.id;
  const q = useQuery({ queryKey: ['assessments', 'ranking', year, rid], queryFn: () => api.get<Ranking>('/api/assessments/ranking', { year, rubricId: rid }), enabled: Boolean(rid) });
  return (
    <Card
      title="考核排名"
      extra={
        <Space wrap>
          <Select aria-label="年度" style={{ width: 110 }} value={year} options={yearOptions} onChange={setYear} />
          <Select aria-label="考核细则" style={{ width: 280 }} value={rid} options={(rubrics.data ?? []).map((r) => ({ value: r.id, label: r.name }))} onChange={setRubricId} />
          {can('assessment:export') && <DownloadButton url="/api/assessments/export" query={{ year, rubricId: rid }}>导出Excel</DownloadButton>}
          <DownloadButton url="/api/assessments/summary" query={{ year, rubricId: rid }} fileName="考核结果通报.docx">生成通报（Word）</DownloadButton>
        </Space>
      }
    >
      <Table
        rowKey="assessmentId"
        loading={q.isLoading}
        dataSource={q.data?.rows ?? []}
        pagination={false}
        locale={{ emptyText: '该年度还没有考核结果' }}
        columns={[
          { title: '名次', dataIndex: 'rank', width: 80, render: (v: number | null) => (v === null ? '—' : v <= 3 ? <Tag color="gold">{v}</Tag> : v) },
          { title: '单位', dataIndex: 'ownerName' },
          { title: '状态', dataIndex: 'status', width: 100, render: (s: keyof typeof assessmentStatusLabels) => <Tag color={statusColor[s]}>{assessmentStatusLabels[s]}</Tag> },
          { title: '自评分', dataIndex: 'selfTotal', align: 'right', render: (v) => v ?? '—' },
          { title: '审核分', dataIndex: 'reviewTotal', align: 'right', render: (v) => v ?? '—' },
          { title: '最终得分', dataIndex: 'finalScore', align: 'right', render: (v) => v ?? '—' },
        ]}
      />
    </Card>
  );
}
