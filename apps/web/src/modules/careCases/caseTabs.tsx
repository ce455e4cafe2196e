import { useState } from 'react';
import { Button, Checkbox, Col, Empty, Form, Image, Input, InputNumber, Modal, Row, Select, Space, Table, Tag, Timeline, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  assistanceKindLabels, mentorRoleLabels, needKindLabels, riskLevelLabels, visitModeLabels,
  type Assistance, type CareCaseDetail, type Goal, type Mentorship, type Need, type Screening, type TimelineEvent, type Visit,
} from '@gg/shared';
import { api, type Page } from '../../app/api';
import { showSuccess } from '../../app/feedback';
import { dash, fmtDate, fmtDateTime, fmtMoney } from '../../app/format';
import { DateInput } from '../../components/DateInput';
import { onMutationError } from '../../components/mutation';
import { assistanceKindOptions, fen, mentorRoleOptions, needKindOptions, riskOptions, visitModeOptions, yuan } from './options';

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/** A small "add" dialog: fields in, POST, refresh the case's queries. */
function useAdd(caseId: string) {
  const qc = useQueryClient();
  return async (url: string, body: unknown, done: string) => {
    try {
      await api.post(url, body);
      showSuccess(done);
      await qc.invalidateQueries({ queryKey: ['care-cases'] });
      return true;
    } catch (err) {
      onMutationError(err);
      return false;
    }
  };
}

function AddDialog({ title, open, onClose, onSubmit, children, initialValues }: { title: string; open: boolean; onClose: () => void; onSubmit: (v: Record<string, unknown>) => Promise<boolean>; children: React.ReactNode; initialValues?: Record<string, unknown> }) {
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  return (
    <Modal open={open} title={title} width={640} destroyOnHidden okText="保存" cancelText="取消" confirmLoading={busy} onCancel={onClose}
      onOk={async () => {
        const v = await form.validateFields();
        setBusy(true);
        const clean = Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== null && x !== ''));
        if (await onSubmit(clean)) {
          form.resetFields();
          onClose();
        }
        setBusy(false);
      }}>
      <Form form={form} layout="vertical" preserve={false} initialValues={initialValues}>{children}</Form>
    </Modal>
  );
}

const req = (label: string) => [{ required: true, message: `请填写${label}` }];

export function ScreeningsTab({ c }: { c: CareCaseDetail }) {
  const q = useQuery({ queryKey: ['care-cases', c.id, 'screenings'], queryFn: () => api.get<Screening[]>(`/api/care-cases/${c.id}/screenings`) });
  const [open, setOpen] = useState(false);
  const add = useAdd(c.id);
  return (
    <>
      {c.actions.includes('recordWork') && <Button icon={<PlusOutlined />} onClick={() => setOpen(true)} style={{ marginBottom: 12 }}>记录排查</Button>}
      <Table<Screening> rowKey="id" size="middle" loading={q.isLoading} dataSource={q.data ?? []} pagination={false} columns={[
        { title: '排查日期', dataIndex: 'screenedOn', render: fmtDate },
        { title: '是否发现风险', dataIndex: 'riskFound', render: (v: boolean, r) => (v ? <Tag color="red">发现风险{r.riskLevel ? `（${riskLevelLabels[r.riskLevel]}）` : ''}</Tag> : <Tag color="green">未发现</Tag>) },
        { title: '排查情况', dataIndex: 'description', render: dash },
        { title: '处置措施', dataIndex: 'handling', render: dash },
        { title: '排查人', dataIndex: 'screenedBy' },
      ]} />
      <AddDialog title="记录风险排查" open={open} onClose={() => setOpen(false)} initialValues={{ screenedOn: today(), riskFound: false }}
        onSubmit={(v) => add(`/api/care-cases/${c.id}/screenings`, { ...v, riskFound: Boolean(v.riskFound) }, '已记录排查')}>
        <Row gutter={16}>
          <Col span={8}><Form.Item name="screenedOn" label="排查日期" rules={req('排查日期')}><DateInput /></Form.Item></Col>
          <Col span={8}><Form.Item name="screenedBy" label="排查人" rules={req('排查人')}><Input maxLength={50} /></Form.Item></Col>
          <Col span={8}><Form.Item name="riskLevel" label="风险等级"><Select allowClear options={riskOptions} /></Form.Item></Col>
          <Col span={24}><Form.Item name="riskFound" valuePropName="checked"><Checkbox>发现风险</Checkbox></Form.Item></Col>
          <Col span={24}><Form.Item name="description" label="排查情况"><Input.TextArea rows={3} maxLength={2000} /></Form.Item></Col>
          <Col span={24}><Form.Item name="handling" label="处置措施"><Input.TextArea rows={2} maxLength={2000} /></Form.Item></Col>
        </Row>
      </AddDialog>
    </>
  );
}

