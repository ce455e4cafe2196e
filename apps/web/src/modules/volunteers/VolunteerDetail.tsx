import { useState } from 'react';
import { Alert, Button, Card, Col, Descriptions, Drawer, Form, Input, InputNumber, Modal, Row, Select, Space, Statistic, Switch, Table, Tabs, Tag } from 'antd';
import { Link } from 'react-router';
import { FileWordOutlined, PaperClipOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  committeePostLabels,
  honourLevelLabels,
  volunteerHonourCreate,
  type HonourLevel,
  type VolunteerHonour,
  politicalStatusLabels,
  sexLabels,
  volunteerAvailabilityLabels,
  volunteerCategoryLabels,
  volunteerHealthLabels,
  volunteerServiceCreate,
  volunteerSpecialtyLabels,
  volunteerStatusLabels,
  volunteerTeamKindLabels,
  volunteerTeamRoleLabels,
  type Volunteer,
  type VolunteerServiceSummary,
  type VolunteerStatus,
  type VolunteerTeamKind,
  type VolunteerTeamRole,
} from '@gg/shared';
import { api } from '../../app/api';
import { showSuccess } from '../../app/feedback';
import { dash, fmtDate } from '../../app/format';
import { ActionButtons } from '../../components/ActionButtons';
import { DateInput } from '../../components/DateInput';
import { DownloadButton } from '../../components/DownloadButton';
import { onMutationError } from '../../components/mutation';
import { useSchemaForm } from '../../components/schemaForm';
import { hoursText, sourceLabels, starText, statusOptions } from './options';
import { UploadIds } from '../activities/common';

const honourLevelOptions = (Object.keys(honourLevelLabels) as HonourLevel[]).map((value) => ({ value, label: honourLevelLabels[value] }));

/** The volunteer's detail in a drawer (from the list); the same view as the page /volunteers/:id. */
export function VolunteerDetailDrawer({ id, onClose, onEdit }: { id: string | null; onClose: () => void; onEdit: (v: Volunteer) => void }) {
  const q = useQuery({ queryKey: ['volunteers', 'detail', id], queryFn: () => api.get<Volunteer>(`/api/volunteers/${id}`), enabled: Boolean(id) });
  const v = q.data;
  const [statusOpen, setStatusOpen] = useState(false);
  return (
    <Drawer open={Boolean(id)} onClose={onClose} size={960} title={v ? <Link to={`/volunteers/${v.id}`}>{v.name}（{volunteerCategoryLabels[v.category]}）</Link> : '志愿者'}
      extra={v && <ActionButtons type="default" size="middle" actions={v.actions} specs={{ update: { label: '编辑', onClick: () => onEdit(v) }, changeStatus: { label: '变更状态', onClick: () => setStatusOpen(true) } }} />}>
      {v && <VolunteerDetailView key={v.id} volunteer={v} statusOpen={statusOpen} onStatusClose={() => setStatusOpen(false)} />}
    </Drawer>
  );
}

export const volunteerTabs = ['basic', 'teams', 'service', 'honours', 'certificate'] as const;
export type VolunteerTab = (typeof volunteerTabs)[number];

/**
 * Summary on top, tabs 基本信息 / 所在队伍 / 服务记录 / 表彰荣誉 / 服务证明. `tab`/`onTab` let the page keep
 * the open tab in its URL (?tab=honours).
 */
