import { useState } from 'react';
import { Alert, Button, Descriptions, Drawer, Form, Input, Modal, Select, Skeleton, Space, Tabs, Tag } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  careCaseCategoryLabels, careCaseOutcomeLabels, careCaseStatusLabels, careCaseTransitions, politicalStatusLabels, riskLevelLabels,
  type CareCaseDetail, type CareCaseDuplicate, type CareCaseStatus, type CareCaseUnmaskField,
} from '@gg/shared';
import { api } from '../../app/api';
import { showSuccess } from '../../app/feedback';
import { dash, fmtDate, fmtMoney } from '../../app/format';
import { onMutationError } from '../../components/mutation';
import { outcomeOptions, riskColors, statusColors, yuan } from './options';
import { AssistanceTab, MentorsTab, NeedsPlanTab, ScreeningsTab, TimelineTab, VisitsTab } from './caseTabs';
import { CaseEditDrawer } from './CaseEditDrawer';
import { MergeModal } from './MergeModal';
import { DataRequestModal } from './DataRequestsPage';

const nextLabels: Partial<Record<CareCaseStatus, string>> = { assessment: '开始评估', plan: '制定计划', in_progress: '开始帮扶', reopened: '重新启动' };

/** A masked value with a 显示 action for those allowed to unmask (each reveal is logged on the server). */
function Masked({ c, field, value }: { c: CareCaseDetail; field: CareCaseUnmaskField; value: string | null }) {
  const [shown, setShown] = useState<string | null>(null);
  if (!value) return <>—</>;
  return (
    <Space>
      {shown ?? value}
      {!shown && c.actions.includes('unmask') && (
        <a onClick={async () => {
          try {
            setShown((await api.post<{ value: string | null }>(`/api/care-cases/${c.id}/unmask`, { field })).value ?? '—');
          } catch (err) {
            onMutationError(err);
          }
        }}>显示</a>
      )}
    </Space>
  );
}

