import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Breadcrumb, Button, Card, Checkbox, Col, Descriptions, Form, Input, InputNumber, Modal, Radio, Result, Row, Select, Skeleton, Space, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  trainingClassStatusLabels, trainingEnrolmentCreate, trainingFollowUpCreate, trainingIndustryLabels, trainingOutcomeLabels, trainingSessionCreate,
  type TrainingClass, type TrainingEnrolment, type TrainingSession,
} from '@gg/shared';
import { api, download } from '../../app/api';
import { useAuth } from '../../app/auth';
import { showSuccess } from '../../app/feedback';
import { dash, fmtDate, fmtMoney } from '../../app/format';
import { ActionButtons } from '../../components/ActionButtons';
import { DateInput } from '../../components/DateInput';
import { DownloadButton } from '../../components/DownloadButton';
import { onMutationError } from '../../components/mutation';
import { useSchemaForm } from '../../components/schemaForm';
import { ClassFormDrawer } from './ClassFormDrawer';
import { RosterImportModal } from './RosterImportModal';
import { classStatusColor, educationOptions, enrolmentStatusColor, industryOptions, monthOptions, nextStatus, outcomeOptions, trainingEnrolmentStatusLabels } from './options';

const todayLocal = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/** One class: header with its status moves, and tabs for trainees, sessions & attendance, follow-ups and results. */
export default function TrainingClassPage() {
  const { id = '' } = useParams();
  const qc = useQueryClient();
  const klass = useQuery({ queryKey: ['training-classes', id], queryFn: () => api.get<TrainingClass>(`/api/training/classes/${id}`) });
  const people = useQuery({ queryKey: ['training-classes', id, 'enrolments'], queryFn: () => api.get<TrainingEnrolment[]>(`/api/training/classes/${id}/enrolments`) });
  const sessions = useQuery({ queryKey: ['training-classes', id, 'sessions'], queryFn: () => api.get<TrainingSession[]>(`/api/training/classes/${id}/sessions`) });
  const [editing, setEditing] = useState(false);
  const refresh = () => qc.invalidateQueries({ queryKey: ['training-classes'] });

  if (klass.isError) return <Result status="404" title="培训班不存在或不在您的管理范围内" extra={<Link to="/training/classes">返回培训班列表</Link>} />;
  if (!klass.data) return <Skeleton active />;
  const c = klass.data;
  const next = nextStatus[c.status];
  const advance = async () => {
    try {
      await api.post(`/api/training/classes/${c.id}/status`, { to: next!.to });
      showSuccess(`培训班已${next!.label}`);
      await refresh();
    } catch (err) {
      onMutationError(err);
    }
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Breadcrumb items={[{ title: <Link to="/training/classes">培训班</Link> }, { title: c.title }]} />
      <Card
        title={<Space>{c.title}<Tag color={classStatusColor[c.status]}>{trainingClassStatusLabels[c.status]}</Tag></Space>}
        extra={
          <ActionButtons
            type="default"
            size="middle"
            actions={c.actions}
            order={['update', 'advance', 'export']}
            specs={{
              update: { label: '编辑', onClick: () => setEditing(true) },
              ...(next && { advance: { label: next.label, onClick: advance, confirm: next.confirm ?? `确定${next.label}？` } }),
              export: { label: '导出考勤与成效', onClick: () => download(`/api/training/classes/${c.id}/attendance/export`).catch(onMutationError) },
            }}
          />
        }
      >
        <Descriptions column={{ xs: 1, md: 3 }} size="small">
          <Descriptions.Item label="产业">{trainingIndustryLabels[c.industry]}</Descriptions.Item>
          <Descriptions.Item label="培训技能">{c.skill}</Descriptions.Item>
          <Descriptions.Item label="主办">{c.orgUnitName}</Descriptions.Item>
          <Descriptions.Item label="培训日期">{`${fmtDate(c.startDate)} 至 ${fmtDate(c.endDate)}`}</Descriptions.Item>
          <Descriptions.Item label="培训地点">{dash(c.venue)}</Descriptions.Item>
          <Descriptions.Item label="招生 / 在班 / 候补">{`${c.capacity} / ${c.enrolled} / ${c.waiting}`}</Descriptions.Item>
          <Descriptions.Item label="经费">{`${fmtMoney(c.fundingFen / 100)}${c.fundingSource ? `（${c.fundingSource}）` : ''}`}</Descriptions.Item>
          <Descriptions.Item label="联办单位">{c.partners.map((p) => p.name).join('、') || '—'}</Descriptions.Item>
          <Descriptions.Item label="讲师">{c.trainers.map((t) => (t.volunteerId ? `${t.name}（五老）` : t.name)).join('、') || '—'}</Descriptions.Item>
          <Descriptions.Item label="结业要求">{`出勤率不低于 ${c.minAttendancePct}%`}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card>
        <Tabs
          items={[
            { key: 'trainees', label: `学员与候补（${c.enrolled + c.waiting}）`, children: <TraineesTab c={c} people={people.data ?? []} loading={people.isLoading} onChanged={refresh} /> },
            { key: 'sessions', label: `课次与考勤（${c.sessionCount}）`, children: <SessionsTab c={c} sessions={sessions.data ?? []} people={people.data ?? []} onChanged={refresh} /> },
            { key: 'followUps', label: '跟踪回访', children: <FollowUpsTab c={c} people={people.data ?? []} onChanged={refresh} /> },
            { key: 'results', label: '培训成效', children: <ResultsTab people={people.data ?? []} c={c} /> },
          ]}
        />
      </Card>
      <ClassFormDrawer target={editing ? c : null} onClose={() => setEditing(false)} onSaved={async () => { setEditing(false); await refresh(); }} />
    </Space>
  );
}

