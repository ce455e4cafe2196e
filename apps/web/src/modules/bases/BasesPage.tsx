import { useEffect, useState } from 'react';
import { Button, Col, Descriptions, Drawer, Form, Input, InputNumber, Row, Select, Skeleton, Space, Tag, type TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { baseCreate, baseLevelLabels, baseUpdate, recordStatusLabels, type EducationBase, type BaseLevel } from '@gg/shared';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { showSuccess } from '../../app/feedback';
import { dash, fmtCount, fmtDate } from '../../app/format';
import { ActionButtons } from '../../components/ActionButtons';
import { ListPage } from '../../components/ListPage';
import { onMutationError } from '../../components/mutation';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { useSchemaForm } from '../../components/schemaForm';
import { useListQuery } from '../../components/useListQuery';
import { DownloadButton } from '../../components/DownloadButton';
import { DetailDrawer, EditDrawer, RecordActivityDrawer } from '../../components/RecordDrawers';
import { optionsOf, needed } from '../activities/common';

const levelOptions = optionsOf(baseLevelLabels);
const statusOptions = optionsOf(recordStatusLabels);
const levelColors: Record<BaseLevel, string> = { national: 'red', provincial: 'volcano', city: 'orange', county: 'gold' };

/** 教育基地: the register of red-heritage and other bases, with visits counted from the activity records. */
export default function BasesPage() {
  const { can } = useAuth();
  const qc = useQueryClient();
  const list = useListQuery<EducationBase>({ key: 'bases', url: '/api/bases', filters: ['level', 'orgUnitId', 'status'], defaultSort: 'name' });
  const [editing, setEditing] = useState<EducationBase | 'new' | null>(null);
  const [viewing, setViewing] = useState<string | null>(null);
  const [recording, setRecording] = useState<EducationBase | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: ['bases'] });

  const setStatus = async (b: EducationBase, status: EducationBase['status']) => {
    try {
      await api.patch(`/api/bases/${b.id}`, { status });
      showSuccess(status === 'disabled' ? `已停用「${b.name}」` : `已启用「${b.name}」`);
      await refresh();
    } catch (err) {
      onMutationError(err);
    }
  };
  const actionsOf = (b: EducationBase) => [...b.actions, ...(b.actions.includes('update') ? [b.status === 'active' ? 'disable' : 'enable'] : [])];
  const specs = (b: EducationBase) => ({
    recordActivity: { label: '登记活动', onClick: () => setRecording(b) },
    update: { label: '编辑', onClick: () => setEditing(b) },
    disable: { label: '停用', danger: true, confirm: `确定停用「${b.name}」吗？停用后登记活动时不能再选择它，已有记录保留。`, onClick: () => setStatus(b, 'disabled') },
    enable: { label: '启用', onClick: () => setStatus(b, 'active') },
  });

  const columns: TableProps<EducationBase>['columns'] = [
    { title: '基地名称', dataIndex: 'name', key: 'name', sorter: true, sortOrder: list.sortOrderOf('name'), render: (v: string, b) => <a onClick={() => setViewing(b.id)}>{v}</a> },
    { title: '级别', dataIndex: 'level', key: 'level', sorter: true, sortOrder: list.sortOrderOf('level'), render: (l: BaseLevel) => <Tag color={levelColors[l]}>{baseLevelLabels[l]}</Tag> },
    { title: '教育主题', dataIndex: 'theme' },
    { title: '所在地', dataIndex: 'orgUnitName' },
    { title: '管理单位', dataIndex: 'owner', render: dash },
    { title: '可容纳（人）', dataIndex: 'capacity', align: 'right', render: (n: number | null) => fmtCount(n) },
    { title: '活动场次', dataIndex: 'activities', key: 'activities', sorter: true, sortOrder: list.sortOrderOf('activities'), align: 'right', render: fmtCount },
    { title: '接待人次', dataIndex: 'visitors', key: 'visitors', sorter: true, sortOrder: list.sortOrderOf('visitors'), align: 'right', render: fmtCount },
    { title: '最近活动', dataIndex: 'lastActivityDate', render: fmtDate },
    { title: '状态', dataIndex: 'status', render: (s: EducationBase['status']) => <Tag color={s === 'active' ? 'success' : 'default'}>{recordStatusLabels[s]}</Tag> },
    { title: '操作', key: 'actions', fixed: 'right', render: (_, b) => <ActionButtons actions={actionsOf(b)} order={['recordActivity', 'update', 'disable', 'enable']} specs={specs(b)} /> },
  ];

  return (
    <>
      <ListPage<EducationBase>
        list={list}
        fields={[
          { name: 'q', label: '基地名称', node: <Input allowClear placeholder="名称关键词" maxLength={50} /> },
          { name: 'level', label: '级别', node: <Select allowClear placeholder="全部" options={levelOptions} /> },
          { name: 'orgUnitId', label: '所在地', node: <OrgTreeSelect placeholder="乡镇（街道）" /> },
          { name: 'status', label: '状态', node: <Select allowClear placeholder="全部" options={statusOptions} /> },
        ]}
        title={`教育基地${list.query.data ? `（${fmtCount(list.query.data.total)}）` : ''}`}
        toolbar={
          <>
            {can('base:manage') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
                登记基地
              </Button>
            )}
            <DownloadButton url="/api/bases/export" query={{ ...list.filters, sort: list.params.sort as string | undefined }} />
          </>
        }
        columns={columns}
        emptyText={can('base:manage') ? '暂无教育基地，可点击“登记基地”录入红色基因传承教育基地' : '暂无教育基地'}
      />
      <EditDrawer editing={editing} onClose={() => setEditing(null)} size={680} newTitle="登记教育基地" editTitle="编辑教育基地">
        {(base) => (
          <BaseForm
            base={base}
            onClose={() => setEditing(null)}
            onSaved={async () => {
              setEditing(null);
              await refresh();
            }}
          />
        )}
      </EditDrawer>
      <BaseDetail id={viewing} onClose={() => setViewing(null)} actions={(b) => (b.actions.length ? <ActionButtons type="default" size="middle" actions={b.actions} order={['recordActivity', 'update']} specs={specs(b)} /> : null)} />
      <RecordActivityDrawer defaults={recording ? { baseId: recording.id } : null} onClose={() => setRecording(null)} onSaved={refresh} />
    </>
  );
}