export function VolunteerDetailView({ volunteer: v, statusOpen, onStatusClose, tab, onTab }: { volunteer: Volunteer; statusOpen: boolean; onStatusClose: () => void; tab?: VolunteerTab; onTab?: (t: VolunteerTab) => void }) {
  const qc = useQueryClient();
  const [unmasked, setUnmasked] = useState<Record<string, string | null>>({});
  const refresh = () => qc.invalidateQueries({ queryKey: ['volunteers'] });
  const unmask = async (field: 'idNumber' | 'phone') => {
    try {
      const r = await api.post<{ field: string; value: string | null }>(`/api/volunteers/${v.id}/unmask`, { field });
      setUnmasked((m) => ({ ...m, [field]: r.value }));
    } catch (err) {
      onMutationError(err);
    }
  };
  const shown = (field: 'idNumber' | 'phone') => (
    <Space>
      {dash(unmasked[field] ?? v[field] ?? null)}
      {v.actions.includes('unmask') && v[field] && !unmasked[field] && (
        <Button type="link" size="small" onClick={() => unmask(field)}>
          显示
        </Button>
      )}
    </Space>
  );
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Row gutter={16}>
        <Col span={6}><Card size="small"><Statistic title="累计服务时长（小时）" value={v.totalHours} precision={1} /></Card></Col>
        <Col span={6}><Card size="small"><Statistic title="服务星级" value={starText(v.stars)} valueStyle={{ color: '#c8102e' }} /></Card></Col>
        <Col span={6}><Card size="small"><Statistic title="年龄" value={v.age} suffix="岁" /></Card></Col>
        <Col span={6}><Card size="small"><Statistic title="状态" value={volunteerStatusLabels[v.status]} /></Card></Col>
      </Row>
      <Tabs
        activeKey={tab}
        onChange={onTab ? (k) => onTab(k as VolunteerTab) : undefined}
        items={[
          {
            key: 'basic',
            label: '基本信息',
            children: (
              <Descriptions bordered column={2} size="middle">
                <Descriptions.Item label="姓名">{v.name}</Descriptions.Item>
                <Descriptions.Item label="类别">{volunteerCategoryLabels[v.category]}</Descriptions.Item>
                <Descriptions.Item label="性别">{sexLabels[v.sex]}</Descriptions.Item>
                <Descriptions.Item label="出生日期">{fmtDate(v.birthDate)}</Descriptions.Item>
                <Descriptions.Item label="身份证号">{shown('idNumber')}</Descriptions.Item>
                <Descriptions.Item label="联系电话">{shown('phone')}</Descriptions.Item>
                <Descriptions.Item label="乡镇（街道）">{dash(v.townshipName)}</Descriptions.Item>
                <Descriptions.Item label="所属组织">{v.orgUnitName}</Descriptions.Item>
                <Descriptions.Item label="原工作单位">{dash(v.formerUnit)}</Descriptions.Item>
                <Descriptions.Item label="原职务">{dash(v.formerPost)}</Descriptions.Item>
                <Descriptions.Item label="政治面貌">{v.politicalStatus ? politicalStatusLabels[v.politicalStatus] : '—'}</Descriptions.Item>
                <Descriptions.Item label="关工委职务">{committeePostLabels[v.committeePost]}</Descriptions.Item>
                <Descriptions.Item label="健康状况">{v.health ? volunteerHealthLabels[v.health] : '—'}</Descriptions.Item>
                <Descriptions.Item label="可服务时间">{v.availability ? volunteerAvailabilityLabels[v.availability] : '—'}</Descriptions.Item>
                <Descriptions.Item label="特长" span={2}>{v.specialties.length ? v.specialties.map((s) => <Tag key={s}>{volunteerSpecialtyLabels[s]}</Tag>) : '—'}</Descriptions.Item>
                <Descriptions.Item label="加入日期">{fmtDate(v.joinDate)}</Descriptions.Item>
                <Descriptions.Item label="登记日期">{fmtDate(v.createdAt)}</Descriptions.Item>
                <Descriptions.Item label="备注" span={2}><div style={{ whiteSpace: 'pre-wrap' }}>{dash(v.remark)}</div></Descriptions.Item>
              </Descriptions>
            ),
          },
          { key: 'teams', label: '所在队伍', children: <TeamsTab id={v.id} /> },
          { key: 'service', label: '服务记录', children: <ServiceTab volunteer={v} onChanged={refresh} /> },
          { key: 'honours', label: '表彰荣誉', children: <HonoursTab volunteer={v} /> },
          ...(v.actions.includes('certificate') ? [{ key: 'certificate', label: '服务证明', children: <CertificateTab volunteer={v} /> }] : []),
        ]}
      />
      <StatusModal volunteer={v} open={statusOpen} onClose={onStatusClose} onDone={refresh} />
    </Space>
  );
}