function TraineesTab({ c, people, loading, onChanged }: { c: TrainingClass; people: TrainingEnrolment[]; loading: boolean; onChanged: () => void }) {
  const { can } = useAuth();
  const [enrolling, setEnrolling] = useState(false);
  const [importing, setImporting] = useState(false);
  const unmask = async (e: TrainingEnrolment) => {
    try {
      const r = await api.post<{ value: string | null }>(`/api/training/classes/${c.id}/enrolments/${e.id}/unmask`, { field: 'idNumber' });
      Modal.info({ title: `${e.name} 的身份证号`, content: r.value ?? '未登记' });
    } catch (err) {
      onMutationError(err);
    }
  };
  const withdraw = async (e: TrainingEnrolment) => {
    try {
      await api.post(`/api/training/classes/${c.id}/enrolments/${e.id}/withdraw`);
      showSuccess(`${e.name} 已退出${e.status === 'enrolled' ? '，候补学员依次递补' : ''}`);
      onChanged();
    } catch (err) {
      onMutationError(err);
    }
  };
  return (
    <>
      <Space style={{ marginBottom: 16 }}>
        {c.actions.includes('enrol') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEnrolling(true)}>学员报名</Button>}
        {c.actions.includes('import') && <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>导入花名册</Button>}
        <Typography.Text type="secondary">{c.enrolled >= c.capacity ? '已满员，新报名的学员进入候补名单，有人退出时按报名先后递补。' : `还可报名 ${c.capacity - c.enrolled} 人。`}</Typography.Text>
      </Space>
      <Table<TrainingEnrolment>
        rowKey="id"
        loading={loading}
        dataSource={people}
        pagination={false}
        size="middle"
        columns={[
          { title: '姓名', dataIndex: 'name', render: (n: string, r) => <Space>{n}{r.careCaseId && can('careCase:read') && <Tag color="red">帮扶对象</Tag>}</Space> },
          { title: '性别', dataIndex: 'sex', render: (s: string) => (s === 'male' ? '男' : '女') },
          { title: '年龄', dataIndex: 'age', align: 'right' },
          { title: '身份证号', dataIndex: 'idNumber' },
          { title: '联系电话', dataIndex: 'phone', render: dash },
          { title: '状态', dataIndex: 'status', render: (s: TrainingEnrolment['status'], r) => <Tag color={enrolmentStatusColor[s]}>{s === 'waiting' ? `候补第 ${r.waitingPosition} 位` : trainingEnrolmentStatusLabels[s]}</Tag> },
          { title: '出勤', dataIndex: 'attended', align: 'right' },
          { title: '证书编号', dataIndex: 'certificateNo', render: dash },
          {
            title: '操作',
            key: 'actions',
            render: (_, r) => (
              <ActionButtons
                actions={r.actions}
                order={['certificate', 'unmask', 'withdraw']}
                specs={{
                  certificate: { label: '结业证书', onClick: () => { window.open(`/training/classes/${c.id}/certificate/${r.id}`, '_blank'); } },
                  unmask: { label: '查看身份证号', onClick: () => unmask(r) },
                  withdraw: { label: '退出', danger: true, confirm: `确定让 ${r.name} 退出本期培训？`, onClick: () => withdraw(r) },
                }}
              />
            ),
          },
        ]}
      />
      <EnrolModal c={c} open={enrolling} onClose={() => setEnrolling(false)} onDone={() => { setEnrolling(false); onChanged(); }} />
      <RosterImportModal classId={c.id} open={importing} onClose={() => setImporting(false)} onDone={onChanged} />
    </>
  );
}

