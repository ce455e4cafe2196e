import { useState } from 'react';
import { Button, Card, Descriptions, Drawer, Form, Input, InputNumber, Progress, Radio, Select, Space, Table, Tag, Timeline, Typography, type TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { targetCreate, targetKindLabels, targetProgressCreate, targetStatusLabels, type Target, type TargetDetail, type TargetUnitSummary } from '@gg/shared';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { showSuccess } from '../../app/feedback';
import { dash, fmtDate } from '../../app/format';
import { ActionButtons } from '../../components/ActionButtons';
import { DateInput } from '../../components/DateInput';
import { DownloadButton } from '../../components/DownloadButton';
import { ListPage } from '../../components/ListPage';
import { onMutationError } from '../../components/mutation';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { useMemberUnitOptions } from '../../components/options';
import { useSchemaForm } from '../../components/schemaForm';
import { useListQuery } from '../../components/useListQuery';
import { OverdueTag, thisYear, useActivityOptions, yearOptions } from './shared';

const statusColor = { draft: 'default', confirmed: 'processing', completed: 'success' } as const;

/** 目标清单、责任清单: per unit and year, with progress reports through the year and overdue items flagged. */
export default function TargetsPage() {
  const { can } = useAuth();
  const qc = useQueryClient();
  const list = useListQuery<Target>({ key: 'targets', url: '/api/targets', filters: ['year', 'memberUnitId', 'status', 'overdue'], defaultSort: 'deadline' });
  const year = list.filters.year ?? String(thisYear);
  const units = useMemberUnitOptions();
  const summary = useQuery({ queryKey: ['targets', 'summary', year], queryFn: () => api.get<TargetUnitSummary[]>('/api/targets/summary', { year }) });
  const [creating, setCreating] = useState(false);
  const [viewing, setViewing] = useState<string | null>(null);
  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: ['targets'] });
  };
  const act = async (fn: () => Promise<unknown>, text: string) => {
    try {
      await fn();
      showSuccess(text);
      await refresh();
    } catch (err) {
      onMutationError(err);
    }
  };

  const columns: TableProps<Target>['columns'] = [
    { title: '单位', dataIndex: 'ownerName', width: 150 },
    { title: '类别', dataIndex: 'kind', width: 90, render: (k: Target['kind']) => targetKindLabels[k] },
    { title: '目标内容', dataIndex: 'title', key: 'title', sorter: true, sortOrder: list.sortOrderOf('title'), render: (v: string, r) => <a onClick={() => setViewing(r.id)}>{v}</a> },
    { title: '完成时限', dataIndex: 'deadline', key: 'deadline', sorter: true, sortOrder: list.sortOrderOf('deadline'), width: 120, render: (v: string | null, r) => (<Space size={4}>{fmtDate(v)}<OverdueTag overdue={r.overdue} /></Space>) },
    { title: '分值', dataIndex: 'weight', width: 70, align: 'right' },
    { title: '进度', dataIndex: 'progressPercent', key: 'progressPercent', sorter: true, sortOrder: list.sortOrderOf('progressPercent'), width: 160, render: (v: number, r) => <Progress percent={v} size="small" status={r.overdue ? 'exception' : v === 100 ? 'success' : 'active'} /> },
    { title: '关联活动', dataIndex: 'activityCount', width: 90, align: 'right' },
    { title: '状态', dataIndex: 'status', width: 90, render: (s: Target['status']) => <Tag color={statusColor[s]}>{targetStatusLabels[s]}</Tag> },
    {
      title: '操作', key: 'actions', fixed: 'right', width: 170,
      render: (_, r) => (
        <ActionButtons
          actions={r.actions}
          specs={{
            confirm: { label: '确认目标', onClick: () => act(() => api.post(`/api/targets/${r.id}/confirm`), `已确认「${r.title}」`) },
            reportProgress: { label: '报告进展', onClick: () => setViewing(r.id) },
            delete: { label: '删除', danger: true, confirm: `确定删除「${r.title}」吗？`, onClick: () => act(() => api.delete(`/api/targets/${r.id}`), '已删除') },
          }}
        />
      ),
    },
  ];

  return (
    <>
      <Card size="small" title={`${year}年各单位目标推进情况`} style={{ marginBottom: 16 }}>
        <Table<TargetUnitSummary>
          size="small"
          rowKey={(r) => r.memberUnitId ?? r.orgUnitId ?? r.ownerName}
          loading={summary.isLoading}
          dataSource={summary.data ?? []}
          pagination={false}
          locale={{ emptyText: '本年度还没有制定目标' }}
          columns={[
            { title: '单位', dataIndex: 'ownerName' },
            { title: '目标数', dataIndex: 'targets', align: 'right' },
            { title: '待确认', dataIndex: 'draft', align: 'right' },
            { title: '已完成', dataIndex: 'completed', align: 'right' },
            { title: '逾期', dataIndex: 'overdue', align: 'right', render: (v: number) => (v ? <Tag color="red">{v}</Tag> : 0) },
            { title: '平均进度', dataIndex: 'averageProgress', width: 200, render: (v: number) => <Progress percent={v} size="small" /> },
            { title: '关联活动', dataIndex: 'activityCount', align: 'right' },
          ]}
        />
      </Card>
      <ListPage<Target>
        list={list}
        fields={[
          { name: 'year', label: '年度', node: <Select options={yearOptions} placeholder={`${thisYear}年`} allowClear /> },
          { name: 'memberUnitId', label: '成员单位', node: <Select allowClear placeholder="全部" options={units.options} showSearch optionFilterProp="label" /> },
          { name: 'status', label: '状态', node: <Select allowClear placeholder="全部" options={Object.entries(targetStatusLabels).map(([value, label]) => ({ value, label }))} /> },
          { name: 'overdue', label: '逾期', node: <Select allowClear placeholder="全部" options={[{ value: 'true', label: '仅看逾期' }, { value: 'false', label: '未逾期' }]} /> },
          { name: 'q', label: '目标内容', node: <Input allowClear maxLength={50} /> },
        ]}
        title="目标清单和责任清单"
        toolbar={
          <>
            {can('target:manage') && (<Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>制定目标</Button>)}
            {can('target:export') && <DownloadButton url="/api/targets/export" query={{ year: list.filters.year, memberUnitId: list.filters.memberUnitId, status: list.filters.status }} />}
          </>
        }
        columns={columns}
        emptyText={can('target:manage') ? '暂无目标，可点击“制定目标”为成员单位或乡镇关工委起草年度目标' : '暂无目标，县关工委办公室起草后会出现在这里'}
      />
      <Drawer open={creating} onClose={() => setCreating(false)} size={600} destroyOnHidden title="制定年度目标">
        {creating && <TargetForm onSaved={async () => { setCreating(false); await refresh(); }} onClose={() => setCreating(false)} />}
      </Drawer>
      <Drawer open={Boolean(viewing)} onClose={() => setViewing(null)} size={680} destroyOnHidden title="目标详情">
        {viewing && <TargetDetailView id={viewing} onChanged={refresh} />}
      </Drawer>
    </>
  );
}