function ServiceTab({ volunteer, onChanged }: { volunteer: Volunteer; onChanged: () => void }) {
  const [page, setPage] = useState(1);
  const [adding, setAdding] = useState(false);
  const q = useQuery({ queryKey: ['volunteers', 'service', volunteer.id, page], queryFn: () => api.get<VolunteerServiceSummary>(`/api/volunteers/${volunteer.id}/service`, { page, pageSize: 10 }) });
  const s = q.data;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {s && (
        <Row gutter={16}>
          <Col span={8}><Statistic title="累计服务时长" value={hoursText(s.totalHours)} /></Col>
          <Col span={8}><Statistic title="服务星级" value={starText(s.stars)} /></Col>
          <Col span={8}><Statistic title="距下一星级" value={s.nextStarHours === null ? '已达最高' : hoursText(Math.max(0, s.nextStarHours - s.totalHours))} /></Col>
        </Row>
      )}
      {s && s.byYear.length > 0 && (
        <Space wrap>{s.byYear.map((y) => <Tag key={y.year} color="red">{y.year}年：{hoursText(y.hours)}，{y.records} 次</Tag>)}</Space>
      )}
      <Space wrap>
        {volunteer.actions.includes('addService') && (
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>补录服务</Button>
        )}
      </Space>
      <Table
        rowKey="id"
        size="middle"
        loading={q.isFetching}
        dataSource={s?.items ?? []}
        pagination={{ current: page, pageSize: 10, total: s?.total ?? 0, onChange: setPage, hideOnSinglePage: true }}
        locale={{ emptyText: '暂无服务记录。参加活动、结对走访后会自动记录；其他服务可点击“补录服务”。' }}
        columns={[
          { title: '服务日期', dataIndex: 'date', render: fmtDate },
          { title: '来源', dataIndex: 'source', render: (v: keyof typeof sourceLabels) => <Tag>{sourceLabels[v]}</Tag> },
          { title: '服务内容', dataIndex: 'description' },
          { title: '队伍', dataIndex: 'teamName', render: dash },
          { title: '时长（小时）', dataIndex: 'hours', align: 'right', render: (h: number) => h.toFixed(1) },
          { title: '补录原因', dataIndex: 'reason', render: dash },
        ]}
      />
      <ServiceModal volunteer={volunteer} open={adding} onClose={() => setAdding(false)} onDone={() => { setAdding(false); void q.refetch(); onChanged(); }} />
    </Space>
  );
}

function ServiceModal({ volunteer, open, onClose, onDone }: { volunteer: Volunteer; open: boolean; onClose: () => void; onDone: () => void }) {
  const sf = useSchemaForm(volunteerServiceCreate);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const values = await sf.submitValues();
    if (!values) return;
    setBusy(true);
    try {
      await api.post(`/api/volunteers/${volunteer.id}/service`, values);
      showSuccess('已补录服务记录');
      sf.form.resetFields();
      onDone();
    } catch (err) {
      sf.applyServerError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title={`补录服务 · ${volunteer.name}`} onCancel={onClose} onOk={submit} confirmLoading={busy} okText="保存" destroyOnHidden>
      <Form form={sf.form} layout="vertical" name="volunteer-service">
        <Form.Item label="服务日期" {...sf.item('date')}><DateInput /></Form.Item>
        <Form.Item label="时长（小时）" {...sf.item('hours')}><InputNumber min={0.1} max={24} step={0.5} precision={1} style={{ width: 160 }} /></Form.Item>
        <Form.Item label="服务内容" {...sf.item('description')}><Input maxLength={200} /></Form.Item>
        <Form.Item label="补录原因" {...sf.item('reason')} extra="活动和走访会自动记录，不要重复补录"><Input maxLength={200} /></Form.Item>
      </Form>
    </Modal>
  );
}

function StatusModal({ volunteer, open, onClose, onDone }: { volunteer: Volunteer; open: boolean; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const values = (await form.validateFields()) as { status: VolunteerStatus; reason: string };
    setBusy(true);
    try {
      await api.post(`/api/volunteers/${volunteer.id}/status`, values);
      showSuccess('状态已变更');
      onClose();
      onDone();
    } catch (err) {
      onMutationError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title="变更状态" onCancel={onClose} onOk={submit} confirmLoading={busy} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ status: volunteer.status }} name="volunteer-status">
        <Form.Item name="status" label="状态" rules={[{ required: true }]}><Select options={statusOptions} /></Form.Item>
        <Form.Item name="reason" label="原因" rules={[{ required: true, message: '请填写原因' }]}><Input maxLength={200} /></Form.Item>
      </Form>
    </Modal>
  );
}