function EnrolModal({ c, open, onClose, onDone }: { c: TrainingClass; open: boolean; onClose: () => void; onDone: () => void }) {
  const { can } = useAuth();
  const sf = useSchemaForm(trainingEnrolmentCreate);
  const [mode, setMode] = useState<'case' | 'new'>(can('careCase:read') ? 'case' : 'new');
  const [q, setQ] = useState('');
  const [busy, setBusy] = useState(false);
  const candidates = useQuery({
    queryKey: ['training-case-candidates', q],
    queryFn: () => api.get<{ id: string; name: string; idNumber: string; orgUnitName: string }[]>('/api/training/case-candidates', { q }),
    enabled: open && mode === 'case' && q.length > 0,
  });
  const submit = async () => {
    const values = await sf.submitValues();
    if (!values) return;
    setBusy(true);
    try {
      const e = await api.post<TrainingEnrolment>(`/api/training/classes/${c.id}/enrolments`, mode === 'case' ? { careCaseId: values.careCaseId, phone: values.phone, education: values.education } : { ...values, careCaseId: undefined });
      showSuccess(e.status === 'waiting' ? `${e.name} 已进入候补名单（第 ${e.waitingPosition} 位）` : `${e.name} 报名成功`);
      sf.form.resetFields();
      onDone();
    } catch (err) {
      sf.applyServerError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} onCancel={onClose} title={`学员报名 · ${c.title}`} okText="报名" onOk={submit} confirmLoading={busy} destroyOnHidden width={600}>
      <Form form={sf.form} layout="vertical" name="enrol">
        {can('careCase:read') && (
          <Form.Item label="学员来源">
            <Radio.Group value={mode} onChange={(e) => { setMode(e.target.value); sf.form.resetFields(); }} optionType="button"
              options={[{ value: 'case', label: '从帮扶对象中选择' }, { value: 'new', label: '直接登记' }]} />
          </Form.Item>
        )}
        {mode === 'case' ? (
          <Form.Item label="帮扶对象" {...sf.item('careCaseId')} required extra="按姓名查找本人管理范围内的帮扶对象；报名后培训和回访结果记入其帮扶档案（助业）。">
            <Select showSearch filterOption={false} onSearch={setQ} placeholder="输入姓名查找" loading={candidates.isFetching}
              options={(candidates.data ?? []).map((x) => ({ value: x.id, label: `${x.name}（${x.idNumber}，${x.orgUnitName}）` }))} notFoundContent={q ? '没有找到' : '请输入姓名'} />
          </Form.Item>
        ) : (
          <Row gutter={16}>
            <Col span={12}><Form.Item label="姓名" {...sf.item('name')} required><Input maxLength={50} /></Form.Item></Col>
            <Col span={12}><Form.Item label="身份证号" {...sf.item('idNumber')} required extra="性别、出生日期以身份证号为准；已在帮扶台账中的自动关联"><Input maxLength={18} /></Form.Item></Col>
          </Row>
        )}
        <Row gutter={16}>
          <Col span={12}><Form.Item label="联系电话" {...sf.item('phone')}><Input maxLength={20} inputMode="tel" /></Form.Item></Col>
          <Col span={12}><Form.Item label="文化程度" {...sf.item('education')}><Select allowClear options={educationOptions} /></Form.Item></Col>
        </Row>
      </Form>
    </Modal>
  );
}