export function NeedsPlanTab({ c }: { c: CareCaseDetail }) {
  const needs = useQuery({ queryKey: ['care-cases', c.id, 'needs'], queryFn: () => api.get<Need[]>(`/api/care-cases/${c.id}/needs`) });
  const goals = useQuery({ queryKey: ['care-cases', c.id, 'goals'], queryFn: () => api.get<Goal[]>(`/api/care-cases/${c.id}/goals`) });
  const [dialog, setDialog] = useState<'need' | 'goal' | null>(null);
  const add = useAdd(c.id);
  const qc = useQueryClient();
  const can = c.actions.includes('recordWork');
  const patch = async (url: string, body: unknown) => {
    try {
      await api.patch(url, body);
      await qc.invalidateQueries({ queryKey: ['care-cases'] });
    } catch (err) {
      onMutationError(err);
    }
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={16}>
      <Typography.Title level={5}>帮扶需求</Typography.Title>
      {can && <Button icon={<PlusOutlined />} onClick={() => setDialog('need')}>登记需求</Button>}
      <Table<Need> rowKey="id" size="middle" dataSource={needs.data ?? []} pagination={false} columns={[
        { title: '类型', dataIndex: 'kind', render: (k: Need['kind']) => needKindLabels[k] },
        { title: '内容', dataIndex: 'description' },
        { title: '解决日期', dataIndex: 'resolvedOn', render: (v: string | null, r) => (v ? fmtDate(v) : can ? <Button size="small" onClick={() => patch(`/api/care-cases/${c.id}/needs/${r.id}`, { resolvedOn: today() })}>标记已解决</Button> : '未解决') },
      ]} />
      <Typography.Title level={5}>帮扶计划</Typography.Title>
      {can && <Button icon={<PlusOutlined />} onClick={() => setDialog('goal')}>添加目标</Button>}
      <Table<Goal> rowKey="id" size="middle" dataSource={goals.data ?? []} pagination={false} columns={[
        { title: '目标', dataIndex: 'goal' },
        { title: '完成期限', dataIndex: 'dueOn', render: (v: string, r) => <span style={{ color: r.overdue ? '#c8102e' : undefined }}>{fmtDate(v)}{r.overdue ? '（已逾期）' : ''}</span> },
        { title: '完成日期', dataIndex: 'doneOn', render: (v: string | null, r) => (v ? fmtDate(v) : can ? <Button size="small" onClick={() => patch(`/api/care-cases/${c.id}/goals/${r.id}`, { doneOn: today() })}>标记完成</Button> : '未完成') },
      ]} />
      <AddDialog title="登记帮扶需求" open={dialog === 'need'} onClose={() => setDialog(null)} onSubmit={(v) => add(`/api/care-cases/${c.id}/needs`, v, '已登记需求')}>
        <Form.Item name="kind" label="需求类型" rules={req('需求类型')}><Select options={needKindOptions} /></Form.Item>
        <Form.Item name="description" label="需求内容" rules={req('需求内容')}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
      </AddDialog>
      <AddDialog title="添加帮扶目标" open={dialog === 'goal'} onClose={() => setDialog(null)} onSubmit={(v) => add(`/api/care-cases/${c.id}/goals`, v, '已添加目标')}>
        <Form.Item name="goal" label="目标" rules={req('目标')}><Input maxLength={500} /></Form.Item>
        <Form.Item name="dueOn" label="完成期限" rules={req('完成期限')}><DateInput /></Form.Item>
      </AddDialog>
    </Space>
  );
}

