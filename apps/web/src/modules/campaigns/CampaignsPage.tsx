import { useEffect, useState } from 'react';
import { Button, Card, Col, Descriptions, Drawer, Form, Input, InputNumber, Progress, Row, Select, Skeleton, Space, Statistic, Tag, type TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { campaignCreate, campaignUpdate, recordStatusLabels, type Campaign } from '@gg/shared';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { showSuccess } from '../../app/feedback';
import { dash, fmtCount, fmtHours } from '../../app/format';
import { brand } from '../../app/theme';
import { ActionButtons } from '../../components/ActionButtons';
import { ListPage } from '../../components/ListPage';
import { onMutationError } from '../../components/mutation';
import { useSchemaForm } from '../../components/schemaForm';
import { useListQuery } from '../../components/useListQuery';
import { DownloadButton } from '../../components/DownloadButton';
import { DetailDrawer, EditDrawer, RecordActivityDrawer } from '../../components/RecordDrawers';
import { optionsOf } from '../activities/common';

const statusOptions = optionsOf(recordStatusLabels);
const years = (c: Campaign) => `${c.startYear}–${c.endYear ?? '至今'}`;

function Goal({ value, goal }: { value: number; goal: number | null }) {
  if (!goal) return <span>{fmtCount(value)}</span>;
  return (
    <div style={{ minWidth: 150 }}>
      {fmtCount(value)} / {fmtCount(goal)}
      <Progress percent={Math.min(100, Math.round((value / goal) * 100))} size="small" strokeColor={brand.red} />
    </div>
  );
}

/** 主题活动: named, multi-year campaigns; their totals are counted from the activities entered once. */
export default function CampaignsPage() {
  const { can } = useAuth();
  const qc = useQueryClient();
  const list = useListQuery<Campaign>({ key: 'campaigns', url: '/api/campaigns', filters: ['status'], defaultSort: '-startYear' });
  const [editing, setEditing] = useState<Campaign | 'new' | null>(null);
  const [viewing, setViewing] = useState<string | null>(null);
  const [recording, setRecording] = useState<Campaign | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: ['campaigns'] });

  const setStatus = async (c: Campaign, status: Campaign['status']) => {
    try {
      await api.patch(`/api/campaigns/${c.id}`, { status });
      showSuccess(status === 'disabled' ? `已停用「${c.name}」` : `已启用「${c.name}」`);
      await refresh();
    } catch (err) {
      onMutationError(err);
    }
  };
  const specs = (c: Campaign) => ({
    recordActivity: { label: '登记活动', onClick: () => setRecording(c) },
    update: { label: '编辑', onClick: () => setEditing(c) },
    disable: { label: '停用', danger: true, confirm: `确定停用「${c.name}」吗？停用后登记活动时不能再选择它，已计入的统计保留。`, onClick: () => setStatus(c, 'disabled') },
    enable: { label: '启用', onClick: () => setStatus(c, 'active') },
  });
  const order = ['recordActivity', 'update', 'disable', 'enable'];

  const columns: TableProps<Campaign>['columns'] = [
    { title: '主题活动', dataIndex: 'name', key: 'name', sorter: true, sortOrder: list.sortOrderOf('name'), render: (v: string, c) => <a onClick={() => setViewing(c.id)}>{v}</a> },
    { title: '主题', dataIndex: 'theme' },
    { title: '年度', key: 'startYear', sorter: true, sortOrder: list.sortOrderOf('startYear'), render: (_, c) => years(c) },
    { title: '活动场次', key: 'activities', sorter: true, sortOrder: list.sortOrderOf('activities'), render: (_, c) => <Goal value={c.totals.activities} goal={c.goalActivities} /> },
    { title: '受众人次', key: 'audience', render: (_, c) => <Goal value={c.totals.audience} goal={c.goalAudience} /> },
    { title: '参与志愿者', key: 'volunteers', align: 'right', render: (_, c) => fmtCount(c.totals.volunteers) },
    { title: '服务时长（小时）', key: 'hours', align: 'right', render: (_, c) => fmtHours(c.totals.volunteerHours) },
    { title: '状态', dataIndex: 'status', render: (s: Campaign['status']) => <Tag color={s === 'active' ? 'success' : 'default'}>{recordStatusLabels[s]}</Tag> },
    { title: '操作', key: 'actions', fixed: 'right', render: (_, c) => <ActionButtons actions={c.actions} order={order} specs={specs(c)} /> },
  ];

  return (
    <>
      <ListPage<Campaign>
        list={list}
        fields={[
          { name: 'q', label: '名称', node: <Input allowClear placeholder="主题活动名称" maxLength={50} /> },
          { name: 'status', label: '状态', node: <Select allowClear placeholder="全部" options={statusOptions} /> },
        ]}
        title={`主题活动${list.query.data ? `（${fmtCount(list.query.data.total)}）` : ''}`}
        toolbar={
          <>
            {can('campaign:manage') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
                新建
              </Button>
            )}
            <DownloadButton url="/api/campaigns/export" query={{ ...list.filters, sort: list.params.sort as string | undefined }} />
          </>
        }
        columns={columns}
        emptyText={can('campaign:manage') ? '暂无主题活动，可点击“新建”设立如“传承红色基因，争做时代新人”等主题活动' : '暂无主题活动'}
      />
      <EditDrawer editing={editing} onClose={() => setEditing(null)} size={640} newTitle="新建主题活动" editTitle="编辑主题活动">
        {(campaign) => (
          <CampaignForm
            campaign={campaign}
            onClose={() => setEditing(null)}
            onSaved={async () => {
              setEditing(null);
              await refresh();
            }}
          />
        )}
      </EditDrawer>
      <CampaignDetail id={viewing} onClose={() => setViewing(null)} actions={(c) => (c.actions.some((a) => a === 'recordActivity' || a === 'update') ? <ActionButtons type="default" size="middle" actions={c.actions} order={['recordActivity', 'update']} specs={specs(c)} /> : null)} />
      <RecordActivityDrawer defaults={recording ? { campaignId: recording.id } : null} onClose={() => setRecording(null)} onSaved={refresh} />
    </>
  );
}

