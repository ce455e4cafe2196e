import { useState } from 'react';
import { Alert, Button, Checkbox, Col, Form, Input, Modal, Row, Select, Space, Tag, type TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  dataRequestCreate, dataRequestKindLabels, dataRequestRelationLabels, dataRequestStatusLabels,
  type CareCaseListItem, type DataRequest, type DataRequestKind, type DataRequestStatus,
} from '@gg/shared';
import { api, type Page } from '../../app/api';
import { useAuth } from '../../app/auth';
import { showSuccess } from '../../app/feedback';
import { fmtDate } from '../../app/format';
import { DateInput } from '../../components/DateInput';
import { DownloadButton } from '../../components/DownloadButton';
import { ListPage } from '../../components/ListPage';
import { onMutationError } from '../../components/mutation';
import { useSchemaForm } from '../../components/schemaForm';
import { useListQuery } from '../../components/useListQuery';

const toOptions = <K extends string>(labels: Record<K, string>) => (Object.entries(labels) as [K, string][]).map(([value, label]) => ({ value, label }));
const kindOptions = toOptions(dataRequestKindLabels);
const statusOptions = toOptions(dataRequestStatusLabels);
const relationOptions = toOptions(dataRequestRelationLabels);
const statusColors: Record<DataRequestStatus, string> = { received: 'processing', approved: 'blue', rejected: 'default', done: 'success' };
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/** 登记个人信息请求: who asked, when, what (validated as you type with the shared schema). */
export function DataRequestModal({ open, caseId, caseName, onClose, onSaved }: { open: boolean; caseId?: string; caseName?: string; onClose: () => void; onSaved: (r: DataRequest) => void }) {
  const sf = useSchemaForm(dataRequestCreate as never);
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [term, setTerm] = useState('');
  const cases = useQuery({ queryKey: ['care-cases', 'pick', term], enabled: open && !caseId, queryFn: () => api.get<Page<CareCaseListItem>>('/api/care-cases', { q: term || undefined, pageSize: 20 }) });
  return (
    <Modal open={open} title={`登记个人信息请求${caseName ? `：${caseName}` : ''}`} width={640} destroyOnHidden okText="登记" cancelText="取消" confirmLoading={busy} onCancel={onClose}
      afterOpenChange={(o) => o && sf.form.setFieldsValue({ caseId, receivedOn: today(), requesterRelation: 'guardian', kind: 'view' })}
      onOk={async () => {
        const v = await sf.submitValues();
        if (!v) return;
        setBusy(true);
        try {
          const saved = await api.post<DataRequest>('/api/care-cases/data-requests', v);
          showSuccess('已登记');
          await qc.invalidateQueries({ queryKey: ['care-data-requests'] });
          onSaved(saved);
        } catch (err) {
          sf.applyServerError(err);
        } finally {
          setBusy(false);
        }
      }}>
      <Form form={sf.form} layout="vertical" preserve={false}>
        <Row gutter={16}>
          {!caseId && (
            <Col span={24}>
              <Form.Item {...sf.item('caseId')} label="帮扶对象">
                <Select showSearch={{ filterOption: false, onSearch: setTerm }} placeholder="输入姓名、拼音或身份证号查找" loading={cases.isFetching}
                  options={(cases.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.name}（${c.orgUnitName}，${c.birthDate}）` }))} />
              </Form.Item>
            </Col>
          )}
          <Col span={8}><Form.Item {...sf.item('kind')} label="请求类型"><Select options={kindOptions} /></Form.Item></Col>
          <Col span={8}><Form.Item {...sf.item('requesterName')} label="申请人"><Input maxLength={50} /></Form.Item></Col>
          <Col span={8}><Form.Item {...sf.item('requesterRelation')} label="与本人关系"><Select options={relationOptions} /></Form.Item></Col>
          <Col span={8}><Form.Item {...sf.item('receivedOn')} label="收到日期"><DateInput /></Form.Item></Col>
          <Col span={24}><Form.Item {...sf.item('details')} label="请求内容"><Input.TextArea rows={3} maxLength={2000} showCount /></Form.Item></Col>
        </Row>
      </Form>
    </Modal>
  );
}

/** 个人信息请求登记 (D24): requests to view, correct or delete a young person's data, decided and carried out. */
export default function DataRequestsPage() {
  const { can } = useAuth();
  const qc = useQueryClient();
  const list = useListQuery<DataRequest>({ key: 'care-data-requests', url: '/api/care-cases/data-requests', filters: ['kind', 'status', 'receivedFrom', 'receivedTo'], defaultSort: '-receivedOn' });
  const [creating, setCreating] = useState(false);
  const [acting, setActing] = useState<{ r: DataRequest; step: 'decide' | 'done' } | null>(null);
  const [form] = Form.useForm();
  const send = async (url: string, body: unknown, done: string) => {
    try {
      await api.post(url, body);
      showSuccess(done);
      setActing(null);
      await qc.invalidateQueries({ queryKey: ['care-data-requests'] });
      await qc.invalidateQueries({ queryKey: ['care-cases'] });
    } catch (err) {
      onMutationError(err);
    }
  };
  const columns: TableProps<DataRequest>['columns'] = [
    { title: '收到日期', dataIndex: 'receivedOn', key: 'receivedOn', sorter: true, sortOrder: list.sortOrderOf('receivedOn'), render: fmtDate },
    { title: '帮扶对象', dataIndex: 'caseName' },
    { title: '归口单位', dataIndex: 'orgUnitName' },
    { title: '类型', dataIndex: 'kind', key: 'kind', sorter: true, sortOrder: list.sortOrderOf('kind'), render: (k: DataRequestKind) => <Tag>{dataRequestKindLabels[k]}</Tag> },
    { title: '申请人', dataIndex: 'requesterName', render: (v: string, r) => `${v}（${dataRequestRelationLabels[r.requesterRelation]}）` },
    { title: '请求内容', dataIndex: 'details', ellipsis: true },
    { title: '状态', dataIndex: 'status', key: 'status', sorter: true, sortOrder: list.sortOrderOf('status'), render: (s: DataRequestStatus) => <Tag color={statusColors[s]}>{dataRequestStatusLabels[s]}</Tag> },
    { title: '处理意见', dataIndex: 'decisionNote', render: (v: string | null, r) => (r.decidedByName ? `${r.decidedByName}：${v ?? (r.status === 'rejected' ? '不予办理' : '同意')}` : '—') },
    { title: '办结', dataIndex: 'doneOn', render: (v: string | null, r) => (v ? `${fmtDate(v)}${r.doneNote ? `：${r.doneNote}` : ''}` : '—') },
    {
      title: '操作', key: 'actions', fixed: 'right', render: (_, r) => (
        <Space>
          {r.actions.includes('decide') && <Button type="link" size="small" onClick={() => { form.resetFields(); setActing({ r, step: 'decide' }); }}>处理</Button>}
          {r.actions.includes('done') && <Button type="link" size="small" onClick={() => { form.resetFields(); form.setFieldsValue({ doneOn: today() }); setActing({ r, step: 'done' }); }}>办结</Button>}
        </Space>
      ),
    },
  ];
  return (
    <>
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title="本人或监护人提出查阅、更正、删除个人信息的请求，应在此登记并记录处理结果。已结案档案的删除请求可在办结时立即匿名化；其余已结案档案到保存年限后由系统自动匿名化。" />
      <ListPage<DataRequest>
        list={list}
        fields={[
          { name: 'q', label: '帮扶对象', node: <Input allowClear placeholder="姓名" /> },
          { name: 'kind', label: '类型', node: <Select allowClear options={kindOptions} /> },
          { name: 'status', label: '状态', node: <Select allowClear options={statusOptions} /> },
          { name: 'receivedFrom', label: '收到日期起', node: <DateInput /> },
          { name: 'receivedTo', label: '收到日期止', node: <DateInput /> },
        ]}
        toolbar={
          <>
            {can('careCase:dataRequest') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>登记请求</Button>}
            <DownloadButton url="/api/care-cases/data-requests/export" query={{ ...list.filters, sort: list.params.sort as string | undefined }}>导出</DownloadButton>
          </>
        }
        columns={columns}
      />
      <DataRequestModal open={creating} onClose={() => setCreating(false)} onSaved={() => setCreating(false)} />
      <Modal open={acting !== null} destroyOnHidden title={acting?.step === 'decide' ? '处理个人信息请求' : '个人信息请求办结'} cancelText="取消" onCancel={() => setActing(null)}
        okText={acting?.step === 'decide' ? '同意办理' : '办结'}
        footer={acting?.step === 'decide' ? (_, { OkBtn, CancelBtn }) => (
          <Space><CancelBtn /><Button danger onClick={() => send(`/api/care-cases/data-requests/${acting.r.id}/decision`, { approve: false, ...form.getFieldsValue() }, '已记录：不予办理')}>不予办理</Button><OkBtn /></Space>
        ) : undefined}
        onOk={async () => {
          if (!acting) return;
          const v = await form.validateFields();
          if (acting.step === 'decide') await send(`/api/care-cases/data-requests/${acting.r.id}/decision`, { approve: true, ...v }, '已同意');
          else await send(`/api/care-cases/data-requests/${acting.r.id}/done`, { ...v, anonymize: Boolean(v.anonymize) }, '已办结');
        }}>
        {acting && (
          <Form form={form} layout="vertical" preserve={false}>
            <p>{acting.r.caseName}：{acting.r.requesterName}（{dataRequestRelationLabels[acting.r.requesterRelation]}）申请{dataRequestKindLabels[acting.r.kind]}——{acting.r.details}</p>
            {acting.step === 'done' && <Form.Item name="doneOn" label="办结日期" rules={[{ required: true, message: '请填写办结日期' }]}><DateInput /></Form.Item>}
            <Form.Item name="note" label={acting.step === 'decide' ? '处理意见' : '办理情况'} rules={[{ max: 500, message: '不能超过500个字' }]}><Input.TextArea rows={3} maxLength={500} /></Form.Item>
            {acting.step === 'done' && acting.r.kind === 'delete' && (
              <Form.Item name="anonymize" valuePropName="checked" extra="仅限已结案档案：清除姓名、身份证号、联系方式、住址和各项记录内容，保留统计信息，不可恢复。"><Checkbox>立即匿名化该档案</Checkbox></Form.Item>
            )}
          </Form>
        )}
      </Modal>
    </>
  );
}