function TeamsTab({ id }: { id: string }) {
  const q = useQuery({ queryKey: ['volunteers', 'teams', id], queryFn: () => api.get<{ teamId: string; teamName: string; kind: VolunteerTeamKind; role: VolunteerTeamRole; joinedOn: string }[]>(`/api/volunteers/${id}/teams`) });
  return (
    <Table
      rowKey="teamId"
      loading={q.isFetching}
      dataSource={q.data ?? []}
      pagination={false}
      locale={{ emptyText: '尚未加入任何队伍，可在“队伍管理”中加入' }}
      columns={[
        { title: '队伍', dataIndex: 'teamName' },
        { title: '类型', dataIndex: 'kind', render: (k: VolunteerTeamKind) => volunteerTeamKindLabels[k] },
        { title: '队内角色', dataIndex: 'role', render: (r: VolunteerTeamRole) => volunteerTeamRoleLabels[r] },
        { title: '加入日期', dataIndex: 'joinedOn', render: fmtDate },
      ]}
    />
  );
}

/** 志愿服务记录证明 for a period (Word, national fields), with the totals it will carry. */
function CertificateTab({ volunteer }: { volunteer: Volunteer }) {
  const [period, setPeriod] = useState<{ from?: string; to?: string }>({});
  const q = useQuery({
    queryKey: ['volunteers', 'service', volunteer.id, 'period', period],
    queryFn: () => api.get<VolunteerServiceSummary>(`/api/volunteers/${volunteer.id}/service`, { ...period, page: 1, pageSize: 1 }),
  });
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Alert type="info" showIcon title="按民政部《志愿服务记录与证明出具办法》出具：含身份信息（脱敏）、服务组织、服务内容、服务时长、服务期间、出具单位和日期；标记为“列入证明”的期间内表彰一并列出。" />
      <Space wrap>
        <DateInput value={period.from} onChange={(from) => setPeriod((p) => ({ ...p, from }))} placeholder="证明开始日期" />
        <DateInput value={period.to} onChange={(to) => setPeriod((p) => ({ ...p, to }))} placeholder="证明结束日期" />
        <DownloadButton type="primary" url={`/api/volunteers/${volunteer.id}/certificate`} query={period} icon={<FileWordOutlined />} fileName="志愿服务记录证明.docx">开具服务证明</DownloadButton>
      </Space>
      {q.data && (
        <Row gutter={16}>
          <Col span={8}><Statistic title={period.from || period.to ? '所选期间服务时长' : '累计服务时长'} value={hoursText(q.data.periodHours)} /></Col>
          <Col span={8}><Statistic title="服务记录" value={q.data.total} suffix="次" /></Col>
          <Col span={8}><Statistic title="服务星级" value={starText(q.data.stars)} /></Col>
        </Row>
      )}
    </Space>
  );
}

