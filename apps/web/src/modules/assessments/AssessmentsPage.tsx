import { useEffect, useState } from 'react';
import { Button, Card, Descriptions, Drawer, Input, InputNumber, Modal, Select, Space, Table, Tag, Timeline, Typography, type TableProps } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { assessmentStatusLabels, rubricItemKindLabels, rubricMetricLabels, type Assessment, type AssessmentDetail, type AssessmentScoreLine, type Rubric } from '@gg/shared';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { showSuccess } from '../../app/feedback';
import { fmtDateTime } from '../../app/format';
import { ActionButtons } from '../../components/ActionButtons';
import { DownloadButton } from '../../components/DownloadButton';
import { ListPage } from '../../components/ListPage';
import { onMutationError } from '../../components/mutation';
import { useListQuery } from '../../components/useListQuery';
import { thisYear, yearOptions } from '../targets/shared';

export const statusColor = { pending: 'default', submitted: 'processing', reviewed: 'warning', final: 'success' } as const;
const eventLabels: Record<string, string> = { create: '发起考核', submit: '提交自评', review: '审核评分', return: '退回重新自评', finalize: '确定最终得分' };

export function useRubrics() {
  return useQuery({ queryKey: ['rubrics'], queryFn: () => api.get<Rubric[]>('/api/rubrics'), staleTime: 60_000 });
}

/** 年度考核: the unit self-assesses, the office reviews and fixes the final score; every step is kept. */
export default function AssessmentsPage() {
  const { can } = useAuth();
  const qc = useQueryClient();
  const rubrics = useRubrics();
  const list = useListQuery<Assessment>({ key: 'assessments', url: '/api/assessments', filters: ['year', 'rubricId', 'status'] });
  const [open, setOpen] = useState<string | null>(null);
  const generate = () => {
    let year = thisYear;
    let rubricId = rubrics.data?.[0]?.id;
    Modal.confirm({
      title: '发起年度考核',
      content: (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <InputNumber aria-label="考核年度" defaultValue={thisYear} min={2000} max={2100} onChange={(v) => (year = Number(v))} />
          <Select aria-label="考核细则" style={{ width: '100%' }} defaultValue={rubricId} options={(rubrics.data ?? []).map((r) => ({ value: r.id, label: r.name }))} onChange={(v) => (rubricId = v)} />
        </Space>
      ),
      okText: '发起',
      onOk: async () => {
        try {
          const r = await api.post<{ created: number }>('/api/assessments/generate', { year, rubricId });
          showSuccess(`已为 ${r.created} 个单位发起考核`);
          await qc.invalidateQueries({ queryKey: ['assessments'] });
        } catch (err) {
          onMutationError(err);
          throw err;
        }
      },
    });
  };
  const columns: TableProps<Assessment>['columns'] = [
    { title: '单位', dataIndex: 'ownerName', key: 'ownerName', sorter: true, sortOrder: list.sortOrderOf('ownerName'), render: (v: string, r) => <a onClick={() => setOpen(r.id)}>{v}</a> },
    { title: '年度', dataIndex: 'year', width: 80 },
    { title: '考核细则', dataIndex: 'rubricName' },
    { title: '状态', dataIndex: 'status', width: 90, render: (s: Assessment['status']) => <Tag color={statusColor[s]}>{assessmentStatusLabels[s]}</Tag> },
    { title: '自评分', dataIndex: 'selfTotal', key: 'selfTotal', sorter: true, sortOrder: list.sortOrderOf('selfTotal'), align: 'right', render: (v) => v ?? '—' },
    { title: '审核分', dataIndex: 'reviewTotal', key: 'reviewTotal', sorter: true, sortOrder: list.sortOrderOf('reviewTotal'), align: 'right', render: (v) => v ?? '—' },
    { title: '最终得分', dataIndex: 'finalScore', key: 'finalScore', sorter: true, sortOrder: list.sortOrderOf('finalScore'), align: 'right', render: (v) => v ?? '—' },
    { title: '操作', key: 'a', width: 100, render: (_, r) => <Button type="link" size="small" onClick={() => setOpen(r.id)}>{r.actions.includes('selfAssess') ? '自评' : r.actions.includes('review') ? '审核' : '查看'}</Button> },
  ];
  return (
    <>
      <ListPage<Assessment>
        list={list}
        fields={[
          { name: 'year', label: '年度', node: <Select allowClear placeholder="全部" options={yearOptions} /> },
          { name: 'rubricId', label: '考核细则', node: <Select allowClear placeholder="全部" options={(rubrics.data ?? []).map((r) => ({ value: r.id, label: r.name }))} /> },
          { name: 'status', label: '状态', node: <Select allowClear placeholder="全部" options={Object.entries(assessmentStatusLabels).map(([value, label]) => ({ value, label }))} /> },
        ]}
        title="年度考核"
        toolbar={
          <>
            {can('assessment:review') && <Button type="primary" onClick={generate}>发起考核</Button>}
            {can('assessment:export') && (list.filters.rubricId ?? rubrics.data?.[0]?.id) && (
              <DownloadButton url="/api/assessments/export" query={{ year: list.filters.year ?? String(thisYear), rubricId: list.filters.rubricId ?? rubrics.data?.[0]?.id }} />
            )}
          </>
        }
        columns={columns}
        emptyText={can('assessment:review') ? '暂无考核，可点击“发起考核”为各单位建立年度考核' : '县关工委办公室发起考核后，可在这里自评'}
      />
      <Drawer open={Boolean(open)} onClose={() => setOpen(null)} size={960} destroyOnHidden title="考核评分">
        {open && <AssessmentView id={open} onChanged={() => qc.invalidateQueries({ queryKey: ['assessments'] })} />}
      </Drawer>
    </>
  );
}