interface VolunteerOption { id: string; name: string; orgUnitName?: string }

export function MentorsTab({ c }: { c: CareCaseDetail }) {
  const q = useQuery({ queryKey: ['care-cases', c.id, 'mentorships'], queryFn: () => api.get<Mentorship[]>(`/api/care-cases/${c.id}/mentorships`) });
  const [open, setOpen] = useState(false);
  const [ending, setEnding] = useState<Mentorship | null>(null);
  const [term, setTerm] = useState('');
  const volunteers = useQuery({ queryKey: ['volunteers', 'pick', term], enabled: open, placeholderData: keepPreviousData, queryFn: () => api.get<Page<VolunteerOption>>('/api/volunteers', { q: term || undefined, status: 'active', pageSize: 20 }) });
  const add = useAdd(c.id);
  return (
    <>
      {c.actions.includes('pairMentor') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} style={{ marginBottom: 12 }}>结对帮扶人</Button>}
      <Table<Mentorship> rowKey="id" size="middle" loading={q.isLoading} dataSource={q.data ?? []} pagination={false} columns={[
        { title: '帮扶人', dataIndex: 'volunteerName' },
        { title: '角色', dataIndex: 'role', render: (r: Mentorship['role']) => mentorRoleLabels[r] },
        { title: '开始', dataIndex: 'startOn', render: fmtDate },
        { title: '结束', dataIndex: 'endOn', render: (v: string | null, r) => (v ? `${fmtDate(v)}${r.endReason ? `（${r.endReason}）` : ''}` : <Tag color="blue">结对中</Tag>) },
        { title: '走访次数', dataIndex: 'visitCount', align: 'right' },
        { title: '最近联系', dataIndex: 'lastContactOn', render: fmtDate },
        { title: '操作', key: 'actions', render: (_v, r) => (!r.endOn || r.endOn > today()) && (c.actions.includes('pairMentor') || c.actions.includes('reopen'))
          ? <Button size="small" onClick={() => setEnding(r)}>结束结对</Button> : null },
      ]} />
      <AddDialog title={`结束结对：${ending?.volunteerName ?? ''}`} open={ending !== null} onClose={() => setEnding(null)} initialValues={{ endOn: today() }}
        onSubmit={(v) => add(`/api/care-cases/${c.id}/mentorships/${ending!.id}/end`, v, '已结束结对')}>
        <Row gutter={16}>
          <Col span={10}><Form.Item name="endOn" label="结束日期" rules={req('结束日期')}><DateInput /></Form.Item></Col>
          <Col span={24}><Form.Item name="reason" label="结束原因" rules={[{ max: 200, message: '结束原因不能超过200个字' }]}><Input maxLength={200} placeholder="如：帮扶目标已实现、志愿者身体原因、对象迁出" /></Form.Item></Col>
        </Row>
      </AddDialog>
      <AddDialog title="结对帮扶人（五老志愿者）" open={open} onClose={() => setOpen(false)} initialValues={{ role: 'lead', startOn: today() }}
        onSubmit={(v) => add(`/api/care-cases/${c.id}/mentorships`, v, '已结对')}>
        <Form.Item name="volunteerId" label="志愿者" rules={req('志愿者')}>
          <Select showSearch={{ filterOption: false, onSearch: setTerm }} placeholder="输入姓名或拼音查找" loading={volunteers.isFetching}
            options={(volunteers.data?.items ?? []).map((v) => ({ value: v.id, label: `${v.name}${v.orgUnitName ? `（${v.orgUnitName}）` : ''}` }))} />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}><Form.Item name="role" label="角色"><Select options={mentorRoleOptions} /></Form.Item></Col>
          <Col span={12}><Form.Item name="startOn" label="开始日期" rules={req('开始日期')}><DateInput /></Form.Item></Col>
        </Row>
      </AddDialog>
    </>
  );
}