/** 帮扶对象档案: summary on top, the work in tabs; buttons only for what the server allows. */
export function CaseDetailDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['care-cases', id, 'detail'], enabled: Boolean(id), queryFn: () => api.get<CareCaseDetail>(`/api/care-cases/${id}`) });
  const [closing, setClosing] = useState<'request' | 'decide' | null>(null);
  const [editing, setEditing] = useState(false);
  const [dupes, setDupes] = useState<CareCaseDuplicate[] | null>(null);
  const [requesting, setRequesting] = useState(false);
  const [form] = Form.useForm();
  const c = q.data;
  const refresh = () => qc.invalidateQueries({ queryKey: ['care-cases'] });
  const post = async (url: string, body: unknown, done: string) => {
    try {
      await api.post(url, body);
      showSuccess(done);
      await refresh();
      return true;
    } catch (err) {
      onMutationError(err);
      return false;
    }
  };
  /** 查重与合并: the likely duplicates of this record (same ID, name + birth date, homophones), this one first. */
  const findDuplicates = async () => {
    if (!c) return;
    try {
      const found = await api.post<CareCaseDuplicate[]>('/api/care-cases/duplicates', { name: c.name, birthDate: c.birthDate });
      const self: CareCaseDuplicate = { id: c.id, name: c.name, sex: c.sex, birthDate: c.birthDate, orgUnitName: c.orgUnitName, status: c.status, categories: c.categories, matchedBy: [] };
      setDupes([self, ...found.filter((d) => d.id !== c.id)]);
    } catch (err) {
      onMutationError(err);
    }
  };
  const next = c ? careCaseTransitions[c.status].filter((s) => (s === 'reopened' ? c.actions.includes('reopen') : c.actions.includes('transition'))) : [];
  return (
    <Drawer open={Boolean(id)} onClose={onClose} size="large" styles={{ wrapper: { width: 1040 } }} destroyOnHidden title={c ? `帮扶对象档案：${c.name}` : '帮扶对象档案'}
      extra={c && (
        <Space wrap>
          {c.actions.includes('update') && <Button onClick={() => setEditing(true)}>编辑</Button>}
          {c.actions.includes('merge') && <Button onClick={findDuplicates}>查重与合并</Button>}
          {c.actions.includes('dataRequest') && <Button onClick={() => setRequesting(true)}>登记个人信息请求</Button>}
          {next.map((s) => <Button key={s} onClick={() => post(`/api/care-cases/${c.id}/transition`, { to: s }, `已${nextLabels[s] ?? careCaseStatusLabels[s]}`)}>{nextLabels[s] ?? careCaseStatusLabels[s]}</Button>)}
          {c.actions.includes('requestClosure') && <Button onClick={() => setClosing('request')}>申请结案</Button>}
          {c.actions.includes('decideClosure') && <Button type="primary" onClick={() => setClosing('decide')}>审批结案</Button>}
        </Space>
      )}>
      {!c ? <Skeleton active /> : (
        <>
          {c.anonymizedAt && <Alert style={{ marginBottom: 16 }} type="info" showIcon title={`该档案已于 ${fmtDate(c.anonymizedAt)} 匿名化（结案满保存年限或按删除请求）：身份信息和记录内容已清除，仅保留统计所需信息。`} />}
          {c.status === 'merged' && <Alert style={{ marginBottom: 16 }} type="info" showIcon title="该档案已合并到另一份档案，仅供查阅。" />}
          {c.closureRequest && (
            <Alert style={{ marginBottom: 16 }} type="warning" showIcon title={`${c.closureRequest.requesterName} 申请结案（${careCaseOutcomeLabels[c.closureRequest.outcome]}）${c.closureRequest.note ? `：${c.closureRequest.note}` : ''}，待负责人审批`} />
          )}
          <Descriptions bordered size="small" column={3} items={[
            { label: '姓名', children: c.name },
            { label: '性别 / 年龄', children: `${c.sex === 'male' ? '男' : '女'} / ${c.age}岁` },
            { label: '状态', children: <Tag color={statusColors[c.status]}>{careCaseStatusLabels[c.status]}</Tag> },
            { label: '帮扶类别', children: c.categories.map((k) => <Tag key={k}>{careCaseCategoryLabels[k]}</Tag>) },
            { label: '风险等级', children: <Tag color={riskColors[c.riskLevel]}>{riskLevelLabels[c.riskLevel]}</Tag> },
            { label: '归口单位', children: c.orgUnitName },
            { label: '结对帮扶人', children: `${c.mentorCount} 人` },
            { label: '最近走访', children: fmtDate(c.lastContactOn) },
            { label: '累计帮扶', children: `${fmtMoney(yuan(c.metrics.assistanceFen))}（${c.metrics.assistanceCount} 次）` },
            ...(c.outcome ? [{ label: '结案结果', children: careCaseOutcomeLabels[c.outcome] }] : []),
          ]} />
          <Tabs style={{ marginTop: 16 }} items={[
            {
              key: 'basic', label: '基本信息', children: (
                <Descriptions bordered size="small" column={2} items={[
                  { label: '身份证号', children: <Masked c={c} field="idNumber" value={c.idNumber} /> },
                  { label: '出生日期', children: fmtDate(c.birthDate) },
                  { label: '政治面貌', children: c.politicalStatus ? politicalStatusLabels[c.politicalStatus] : '—' },
                  { label: '联系电话', children: <Masked c={c} field="phone" value={c.phone} /> },
                  { label: '户籍地', children: <Masked c={c} field="householdAddress" value={c.householdAddress} /> },
                  { label: '常住地', children: <Masked c={c} field="currentAddress" value={c.currentAddress} /> },
                  { label: '学校或工作单位', children: dash(c.schoolOrWork) },
                  { label: '监护人', children: c.guardianName ? `${c.guardianName}${c.guardianRelation ? `（${c.guardianRelation}）` : ''}` : '—' },
                  { label: '监护人电话', children: <Masked c={c} field="guardianPhone" value={c.guardianPhone} /> },
                  { label: '登记日期', children: fmtDate(c.intakeDate) },
                  { label: '监护人同意 / 法律依据', children: c.guardianConsent ? '监护人已同意' : dash(c.legalBasis) },
                  { label: '登记到制定计划', children: c.metrics.daysIntakeToPlan === null ? '—' : `${c.metrics.daysIntakeToPlan} 天` },
                  { label: '家庭情况', span: 2, children: dash(c.familySituation) },
                ]} />
              ),
            },
            { key: 'screenings', label: '排查', children: <ScreeningsTab c={c} /> },
            { key: 'plan', label: '需求与计划', children: <NeedsPlanTab c={c} /> },
            { key: 'mentors', label: '结对帮扶', children: <MentorsTab c={c} /> },
            { key: 'visits', label: '走访', children: <VisitsTab c={c} /> },
            { key: 'assistance', label: '帮扶记录', children: <AssistanceTab c={c} /> },
            { key: 'timeline', label: '时间线', children: <TimelineTab c={c} /> },
          ]} />
          <CaseEditDrawer c={c} open={editing} onClose={() => setEditing(false)} onSaved={async () => { setEditing(false); await refresh(); }} />
          <DataRequestModal open={requesting} caseId={c.id} caseName={c.name} onClose={() => setRequesting(false)} onSaved={() => setRequesting(false)} />
          {dupes && dupes.length < 2 && (
            <Modal open title="查重与合并" onCancel={() => setDupes(null)} footer={null}><Alert type="success" showIcon title="没有找到可能重复的档案（按身份证号、姓名+出生日期和同音姓名查找）。" /></Modal>
          )}
          <MergeModal open={Boolean(dupes && dupes.length >= 2)} records={dupes ?? []} initialKeep={c.id} onClose={() => setDupes(null)}
            onMerged={async () => { setDupes(null); await refresh(); }} />
          <Modal open={closing !== null} title={closing === 'request' ? '申请结案' : '审批结案'} destroyOnHidden okText={closing === 'request' ? '提交申请' : '批准结案'} cancelText="取消" onCancel={() => setClosing(null)}
            footer={closing === 'decide' ? (_, { OkBtn, CancelBtn }) => (
              <Space><CancelBtn /><Button danger onClick={async () => { if (await post(`/api/care-cases/${c.id}/closure-decision`, { approve: false, ...form.getFieldsValue() }, '已退回结案申请')) setClosing(null); }}>退回</Button><OkBtn /></Space>
            ) : undefined}
            onOk={async () => {
              const v = await form.validateFields();
              const ok = closing === 'request'
                ? await post(`/api/care-cases/${c.id}/closure-request`, v, '已提交结案申请')
                : await post(`/api/care-cases/${c.id}/closure-decision`, { approve: true, ...v }, '已批准结案');
              if (ok) setClosing(null);
            }}>
            <Form form={form} layout="vertical" preserve={false}>
              {closing === 'request' && <Form.Item name="outcome" label="结案结果" rules={[{ required: true, message: '请选择结案结果' }]}><Select options={outcomeOptions} /></Form.Item>}
              <Form.Item name="note" label={closing === 'request' ? '结案说明' : '审批意见'}><Input.TextArea rows={3} maxLength={500} /></Form.Item>
            </Form>
          </Modal>
        </>
      )}
    </Drawer>
  );
}