function SessionsTab({ c, sessions, people, onChanged }: { c: TrainingClass; sessions: TrainingSession[]; people: TrainingEnrolment[]; onChanged: () => void }) {
  const [adding, setAdding] = useState(false);
  const [marking, setMarking] = useState<TrainingSession | null>(null);
  const seated = people.filter((p) => p.status === 'enrolled' || p.status === 'completed' || p.status === 'not_completed');
  const held = sessions.filter((s) => s.held);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Space>
        {c.actions.includes('addSession') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>新增课次</Button>}
        {c.status !== 'running' && c.status !== 'finished' && <Typography.Text type="secondary">开班后才能登记考勤。</Typography.Text>}
      </Space>
      <Table<TrainingSession>
        rowKey="id"
        dataSource={sessions}
        pagination={false}
        size="middle"
        columns={[
          { title: '日期', dataIndex: 'sessionDate', render: fmtDate },
          { title: '课程内容', dataIndex: 'topic' },
          { title: '课时', dataIndex: 'hours', align: 'right' },
          { title: '讲师', dataIndex: 'trainerName', render: dash },
          { title: '出勤', key: 'present', render: (_, s) => (s.held ? `${s.presentIds.length} / ${seated.length}` : <Tag>未登记</Tag>) },
          { title: '操作', key: 'op', render: (_, s) => (c.actions.includes('attendance') ? <Button type="link" size="small" onClick={() => setMarking(s)}>登记考勤</Button> : '—') },
        ]}
      />
      {held.length > 0 && (
        <>
          <Typography.Title level={5}>考勤表</Typography.Title>
          <Table<TrainingEnrolment>
            rowKey="id"
            dataSource={seated}
            pagination={false}
            size="small"
            scroll={{ x: true }}
            columns={[
              { title: '姓名', dataIndex: 'name', fixed: 'left' },
              ...held.map((s) => ({ title: s.sessionDate.slice(5), key: s.id, align: 'center' as const, render: (_: unknown, p: TrainingEnrolment) => (s.presentIds.includes(p.id) ? '√' : <span style={{ color: '#c8102e' }}>×</span>) })),
              { title: '出勤率', key: 'rate', align: 'right' as const, render: (_: unknown, p: TrainingEnrolment) => `${Math.round((p.attended * 100) / held.length)}%` },
            ]}
          />
        </>
      )}
      <SessionModal c={c} open={adding} onClose={() => setAdding(false)} onDone={() => { setAdding(false); onChanged(); }} />
      <AttendanceModal c={c} session={marking} seated={seated.filter((p) => p.status === 'enrolled')} onClose={() => setMarking(null)} onDone={() => { setMarking(null); onChanged(); }} />
    </Space>
  );
}