export function VisitsTab({ c }: { c: CareCaseDetail }) {
  const q = useQuery({ queryKey: ['care-cases', c.id, 'visits'], queryFn: () => api.get<Visit[]>(`/api/care-cases/${c.id}/visits`) });
  const pairs = useQuery({ queryKey: ['care-cases', c.id, 'mentorships'], queryFn: () => api.get<Mentorship[]>(`/api/care-cases/${c.id}/mentorships`) });
  const [open, setOpen] = useState(false);
  const add = useAdd(c.id);
  const active = (pairs.data ?? []).filter((p) => !p.endOn);
  return (
    <>
      {c.actions.includes('recordWork') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} style={{ marginBottom: 12 }}>记录走访</Button>}
      <Table<Visit> rowKey="id" size="middle" loading={q.isLoading} dataSource={q.data ?? []} pagination={false} columns={[
        { title: '日期', dataIndex: 'visitedOn', render: fmtDate },
        { title: '方式', dataIndex: 'mode', render: (m: Visit['mode']) => visitModeLabels[m] },
        { title: '帮扶人', dataIndex: 'mentorName', render: dash },
        { title: '内容', dataIndex: 'content' },
        { title: '照片', dataIndex: 'photoUploadIds', render: (ids: string[]) => (ids.length ? (
          <Image.PreviewGroup><Space size={4} wrap>{ids.map((id) => <Image key={id} width={48} height={48} style={{ objectFit: 'cover' }} src={`/api/uploads/${id}`} alt="走访照片" />)}</Space></Image.PreviewGroup>
        ) : '—') },
        { title: '下次联系', dataIndex: 'nextContactDue', render: fmtDate },
        { title: '记录人', dataIndex: 'recordedByName' },
      ]} />
      <AddDialog title="记录走访或联系" open={open} onClose={() => setOpen(false)} initialValues={{ visitedOn: today(), mode: 'home', mentorshipId: active[0]?.id }}
        onSubmit={async (v) => {
          // Photos go through the uploads service first (type checked by content on the server), then their ids.
          const files = ((v.photos as { files?: File[] } | undefined)?.files ?? []).slice(0, 9);
          const photoUploadIds: string[] = [];
          try {
            for (const file of files) {
              const fd = new FormData();
              fd.append('file', file, file.name);
              photoUploadIds.push((await api.post<{ id: string }>('/api/uploads', fd)).id);
            }
          } catch (err) {
            onMutationError(err);
            return false;
          }
          const { photos: _p, ...rest } = v;
          return add(`/api/care-cases/${c.id}/visits`, { ...rest, ...(photoUploadIds.length ? { photoUploadIds } : {}) }, '已记录走访');
        }}>
        <Row gutter={16}>
          <Col span={12}><Form.Item name="visitedOn" label="日期" rules={req('日期')}><DateInput /></Form.Item></Col>
          <Col span={12}><Form.Item name="mode" label="方式" rules={req('方式')}><Select options={visitModeOptions} /></Form.Item></Col>
          <Col span={12}><Form.Item name="mentorshipId" label="帮扶人"><Select allowClear options={active.map((p) => ({ value: p.id, label: p.volunteerName }))} /></Form.Item></Col>
          <Col span={12}><Form.Item name="nextContactDue" label="下次联系日期"><DateInput /></Form.Item></Col>
          <Col span={24}><Form.Item name="content" label="走访内容" rules={req('走访内容')}><Input.TextArea rows={4} maxLength={2000} /></Form.Item></Col>
          <Col span={24}>
            <Form.Item name="photos" label="照片（最多9张）" valuePropName="file" getValueFromEvent={(e: React.ChangeEvent<HTMLInputElement>) => ({ files: [...(e.target.files ?? [])] })}
              rules={[{ validator: async (_r, val: { files?: File[] } | undefined) => { if ((val?.files?.length ?? 0) > 9) throw new Error('照片最多9张'); } }]}>
              <input type="file" accept="image/jpeg,image/png,image/webp,image/gif" multiple aria-label="走访照片" />
            </Form.Item>
          </Col>
        </Row>
      </AddDialog>
    </>
  );
}

