import { useEffect, useState } from 'react';
import { Button, Col, Descriptions, Drawer, Form, Input, InputNumber, Row, Select, Space, type TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { memberUnitCreate, memberUnitUpdate, recordStatusLabels, type MemberUnit, type RecordStatus } from '@gg/shared';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { showSuccess } from '../../app/feedback';
import { dash, fmtCount, fmtDate } from '../../app/format';
import { ActionButtons } from '../../components/ActionButtons';
import { DownloadButton } from '../../components/DownloadButton';
import { ListPage } from '../../components/ListPage';
import { onMutationError } from '../../components/mutation';
import { useSchemaForm } from '../../components/schemaForm';
import { useListQuery } from '../../components/useListQuery';
import { StatusTag } from '../orgUnits/OrgUnitDetail';

const statusOptions = (Object.keys(recordStatusLabels) as RecordStatus[]).map((s) => ({ value: s, label: recordStatusLabels[s] }));

/** 成员单位: the county departments on the committee, each with its liaison and duties. */
export default function MemberUnitsPage() {
  const { can } = useAuth();
  const qc = useQueryClient();
  const list = useListQuery<MemberUnit>({ key: 'member-units', url: '/api/member-units', filters: ['status'], defaultSort: 'sortOrder' });
  const [editing, setEditing] = useState<MemberUnit | 'new' | null>(null);
  const [viewing, setViewing] = useState<MemberUnit | null>(null);

  const setStatus = async (unit: MemberUnit, status: RecordStatus) => {
    try {
      await api.patch(`/api/member-units/${unit.id}`, { status });
      showSuccess(status === 'disabled' ? `已停用「${unit.name}」` : `已启用「${unit.name}」`);
      await qc.invalidateQueries({ queryKey: ['member-units'] });
    } catch (err) {
      onMutationError(err);
    }
  };

  const columns: TableProps<MemberUnit>['columns'] = [
    { title: '排序', dataIndex: 'sortOrder', key: 'sortOrder', sorter: true, sortOrder: list.sortOrderOf('sortOrder'), width: 80, align: 'right' },
    { title: '单位名称', dataIndex: 'name', key: 'name', sorter: true, sortOrder: list.sortOrderOf('name'), render: (v: string, r) => <a onClick={() => setViewing(r)}>{v}</a> },
    { title: '简称', dataIndex: 'shortName', render: dash },
    { title: '分管领导', dataIndex: 'leaderName', render: dash },
    { title: '联络员', dataIndex: 'liaisonName', render: dash },
    { title: '联络员电话', dataIndex: 'liaisonPhone', render: dash },
    { title: '账号数', dataIndex: 'userCount', align: 'right', render: fmtCount },
    { title: '状态', dataIndex: 'status', render: (s: RecordStatus) => <StatusTag status={s} /> },
    { title: '创建日期', dataIndex: 'createdAt', key: 'createdAt', sorter: true, sortOrder: list.sortOrderOf('createdAt'), render: fmtDate },
    {
      title: '操作',
      key: 'actions',
      fixed: 'right',
      render: (_, r) => (
        <ActionButtons
          actions={r.actions}
          specs={{
            update: { label: '编辑', onClick: () => setEditing(r) },
            disable: { label: '停用', danger: true, confirm: `确定停用「${r.name}」吗？停用后不再出现在选择列表中，数据保留。`, onClick: () => setStatus(r, 'disabled') },
            enable: { label: '启用', onClick: () => setStatus(r, 'active') },
          }}
        />
      ),
    },
  ];

  return (
    <>
      <ListPage<MemberUnit>
        list={list}
        fields={[
          { name: 'q', label: '单位名称', node: <Input allowClear placeholder="名称或简称" maxLength={50} /> },
          { name: 'status', label: '状态', node: <Select allowClear placeholder="全部" options={statusOptions} /> },
        ]}
        title={`成员单位${list.query.data ? `（${fmtCount(list.query.data.total)}）` : ''}`}
        toolbar={
          <>
            {can('memberUnit:create') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
                新建
              </Button>
            )}
            {can('memberUnit:export') && <DownloadButton url="/api/member-units/export" query={{ q: list.filters.q, status: list.filters.status, sort: list.params.sort as string | undefined }} />}
          </>
        }
        columns={columns}
        emptyText={can('memberUnit:create') ? '暂无成员单位，可点击“新建”登记县直成员单位' : '暂无成员单位'}
      />
      <MemberUnitDrawer
        target={editing}
        onClose={() => setEditing(null)}
        onSaved={async () => {
          setEditing(null);
          await qc.invalidateQueries({ queryKey: ['member-units'] });
          await qc.invalidateQueries({ queryKey: ['count'] });
        }}
      />
      <Drawer open={Boolean(viewing)} onClose={() => setViewing(null)} size={560} title={viewing?.name}>
        {viewing && (
          <Descriptions column={1} bordered size="middle" styles={{ label: { width: 110 } }}>
            <Descriptions.Item label="单位名称">{viewing.name}</Descriptions.Item>
            <Descriptions.Item label="简称">{dash(viewing.shortName)}</Descriptions.Item>
            <Descriptions.Item label="分管领导">{dash(viewing.leaderName)}</Descriptions.Item>
            <Descriptions.Item label="联络员">{dash(viewing.liaisonName)}</Descriptions.Item>
            <Descriptions.Item label="联络员电话">{dash(viewing.liaisonPhone)}</Descriptions.Item>
            <Descriptions.Item label="工作职责">
              <div style={{ whiteSpace: 'pre-wrap' }}>{dash(viewing.duties)}</div>
            </Descriptions.Item>
            <Descriptions.Item label="账号数">{fmtCount(viewing.userCount)}</Descriptions.Item>
            <Descriptions.Item label="状态">
              <StatusTag status={viewing.status} />
            </Descriptions.Item>
            <Descriptions.Item label="创建日期">{fmtDate(viewing.createdAt)}</Descriptions.Item>
          </Descriptions>
        )}
      </Drawer>
    </>
  );
}