function BaseDetail({ id, onClose, actions }: { id: string | null; onClose: () => void; actions: (b: EducationBase) => React.ReactNode }) {
  return (
    <DetailDrawer<EducationBase> resource="bases" id={id} onClose={onClose} size={820} emptyTitle="教育基地" actions={actions} activitiesTitle="在基地开展的活动" activityFilter={(b) => ({ baseId: b.id })}>
      {(b) => (
        <Descriptions column={2} bordered size="middle" styles={{ label: { width: 100 } }}>
          <Descriptions.Item label="级别"><Tag color={levelColors[b.level]}>{baseLevelLabels[b.level]}</Tag></Descriptions.Item>
          <Descriptions.Item label="教育主题">{b.theme}</Descriptions.Item>
          <Descriptions.Item label="所在地">{b.orgUnitName}</Descriptions.Item>
          <Descriptions.Item label="地址">{dash(b.address)}</Descriptions.Item>
          <Descriptions.Item label="管理单位">{dash(b.owner)}</Descriptions.Item>
          <Descriptions.Item label="联系人">{dash(b.contactName)}</Descriptions.Item>
          <Descriptions.Item label="可容纳">{b.capacity === null ? '—' : `${fmtCount(b.capacity)} 人`}</Descriptions.Item>
          <Descriptions.Item label="开放时间">{dash(b.openingHours)}</Descriptions.Item>
          <Descriptions.Item label="活动场次">{fmtCount(b.activities)} 场</Descriptions.Item>
          <Descriptions.Item label="接待人次">{fmtCount(b.visitors)} 人次</Descriptions.Item>
          <Descriptions.Item label="基地简介" span={2}><div style={{ whiteSpace: 'pre-wrap' }}>{dash(b.description)}</div></Descriptions.Item>
        </Descriptions>
      )}
    </DetailDrawer>
  );
}

function BaseForm({ base, onClose, onSaved }: { base: EducationBase | null; onClose: () => void; onSaved: () => void }) {
  const sf = useSchemaForm(base ? baseUpdate : baseCreate);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (base)
      sf.form.setFieldsValue({
        name: base.name, orgUnitId: base.orgUnitId, level: base.level, theme: base.theme, address: base.address ?? '', owner: base.owner ?? '',
        capacity: base.capacity ?? undefined, openingHours: base.openingHours ?? '', contactName: base.contactName ?? '', description: base.description ?? '',
      });
    else sf.form.setFieldsValue({ level: 'county' });
  }, [sf.form, base]);
  const submit = async () => {
    const values = await sf.submitValues();
    if (!values) return;
    if (base && !('capacity' in values)) values.capacity = null;
    setBusy(true);
    try {
      const saved = base ? await api.patch<EducationBase>(`/api/bases/${base.id}`, values) : await api.post<EducationBase>('/api/bases', values);
      showSuccess(base ? '已保存' : `已登记「${saved.name}」`);
      onSaved();
    } catch (err) {
      sf.applyServerError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form form={sf.form} layout="vertical" onFinish={submit} name="base" size="large">
      <Form.Item label="基地名称" {...sf.item('name')} required>
        <Input maxLength={100} autoFocus placeholder="如：西岭红军纪念馆" />
      </Form.Item>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item label="级别" {...sf.item('level')} required>
            <Select options={levelOptions} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label="所在地" {...needed(sf, 'orgUnitId', '请选择所在地')}>
            <OrgTreeSelect />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label="教育主题" {...sf.item('theme')} required>
        <Input maxLength={100} placeholder="如：红军长征、苏区精神" />
      </Form.Item>
      <Form.Item label="地址" {...sf.item('address')}>
        <Input maxLength={100} />
      </Form.Item>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item label="管理单位" {...sf.item('owner')}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label="联系人" {...sf.item('contactName')}>
            <Input maxLength={20} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label="可容纳人数" {...sf.item('capacity')}>
            <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} suffix="人" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label="开放时间" {...sf.item('openingHours')}>
            <Input maxLength={100} placeholder="如：周二至周日 9:00-17:00" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label="基地简介" {...sf.item('description')}>
        <Input.TextArea rows={4} maxLength={2000} showCount />
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