function TargetForm({ onSaved, onClose }: { onSaved: () => void; onClose: () => void }) {
  const sf = useSchemaForm(targetCreate);
  const units = useMemberUnitOptions();
  const [ownerKind, setOwnerKind] = useState<'memberUnit' | 'committee'>('memberUnit');
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const values = await sf.submitValues();
    if (!values) return;
    setBusy(true);
    try {
      const saved = await api.post<Target>('/api/targets', values);
      showSuccess(`已为${saved.ownerName}制定目标`);
      onSaved();
    } catch (err) {
      sf.applyServerError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form form={sf.form} layout="vertical" onFinish={submit} name="target" initialValues={{ year: thisYear, kind: 'target', weight: 10 }}>
      <Form.Item label="目标对象">
        <Radio.Group value={ownerKind} onChange={(e) => { setOwnerKind(e.target.value); sf.form.setFieldsValue({ memberUnitId: undefined, orgUnitId: undefined }); }} options={[{ value: 'memberUnit', label: '成员单位' }, { value: 'committee', label: '乡镇（街道）关工委' }]} />
      </Form.Item>
      {ownerKind === 'memberUnit' ? (
        <Form.Item label="成员单位" {...sf.item('memberUnitId')} required>
          <Select options={units.options} showSearch optionFilterProp="label" placeholder="选择成员单位" />
        </Form.Item>
      ) : (
        <Form.Item label="乡镇（街道）关工委" {...sf.item('orgUnitId')} required>
          <OrgTreeSelect />
        </Form.Item>
      )}
      <Space size={16} style={{ display: 'flex' }}>
        <Form.Item label="年度" {...sf.item('year')}>
          <InputNumber min={2000} max={2100} precision={0} />
        </Form.Item>
        <Form.Item label="类别" {...sf.item('kind')}>
          <Select style={{ width: 140 }} options={Object.entries(targetKindLabels).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item label="分值" {...sf.item('weight')}>
          <InputNumber min={0} max={100} precision={0} />
        </Form.Item>
      </Space>
      <Form.Item label="目标内容" {...sf.item('title')}>
        <Input.TextArea rows={2} maxLength={200} showCount placeholder="如：开展“五老”进校园宣讲不少于4场" />
      </Form.Item>
      <Form.Item label="衡量标准" {...sf.item('measure')}>
        <Input maxLength={500} placeholder="如：以活动记录和照片为准" />
      </Form.Item>
      <Space size={16} style={{ display: 'flex' }}>
        <Form.Item label="完成时限" {...sf.item('deadline')}>
          <DateInput />
        </Form.Item>
        <Form.Item label="责任人" {...sf.item('owner')}>
          <Input maxLength={50} />
        </Form.Item>
      </Space>
      <Space>
        <Button type="primary" htmlType="submit" loading={busy}>保存</Button>
        <Button onClick={onClose}>取消</Button>
      </Space>
    </Form>
  );
}

function TargetDetailView({ id, onChanged }: { id: string; onChanged: () => Promise<void> }) {
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['targets', 'detail', id], queryFn: () => api.get<TargetDetail>(`/api/targets/${id}`) });
  const t = q.data;
  if (!t) return <Card loading />;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Descriptions column={1} bordered size="small" styles={{ label: { width: 110 } }}>
        <Descriptions.Item label="单位">{t.ownerName}</Descriptions.Item>
        <Descriptions.Item label="目标内容">{t.title}</Descriptions.Item>
        <Descriptions.Item label="衡量标准">{dash(t.measure)}</Descriptions.Item>
        <Descriptions.Item label="完成时限"><Space>{fmtDate(t.deadline)}<OverdueTag overdue={t.overdue} /></Space></Descriptions.Item>
        <Descriptions.Item label="进度"><Progress percent={t.progressPercent} /></Descriptions.Item>
        <Descriptions.Item label="关联活动">{t.activityCount} 场</Descriptions.Item>
        <Descriptions.Item label="状态">{targetStatusLabels[t.status]}</Descriptions.Item>
      </Descriptions>
      {t.actions.includes('reportProgress') && (
        <Card size="small" title="报告进展">
          <ProgressForm target={t} onSaved={async () => { await qc.invalidateQueries({ queryKey: ['targets', 'detail', id] }); await onChanged(); }} />
        </Card>
      )}
      <Card size="small" title="进展记录">
        {t.progress.length === 0 ? (
          <Typography.Text type="secondary">还没有进展报告</Typography.Text>
        ) : (
          <Timeline
            items={t.progress.map((p) => ({
              key: p.id,
              content: (
                <div>
                  <div><b>{p.reportDate}</b>　进度 {p.progressPercent}%　{dash(p.createdByName)}</div>
                  <div style={{ whiteSpace: 'pre-wrap' }}>{p.note}</div>
                  {p.activities.length > 0 && <div>关联活动：{p.activities.map((a) => `${a.date} ${a.title}`).join('；')}</div>}
                </div>
              ),
            }))}
          />
        )}
      </Card>
    </Space>
  );
}