export function AssistanceTab({ c }: { c: CareCaseDetail }) {
  const q = useQuery({ queryKey: ['care-cases', c.id, 'assistance'], queryFn: () => api.get<Assistance[]>(`/api/care-cases/${c.id}/assistance`) });
  const [open, setOpen] = useState(false);
  const add = useAdd(c.id);
  const total = (q.data ?? []).reduce((s, a) => s + a.amountFen, 0);
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        {c.actions.includes('recordAssistance') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>登记帮扶</Button>}
        <span>合计：{fmtMoney(yuan(total))}</span>
      </Space>
      <Table<Assistance> rowKey="id" size="middle" loading={q.isLoading} dataSource={q.data ?? []} pagination={false} columns={[
        { title: '发放日期', dataIndex: 'paidOn', render: fmtDate },
        { title: '类型', dataIndex: 'kind', render: (k: Assistance['kind']) => assistanceKindLabels[k] },
        { title: '金额', dataIndex: 'amountFen', align: 'right', render: (v: number) => fmtMoney(yuan(v)) },
        { title: '物资', dataIndex: 'goods', render: dash },
        { title: '资金来源', dataIndex: 'fundingSource' },
        { title: '审批人', dataIndex: 'approvedBy' },
        { title: '就业创业结果', dataIndex: 'employmentResult', render: dash },
        { title: '收据', dataIndex: 'receiptUploadId', render: (id: string | null) => (id ? <a href={`/api/uploads/${id}`}>下载</a> : '—') },
      ]} />
      <AddDialog title="登记帮扶（助学、助困、助业）" open={open} onClose={() => setOpen(false)} initialValues={{ kind: 'education', paidOn: today() }}
        onSubmit={async (v) => {
          let receiptUploadId: string | undefined;
          const file = (v.receipt as { file?: File } | undefined)?.file;
          if (file) {
            const fd = new FormData();
            fd.append('file', file, file.name);
            receiptUploadId = (await api.post<{ id: string }>('/api/uploads', fd)).id;
          }
          const { receipt: _r, amountYuan, ...rest } = v;
          return add(`/api/care-cases/${c.id}/assistance`, { ...rest, amountFen: fen(Number(amountYuan ?? 0)), ...(receiptUploadId ? { receiptUploadId } : {}) }, '已登记帮扶');
        }}>
        <Row gutter={16}>
          <Col span={8}><Form.Item name="kind" label="类型" rules={req('类型')}><Select options={assistanceKindOptions} /></Form.Item></Col>
          <Col span={8}><Form.Item name="amountYuan" label="金额（元）"><InputNumber min={0} precision={2} style={{ width: '100%' }} /></Form.Item></Col>
          <Col span={8}><Form.Item name="paidOn" label="发放日期" rules={req('发放日期')}><DateInput /></Form.Item></Col>
          <Col span={12}><Form.Item name="goods" label="物资"><Input maxLength={200} /></Form.Item></Col>
          <Col span={12}><Form.Item name="fundingSource" label="资金来源" rules={req('资金来源')}><Input maxLength={100} /></Form.Item></Col>
          <Col span={12}><Form.Item name="approvedBy" label="审批人" rules={req('审批人')}><Input maxLength={50} /></Form.Item></Col>
          <Col span={12}><Form.Item name="employmentResult" label="就业创业结果（助业）"><Input maxLength={200} /></Form.Item></Col>
          <Col span={24}><Form.Item name="receipt" label="收据（图片或 PDF）" valuePropName="file" getValueFromEvent={(e: React.ChangeEvent<HTMLInputElement>) => ({ file: e.target.files?.[0] })}><input type="file" accept="image/*,application/pdf" /></Form.Item></Col>
        </Row>
      </AddDialog>
    </>
  );
}

export function TimelineTab({ c }: { c: CareCaseDetail }) {
  const q = useQuery({ queryKey: ['care-cases', c.id, 'timeline'], queryFn: () => api.get<TimelineEvent[]>(`/api/care-cases/${c.id}/timeline`) });
  if (!q.isLoading && !q.data?.length) return <Empty description="暂无记录" />;
  return (
    <Timeline items={(q.data ?? []).map((e) => ({ key: `${e.at}-${e.title}`, content: <div><b>{e.title}</b><div style={{ color: '#666' }}>{fmtDateTime(e.at).slice(0, e.at.endsWith('T00:00:00.000Z') ? 10 : 16)}{e.by ? ` · ${e.by}` : ''}</div>{e.detail && <div>{e.detail}</div>}</div> }))} />
  );
}

