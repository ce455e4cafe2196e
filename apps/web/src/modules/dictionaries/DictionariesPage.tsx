import { useEffect, useState } from 'react';
import { Button, Card, Col, Drawer, Form, Input, InputNumber, List, Row, Select, Space, Typography, type TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { dictionaryItemCreate, dictionaryItemUpdate, recordStatusLabels, type DictionaryItem, type RecordStatus } from '@gg/shared';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { showSuccess } from '../../app/feedback';
import { fmtCount } from '../../app/format';
import { ActionButtons } from '../../components/ActionButtons';
import { ListPage } from '../../components/ListPage';
import { onMutationError } from '../../components/mutation';
import { useSchemaForm } from '../../components/schemaForm';
import { useListQuery } from '../../components/useListQuery';
import { StatusTag } from '../orgUnits/OrgUnitDetail';

interface TypeSummary {
  type: string;
  itemCount: number;
  activeCount: number;
}

/** 数据字典: coded values by type; type and code are fixed once created, labels and order may change. */
export default function DictionariesPage() {
  const { can } = useAuth();
  const qc = useQueryClient();
  const types = useQuery({ queryKey: ['dictionaries', 'types'], queryFn: () => api.get<TypeSummary[]>('/api/dictionaries/types') });
  const list = useListQuery<DictionaryItem>({ key: 'dictionaries', url: '/api/dictionaries', filters: ['type', 'status'], defaultSort: 'sortOrder', defaultPageSize: 50 });
  const [editing, setEditing] = useState<DictionaryItem | 'new' | null>(null);
  const currentType = list.filters.type;

  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: ['dictionaries'] });
  };
  const setStatus = async (item: DictionaryItem, status: RecordStatus) => {
    try {
      await api.patch(`/api/dictionaries/items/${item.id}`, { status });
      showSuccess(status === 'disabled' ? '已停用' : '已启用');
      await refresh();
    } catch (err) {
      onMutationError(err);
    }
  };

  const columns: TableProps<DictionaryItem>['columns'] = [
    { title: '字典类型', dataIndex: 'type', key: 'type', sorter: true, sortOrder: list.sortOrderOf('type') },
    { title: '编码', dataIndex: 'code', key: 'code', sorter: true, sortOrder: list.sortOrderOf('code'), render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    { title: '显示名称', dataIndex: 'label', key: 'label', sorter: true, sortOrder: list.sortOrderOf('label') },
    { title: '排序', dataIndex: 'sortOrder', key: 'sortOrder', sorter: true, sortOrder: list.sortOrderOf('sortOrder'), align: 'right' },
    { title: '状态', dataIndex: 'status', render: (s: RecordStatus) => <StatusTag status={s} /> },
    {
      title: '操作',
      key: 'actions',
      fixed: 'right',
      render: (_, r) => (
        <ActionButtons
          actions={r.actions}
          specs={{
            update: { label: '编辑', onClick: () => setEditing(r) },
            disable: { label: '停用', danger: true, confirm: `确定停用「${r.label}」吗？已使用它的数据不受影响，新录入时不再可选。`, onClick: () => setStatus(r, 'disabled') },
            enable: { label: '启用', onClick: () => setStatus(r, 'active') },
          }}
        />
      ),
    },
  ];

  return (
    <Row gutter={16}>
      <Col xs={24} lg={6}>
        <Card title="字典类型" styles={{ body: { padding: 8 } }}>
          <List
            loading={types.isLoading}
            dataSource={[{ type: '', itemCount: (types.data ?? []).reduce((n, t) => n + t.itemCount, 0), activeCount: 0 }, ...(types.data ?? [])]}
            renderItem={(t) => (
              <List.Item
                onClick={() => list.setFilters({ ...list.filters, type: t.type || undefined })}
                style={{ cursor: 'pointer', paddingInline: 12, background: (currentType ?? '') === t.type ? '#fbeceb' : undefined }}
              >
                <span>{t.type || '全部类型'}</span>
                <Typography.Text type="secondary">{fmtCount(t.itemCount)}</Typography.Text>
              </List.Item>
            )}
          />
        </Card>
      </Col>
      <Col xs={24} lg={18}>
        <ListPage<DictionaryItem>
          list={list}
          fields={[
            { name: 'q', label: '关键词', node: <Input allowClear placeholder="编码或名称" maxLength={50} /> },
            { name: 'status', label: '状态', node: <Select allowClear placeholder="全部" options={Object.entries(recordStatusLabels).map(([value, label]) => ({ value, label }))} /> },
          ]}
          title={currentType ? `字典项 · ${currentType}` : '字典项'}
          toolbar={
            can('dictionary:update') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
                新建
              </Button>
            )
          }
          columns={columns}
        />
      </Col>
      <Drawer open={Boolean(editing)} onClose={() => setEditing(null)} size={520} destroyOnHidden title={editing === 'new' ? '新建字典项' : `编辑字典项 · ${editing?.label ?? ''}`}>
        {editing && (
          <ItemForm
            item={editing === 'new' ? null : editing}
            defaultType={currentType}
            onClose={() => setEditing(null)}
            onSaved={async () => {
              setEditing(null);
              await refresh();
            }}
          />
        )}
      </Drawer>
    </Row>
  );
}

function ItemForm({ item, defaultType, onClose, onSaved }: { item: DictionaryItem | null; defaultType?: string; onClose: () => void; onSaved: () => void }) {
  const sf = useSchemaForm(item ? dictionaryItemUpdate : dictionaryItemCreate);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (item) sf.form.setFieldsValue({ label: item.label, sortOrder: item.sortOrder });
    else sf.form.setFieldsValue({ type: defaultType, sortOrder: 0 });
  }, [sf.form, item, defaultType]);
  const submit = async () => {
    const values = await sf.submitValues();
    if (!values) return;
    setBusy(true);
    try {
      item ? await api.patch(`/api/dictionaries/items/${item.id}`, values) : await api.post('/api/dictionaries/items', values);
      showSuccess('已保存');
      onSaved();
    } catch (err) {
      sf.applyServerError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form form={sf.form} layout="vertical" onFinish={submit} name="dictionary-item">
      {item ? (
        <>
          <Form.Item label="字典类型">
            <Input value={item.type} disabled />
          </Form.Item>
          <Form.Item label="编码">
            <Input value={item.code} disabled />
          </Form.Item>
        </>
      ) : (
        <>
          <Form.Item label="字典类型" {...sf.item('type')} extra="字母开头，如 volunteer.specialty">
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item label="编码" {...sf.item('code')}>
            <Input maxLength={32} />
          </Form.Item>
        </>
      )}
      <Form.Item label="显示名称" {...sf.item('label')} required>
        <Input maxLength={50} />
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