function MemberUnitDrawer({ target, onClose, onSaved }: { target: MemberUnit | 'new' | null; onClose: () => void; onSaved: () => void }) {
  return (
    <Drawer open={Boolean(target)} onClose={onClose} size={600} destroyOnHidden title={target === 'new' ? '新建成员单位' : `编辑成员单位 · ${target?.name ?? ''}`}>
      {target && <MemberUnitForm unit={target === 'new' ? null : target} onClose={onClose} onSaved={onSaved} />}
    </Drawer>
  );
}

function MemberUnitForm({ unit, onClose, onSaved }: { unit: MemberUnit | null; onClose: () => void; onSaved: () => void }) {
  const sf = useSchemaForm(unit ? memberUnitUpdate : memberUnitCreate);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (unit) {
      sf.form.setFieldsValue({
        name: unit.name,
        shortName: unit.shortName ?? '',
        duties: unit.duties ?? '',
        liaisonName: unit.liaisonName ?? '',
        liaisonPhone: unit.liaisonPhone ?? '',
        leaderName: unit.leaderName ?? '',
        sortOrder: unit.sortOrder,
      });
    } else sf.form.setFieldsValue({ sortOrder: 100 });
  }, [sf.form, unit]);
  const submit = async () => {
    const values = await sf.submitValues();
    if (!values) return;
    setBusy(true);
    try {
      const saved = unit ? await api.patch<MemberUnit>(`/api/member-units/${unit.id}`, values) : await api.post<MemberUnit>('/api/member-units', values);
      showSuccess(unit ? '已保存' : `已新建「${saved.name}」`);
      onSaved();
    } catch (err) {
      sf.applyServerError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form form={sf.form} layout="vertical" onFinish={submit} name="member-unit">
      <Form.Item label="单位名称" {...sf.item('name')} required>
        <Input maxLength={50} autoFocus placeholder="如：县教育局" />
      </Form.Item>
      <Form.Item label="简称" {...sf.item('shortName')}>
        <Input maxLength={20} placeholder="如：教育局" />
      </Form.Item>
      <Form.Item label="分管领导" {...sf.item('leaderName')}>
        <Input maxLength={20} />
      </Form.Item>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item label="联络员" {...sf.item('liaisonName')}>
            <Input maxLength={20} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label="联络员电话" {...sf.item('liaisonPhone')}>
            <Input maxLength={20} inputMode="tel" placeholder="手机号或座机" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label="工作职责" {...sf.item('duties')} extra="写明本单位在关心下一代工作中的职责和每年至少做出的一件像样的事">
        <Input.TextArea rows={5} maxLength={2000} showCount />
      </Form.Item>
      <Form.Item label="排序" {...sf.item('sortOrder')} extra="数字越小越靠前">
        <InputNumber min={0} max={9999} precision={0} style={{ width: 160 }} />
      </Form.Item>
      <Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy}>
            保存
          </Button>
          <Button onClick={onClose}>取消</Button>
        </Space>
      </Form.Item>
    </Form>
  );
}