function CampaignDetail({ id, onClose, actions }: { id: string | null; onClose: () => void; actions: (c: Campaign) => React.ReactNode }) {
  return (
    <DetailDrawer<Campaign> resource="campaigns" id={id} onClose={onClose} size={860} emptyTitle="主题活动" actions={actions} activitiesTitle="最近的活动" activityFilter={(c) => ({ campaignId: c.id })}>
      {(c) => (
        <>
        <Row gutter={12}>
          <Col span={6}><Card size="small"><Statistic title="活动场次" value={fmtCount(c.totals.activities)} suffix="场" /></Card></Col>
          <Col span={6}><Card size="small"><Statistic title="受众人次" value={fmtCount(c.totals.audience)} /></Card></Col>
          <Col span={6}><Card size="small"><Statistic title="参与志愿者" value={fmtCount(c.totals.volunteers)} suffix="人" /></Card></Col>
          <Col span={6}><Card size="small"><Statistic title="服务时长" value={fmtHours(c.totals.volunteerHours)} suffix="小时" /></Card></Col>
        </Row>
        <Descriptions column={2} bordered size="middle" styles={{ label: { width: 110 } }}>
          <Descriptions.Item label="主题">{c.theme}</Descriptions.Item>
          <Descriptions.Item label="年度">{years(c)}</Descriptions.Item>
          <Descriptions.Item label="目标场次"><Goal value={c.totals.activities} goal={c.goalActivities} /></Descriptions.Item>
          <Descriptions.Item label="目标受众"><Goal value={c.totals.audience} goal={c.goalAudience} /></Descriptions.Item>
          <Descriptions.Item label="活动说明" span={2}><div style={{ whiteSpace: 'pre-wrap' }}>{dash(c.description)}</div></Descriptions.Item>
        </Descriptions>
        </>
      )}
    </DetailDrawer>
  );
}

function CampaignForm({ campaign, onClose, onSaved }: { campaign: Campaign | null; onClose: () => void; onSaved: () => void }) {
  const sf = useSchemaForm(campaign ? campaignUpdate : campaignCreate);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (campaign)
      sf.form.setFieldsValue({
        name: campaign.name, theme: campaign.theme, description: campaign.description ?? '', startYear: campaign.startYear,
        endYear: campaign.endYear ?? undefined, goalActivities: campaign.goalActivities ?? undefined, goalAudience: campaign.goalAudience ?? undefined,
      });
    else sf.form.setFieldsValue({ startYear: new Date().getFullYear() });
  }, [sf.form, campaign]);
  const submit = async () => {
    const values = await sf.submitValues();
    if (!values) return;
    if (campaign) for (const k of ['endYear', 'goalActivities', 'goalAudience']) if (!(k in values)) values[k] = null;
    setBusy(true);
    try {
      const saved = campaign ? await api.patch<Campaign>(`/api/campaigns/${campaign.id}`, values) : await api.post<Campaign>('/api/campaigns', values);
      showSuccess(campaign ? '已保存' : `已新建「${saved.name}」`);
      onSaved();
    } catch (err) {
      sf.applyServerError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form form={sf.form} layout="vertical" onFinish={submit} name="campaign" size="large">
      <Form.Item label="活动名称" {...sf.item('name')} required>
        <Input maxLength={100} autoFocus placeholder="如：大手牵小手，永远跟党走" />
      </Form.Item>
      <Form.Item label="主题" {...sf.item('theme')} required>
        <Input maxLength={100} placeholder="如：五老进校园" />
      </Form.Item>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item label="开始年份" {...sf.item('startYear')} required>
            <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label="结束年份" {...sf.item('endYear')} extra="长期开展可不填">
            <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label="目标场次" {...sf.item('goalActivities')}>
            <InputNumber min={0} precision={0} style={{ width: '100%' }} suffix="场" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label="目标受众人次" {...sf.item('goalAudience')}>
            <InputNumber min={0} precision={0} style={{ width: '100%' }} suffix="人次" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label="活动说明" {...sf.item('description')}>
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