/** 表彰荣誉: list, add, edit, delete (with an evidence file); whether the certificate lists each. */
function HonoursTab({ volunteer }: { volunteer: Volunteer }) {
  const qc = useQueryClient();
  const key = ['volunteers', 'honours', volunteer.id];
  const q = useQuery({ queryKey: key, queryFn: () => api.get<VolunteerHonour[]>(`/api/volunteers/${volunteer.id}/honours`) });
  const [editing, setEditing] = useState<VolunteerHonour | 'new' | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: key });
  const remove = async (h: VolunteerHonour) => {
    try {
      await api.delete(`/api/volunteers/${volunteer.id}/honours/${h.id}`);
      showSuccess(`已删除「${h.title}」`);
      await refresh();
    } catch (err) {
      onMutationError(err);
    }
  };
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {volunteer.actions.includes('manageHonours') && <Button icon={<PlusOutlined />} onClick={() => setEditing('new')}>登记荣誉</Button>}
      <Table
        rowKey="id"
        size="middle"
        loading={q.isFetching}
        dataSource={q.data ?? []}
        pagination={false}
        locale={{ emptyText: '暂无表彰荣誉' }}
        columns={[
          { title: '授予日期', dataIndex: 'awardedOn', render: fmtDate },
          { title: '荣誉名称', dataIndex: 'title' },
          { title: '级别', dataIndex: 'level', render: (l: HonourLevel) => <Tag color="red">{honourLevelLabels[l]}</Tag> },
          { title: '授予单位', dataIndex: 'awardedBy', render: dash },
          { title: '证明材料', dataIndex: 'evidence', render: (e: VolunteerHonour['evidence']) => (e ? <a href={`/api/uploads/${e.id}`} target="_blank" rel="noreferrer"><PaperClipOutlined /> {e.originalName}</a> : '—') },
          { title: '列入证明', dataIndex: 'onCertificate', render: (b: boolean) => (b ? '是' : '否') },
          {
            title: '操作',
            key: 'op',
            render: (_, h) => (
              <ActionButtons
                actions={h.actions}
                specs={{
                  update: { label: '编辑', onClick: () => setEditing(h) },
                  delete: { label: '删除', danger: true, confirm: `确定删除「${h.title}」吗？`, onClick: () => remove(h) },
                }}
              />
            ),
          },
        ]}
      />
      <HonourModal volunteer={volunteer} target={editing} onClose={() => setEditing(null)} onDone={() => { setEditing(null); void refresh(); }} />
    </Space>
  );
}

function HonourModal({ volunteer, target, onClose, onDone }: { volunteer: Volunteer; target: VolunteerHonour | 'new' | null; onClose: () => void; onDone: () => void }) {
  const sf = useSchemaForm(volunteerHonourCreate);
  const [busy, setBusy] = useState(false);
  const honour = target && target !== 'new' ? target : null;
  const submit = async () => {
    const values = await sf.submitValues();
    if (!values) return;
    const evidence = (sf.form.getFieldValue('evidence') as string[] | undefined)?.[0] ?? null;
    setBusy(true);
    try {
      if (honour) await api.patch(`/api/volunteers/${volunteer.id}/honours/${honour.id}`, { ...values, awardedBy: values.awardedBy ?? '', remark: values.remark ?? '', evidenceUploadId: evidence });
      else await api.post(`/api/volunteers/${volunteer.id}/honours`, { ...values, evidenceUploadId: evidence });
      showSuccess(honour ? '已保存' : `已登记「${values.title as string}」`);
      onDone();
    } catch (err) {
      sf.applyServerError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={Boolean(target)} title={`${honour ? '编辑' : '登记'}荣誉 · ${volunteer.name}`} onCancel={onClose} onOk={submit} confirmLoading={busy} okText="保存" destroyOnHidden>
      <Form
        form={sf.form}
        layout="vertical"
        name="volunteer-honour"
        preserve={false}
        initialValues={honour ? { title: honour.title, level: honour.level, awardedBy: honour.awardedBy ?? undefined, awardedOn: honour.awardedOn, onCertificate: honour.onCertificate, remark: honour.remark ?? undefined, evidence: honour.evidence ? [honour.evidence.id] : [] } : { onCertificate: true, evidence: [] }}
      >
        <Form.Item label="荣誉名称" {...sf.item('title')}><Input maxLength={100} placeholder="如：全国关心下一代工作先进个人" /></Form.Item>
        <Form.Item label="级别" {...sf.item('level')}><Select options={honourLevelOptions} placeholder="请选择" /></Form.Item>
        <Form.Item label="授予单位" {...sf.item('awardedBy')}><Input maxLength={100} /></Form.Item>
        <Form.Item label="授予日期" {...sf.item('awardedOn')}><DateInput /></Form.Item>
        <Form.Item label="证明材料" name="evidence" extra="证书照片或表彰文件，1个"><UploadIds kind="files" max={1} /></Form.Item>
        <Form.Item label="列入服务证明" {...sf.item('onCertificate')} valuePropName="checked"><Switch /></Form.Item>
        <Form.Item label="备注" {...sf.item('remark')}><Input.TextArea maxLength={1000} rows={2} /></Form.Item>
      </Form>
    </Modal>
  );
}