function SessionModal({ c, open, onClose, onDone }: { c: TrainingClass; open: boolean; onClose: () => void; onDone: () => void }) {
  const sf = useSchemaForm(trainingSessionCreate);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const values = await sf.submitValues();
    if (!values) return;
    setBusy(true);
    try {
      await api.post(`/api/training/classes/${c.id}/sessions`, values);
      showSuccess('已新增课次');
      onDone();
    } catch (err) {
      sf.applyServerError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} onCancel={onClose} title="新增课次" okText="保存" onOk={submit} confirmLoading={busy} destroyOnHidden>
      <Form form={sf.form} layout="vertical" name="session" initialValues={{ sessionDate: c.startDate, hours: 3 }}>
        <Form.Item label="上课日期" {...sf.item('sessionDate')}><DateInput /></Form.Item>
        <Form.Item label="课程内容" {...sf.item('topic')}><Input maxLength={100} /></Form.Item>
        <Form.Item label="课时（小时）" {...sf.item('hours')}><InputNumber min={0.5} max={12} step={0.5} style={{ width: '100%' }} /></Form.Item>
        <Form.Item label="讲师" {...sf.item('trainerId')} extra="五老志愿者授课的，考勤登记后课时自动计入其志愿服务时长">
          <Select allowClear options={c.trainers.map((t) => ({ value: t.id, label: t.volunteerId ? `${t.name}（五老）` : t.name }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function AttendanceModal({ c, session, seated, onClose, onDone }: { c: TrainingClass; session: TrainingSession | null; seated: TrainingEnrolment[]; onClose: () => void; onDone: () => void }) {
  const [present, setPresent] = useState<string[] | null>(null);
  const [busy, setBusy] = useState(false);
  const value = present ?? (session ? (session.held ? session.presentIds : seated.map((p) => p.id)) : []);
  const submit = async () => {
    setBusy(true);
    try {
      await api.put(`/api/training/classes/${c.id}/sessions/${session!.id}/attendance`, { presentIds: value });
      showSuccess(`已登记考勤：出勤 ${value.length} 人`);
      setPresent(null);
      onDone();
    } catch (err) {
      onMutationError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={Boolean(session)} onCancel={() => { setPresent(null); onClose(); }} title={session ? `登记考勤 · ${session.sessionDate} ${session.topic}` : ''} okText="保存考勤" onOk={submit} confirmLoading={busy} destroyOnHidden>
      <Typography.Paragraph type="secondary">勾选出勤的学员（默认全部出勤）。</Typography.Paragraph>
      <Checkbox.Group value={value} onChange={(v) => setPresent(v as string[])} options={seated.map((p) => ({ value: p.id, label: p.name }))} />
    </Modal>
  );
}

function FollowUpsTab({ c, people, onChanged }: { c: TrainingClass; people: TrainingEnrolment[]; onChanged: () => void }) {
  const [target, setTarget] = useState<TrainingEnrolment | null>(null);
  const trained = people.filter((p) => p.status === 'completed' || p.status === 'not_completed');
  if (c.status !== 'finished') return <Typography.Text type="secondary">培训班结业后，在结束日期后第 3、6、12 个月对学员跟踪回访（就业、创业、求职或上学）。</Typography.Text>;
  const cell = (p: TrainingEnrolment, m: number) => {
    const f = p.followUps.find((x) => x.month === m);
    if (f) return <span>{trainingOutcomeLabels[f.outcome]}{f.employer ? ` · ${f.employer}` : ''}{f.industry ? `（${trainingIndustryLabels[f.industry]}）` : ''}</span>;
    return p.dueFollowUps.includes(m) ? <Tag color="orange">待回访</Tag> : <span style={{ color: '#999' }}>未到期</span>;
  };
  return (
    <>
      <Table<TrainingEnrolment>
        rowKey="id"
        dataSource={trained}
        pagination={false}
        size="middle"
        columns={[
          { title: '姓名', dataIndex: 'name' },
          { title: '结业', dataIndex: 'status', render: (s: TrainingEnrolment['status']) => <Tag color={enrolmentStatusColor[s]}>{trainingEnrolmentStatusLabels[s]}</Tag> },
          { title: '3个月', key: 'm3', render: (_, p) => cell(p, 3) },
          { title: '6个月', key: 'm6', render: (_, p) => cell(p, 6) },
          { title: '12个月', key: 'm12', render: (_, p) => cell(p, 12) },
          { title: '操作', key: 'op', render: (_, p) => <ActionButtons actions={p.actions} specs={{ followUp: { label: '登记回访', onClick: () => setTarget(p) } }} /> },
        ]}
      />
      <FollowUpModal c={c} target={target} onClose={() => setTarget(null)} onDone={() => { setTarget(null); onChanged(); }} />
    </>
  );
}

function FollowUpModal({ c, target, onClose, onDone }: { c: TrainingClass; target: TrainingEnrolment | null; onClose: () => void; onDone: () => void }) {
  const sf = useSchemaForm(trainingFollowUpCreate);
  const [busy, setBusy] = useState(false);
  const outcome = Form.useWatch('outcome', sf.form);
  const submit = async () => {
    const values = await sf.submitValues();
    if (!values) return;
    setBusy(true);
    try {
      await api.post(`/api/training/classes/${c.id}/enrolments/${target!.id}/follow-ups`, values);
      showSuccess('已登记回访');
      onDone();
    } catch (err) {
      sf.applyServerError(err);
    } finally {
      setBusy(false);
    }
  };
  const working = outcome === 'employed' || outcome === 'business';
  return (
    <Modal open={Boolean(target)} onCancel={onClose} title={`跟踪回访 · ${target?.name ?? ''}`} okText="保存" onOk={submit} confirmLoading={busy} destroyOnHidden>
      <Form form={sf.form} layout="vertical" name="followUp" initialValues={{ month: target?.dueFollowUps[0] ?? 3, recordedOn: todayLocal(), industry: c.industry }}>
        <Form.Item label="回访节点" {...sf.item('month')}><Select options={monthOptions} /></Form.Item>
        <Form.Item label="回访结果" {...sf.item('outcome')}><Radio.Group options={outcomeOptions} optionType="button" /></Form.Item>
        {working && <Form.Item label="就业单位或创业项目" {...sf.item('employer')} required><Input maxLength={100} /></Form.Item>}
        {working && <Form.Item label="所属产业" {...sf.item('industry')} required><Select options={industryOptions} /></Form.Item>}
        <Form.Item label="回访日期" {...sf.item('recordedOn')}><DateInput /></Form.Item>
        <Form.Item label="备注" {...sf.item('note')}><Input.TextArea rows={2} maxLength={500} /></Form.Item>
      </Form>
    </Modal>
  );
}

function ResultsTab({ c, people }: { c: TrainingClass; people: TrainingEnrolment[] }) {
  const r = useMemo(() => {
    const trained = people.filter((p) => p.status === 'completed' || p.status === 'not_completed' || p.status === 'enrolled');
    const latest = trained.map((p) => [...p.followUps].sort((a, b) => b.month - a.month)[0]).filter(Boolean);
    const n = (o: string) => latest.filter((f) => f.outcome === o).length;
    return {
      trainees: trained.length, completed: trained.filter((p) => p.status === 'completed').length, followed: latest.length,
      employed: n('employed'), business: n('business'), seeking: n('seeking'), school: n('school'),
      inIndustry: latest.filter((f) => (f.outcome === 'employed' || f.outcome === 'business') && f.industry === c.industry).length,
    };
  }, [people, c.industry]);
  return (
    <Row gutter={[16, 16]}>
      {[
        ['参训', r.trainees], ['结业', r.completed], ['已回访', r.followed], ['就业', r.employed], ['创业', r.business], ['求职中', r.seeking], ['上学', r.school],
        [`本产业（${trainingIndustryLabels[c.industry]}）就业创业`, r.inIndustry],
      ].map(([label, value]) => (
        <Col key={label as string} xs={12} md={6}><Card size="small"><Statistic title={label} value={value as number} suffix="人" /></Card></Col>
      ))}
      <Col span={24}><Typography.Text type="secondary">以每位学员最近一次回访为准（12个月优先于6个月、3个月）。</Typography.Text></Col>
      {c.actions.includes('export') && <Col span={24}><DownloadButton url={`/api/training/classes/${c.id}/attendance/export`}>导出考勤与成效</DownloadButton></Col>}
    </Row>
  );
}