function ProgressForm({ target, onSaved }: { target: TargetDetail; onSaved: () => Promise<void> }) {
  const sf = useSchemaForm(targetProgressCreate);
  const activities = useActivityOptions(target.memberUnitId);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const values = await sf.submitValues();
    if (!values) return;
    setBusy(true);
    try {
      await api.post(`/api/targets/${target.id}/progress`, values);
      showSuccess('进展已报告');
      sf.form.resetFields();
      await onSaved();
    } catch (err) {
      sf.applyServerError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form form={sf.form} layout="vertical" onFinish={submit} name="target-progress" initialValues={{ reportDate: new Date().toISOString().slice(0, 10), progressPercent: target.progressPercent, activityIds: [] }}>
      <Space size={16} style={{ display: 'flex' }}>
        <Form.Item label="报告日期" {...sf.item('reportDate')}>
          <DateInput />
        </Form.Item>
        <Form.Item label="完成进度（%）" {...sf.item('progressPercent')}>
          <InputNumber min={0} max={100} precision={0} />
        </Form.Item>
      </Space>
      <Form.Item label="进展情况" {...sf.item('note')}>
        <Input.TextArea rows={3} maxLength={2000} showCount />
      </Form.Item>
      <Form.Item label="关联活动" {...sf.item('activityIds')} extra="选择已登记的活动作为佐证，自动计入活动场次">
        <Select mode="multiple" options={activities} showSearch optionFilterProp="label" placeholder="选择本单位已登记的活动" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>提交进展</Button>
    </Form>
  );
}