function AssessmentView({ id, onChanged }: { id: string; onChanged: () => Promise<void> }) {
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['assessments', 'detail', id], queryFn: () => api.get<AssessmentDetail>(`/api/assessments/${id}`) });
  const a = q.data;
  const [points, setPoints] = useState<Record<string, number | null>>({});
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const side = a?.actions.includes('selfAssess') ? 'self' : a?.actions.includes('review') ? 'review' : null;
  useEffect(() => {
    if (!a) return;
    setPoints(Object.fromEntries(a.lines.filter((l) => l.scoring === 'manual').map((l) => [l.id, side === 'review' ? (l.reviewPoints ?? l.selfPoints) : l.selfPoints])));
    setComment((side === 'review' ? a.reviewComment : a.selfComment) ?? '');
  }, [a, side]);
  if (!a) return <Card loading />;
  const scores = () => Object.entries(points).filter(([, v]) => typeof v === 'number').map(([itemId, p]) => ({ itemId, points: p as number }));
  const run = async (fn: () => Promise<unknown>, text: string) => {
    setBusy(true);
    try {
      await fn();
      showSuccess(text);
      await qc.invalidateQueries({ queryKey: ['assessments', 'detail', id] });
      await onChanged();
    } catch (err) {
      onMutationError(err);
    } finally {
      setBusy(false);
    }
  };
  const pointCell = (l: AssessmentScoreLine) => {
    if (l.scoring === 'computed') return <span>{l.computedPoints ?? '—'}</span>;
    if (!side) return <span>{(side === 'review' ? l.reviewPoints : l.selfPoints) ?? '—'}</span>;
    const lo = l.kind === 'deduction' ? -(l.maxPoints ?? 100) : 0;
    const hi = l.kind === 'deduction' ? 0 : (l.maxPoints ?? 100);
    return <InputNumber aria-label={`${l.title}得分`} size="small" min={lo} max={hi} precision={0} value={points[l.id] ?? null} onChange={(v) => setPoints((p) => ({ ...p, [l.id]: v === null ? null : Number(v) }))} />;
  };
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Descriptions column={3} bordered size="small">
        <Descriptions.Item label="单位">{a.ownerName}</Descriptions.Item>
        <Descriptions.Item label="年度">{a.year}</Descriptions.Item>
        <Descriptions.Item label="状态"><Tag color={statusColor[a.status]}>{assessmentStatusLabels[a.status]}</Tag></Descriptions.Item>
        <Descriptions.Item label="自评分">{a.selfTotal ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="审核分">{a.reviewTotal ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="最终得分">{a.finalScore ?? '—'}</Descriptions.Item>
      </Descriptions>
      <Table<AssessmentScoreLine>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={a.lines}
        columns={[
          { title: '板块', dataIndex: 'section', width: 120 },
          { title: '评分内容', dataIndex: 'title' },
          { title: '类别', dataIndex: 'kind', width: 80, render: (k: AssessmentScoreLine['kind']) => rubricItemKindLabels[k] },
          { title: '分值', dataIndex: 'maxPoints', width: 70, align: 'right', render: (v: number | null, l) => (v === null ? '不封顶' : l.kind === 'deduction' ? `-${v}` : v) },
          { title: '数据', key: 'data', width: 170, render: (_, l) => (l.metric ? `${rubricMetricLabels[l.metric]}：${l.computedValue ?? '—'}` : <Typography.Text type="secondary">人工评分</Typography.Text>) },
          { title: '自评', dataIndex: 'selfPoints', width: 80, align: 'right', render: (v: number | null, l) => (side === 'self' ? pointCell(l) : (v ?? '—')) },
          { title: '审核', dataIndex: 'reviewPoints', width: 90, align: 'right', render: (v: number | null, l) => (side === 'review' ? pointCell(l) : (v ?? '—')) },
        ]}
      />
      {side && (
        <Input.TextArea aria-label={side === 'self' ? '自评说明' : '审核意见'} rows={2} maxLength={2000} value={comment} onChange={(e) => setComment(e.target.value)} placeholder={side === 'self' ? '自评说明' : '审核意见'} />
      )}
      <ActionButtons
        type="default"
        size="middle"
        actions={a.actions}
        specs={{
          selfAssess: { label: '保存自评', onClick: () => run(() => api.put(`/api/assessments/${id}/self`, { scores: scores(), comment }), '自评已保存') },
          submit: { label: '提交自评', onClick: () => run(async () => { await api.put(`/api/assessments/${id}/self`, { scores: scores(), comment }); await api.post(`/api/assessments/${id}/submit`, {}); }, '自评已提交，等待县关工委办公室审核') },
          review: { label: '保存审核', onClick: () => run(() => api.put(`/api/assessments/${id}/review`, { scores: scores(), comment }), '审核已保存') },
          return: { label: '退回', danger: true, confirm: '退回后单位需重新自评，确定吗？', onClick: () => run(() => api.post(`/api/assessments/${id}/return`, { note: comment }), '已退回') },
          finalize: { label: '确定最终得分', confirm: '定分后不能再修改，确定吗？', onClick: () => run(() => api.post(`/api/assessments/${id}/finalize`, { note: comment }), '已定分') },
        }}
      />
      {busy && <Typography.Text type="secondary">正在保存…</Typography.Text>}
      <Card size="small" title="考核历程">
        <Timeline items={a.history.map((h) => ({ key: h.id, content: `${fmtDateTime(h.at)}　${eventLabels[h.event] ?? h.event}${h.total !== null ? `（${h.total}分）` : ''}　${h.byName ?? ''}${h.note ? `：${h.note}` : ''}` }))} />
      </Card>
    </Space>
  );
}
