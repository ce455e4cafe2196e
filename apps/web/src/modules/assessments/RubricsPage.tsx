import { useEffect, useMemo, useState } from 'react';
import { Alert, AutoComplete, Button, Card, Col, Descriptions, Drawer, Form, Input, InputNumber, Popconfirm, Row, Select, Space, Table, Tag, Typography, type TableProps } from 'antd';
import { CopyOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  rubricAppliesToLabels, rubricCopy, rubricCreate, rubricItemCreate, rubricItemKindLabels, rubricMetricLabels, rubricScoringLabels,
  type Rubric, type RubricItem,
} from '@gg/shared';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { showSuccess } from '../../app/feedback';
import { dash } from '../../app/format';
import { onMutationError } from '../../components/mutation';
import { useSchemaForm } from '../../components/schemaForm';
import { useRubrics } from './AssessmentsPage';

const options = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));
const kindColor = { item: 'blue', deduction: 'red', bonus: 'green' } as const;

/** How an item scores, in words: "满分 10 分" / "每次 2 分，至少 4 次得满分" / "每项扣 5 分，最多扣 10 分". */
export function describeItem(i: RubricItem): string {
  const cap = i.maxPoints === null ? '不封顶' : `${i.kind === 'deduction' ? '最多扣' : i.kind === 'bonus' ? '最多加' : '满分'} ${i.maxPoints} 分`;
  if (i.scoring === 'manual') return i.kind === 'item' ? cap : `人工认定，${cap}`;
  const metric = i.metric ? rubricMetricLabels[i.metric] : '数据';
  const parts = [metric];
  if (i.threshold !== null) parts.push(`达到 ${i.threshold} 得满分`);
  if (i.perUnit !== null) parts.push(`每项 ${i.kind === 'deduction' ? '扣' : ''}${i.perUnit} 分`);
  parts.push(cap);
  return parts.join('，');
}

/** 考核细则: sections, items with points, deduction and bonus rules, items computed from data or scored by hand. */
export default function RubricsPage() {
  const { can } = useAuth();
  const qc = useQueryClient();
  const rubrics = useRubrics();
  const [selected, setSelected] = useState<string | null>(null);
  const [drawer, setDrawer] = useState<{ mode: 'newRubric' } | { mode: 'copy' } | { mode: 'item'; item?: RubricItem } | null>(null);
  useEffect(() => {
    if (!selected && rubrics.data?.length) setSelected(rubrics.data[0].id);
  }, [rubrics.data, selected]);
  const rubric = rubrics.data?.find((r) => r.id === selected);
  const refresh = () => qc.invalidateQueries({ queryKey: ['rubrics'] });
  const editable = Boolean(rubric?.actions.includes('editItems'));

  const sections = useMemo(() => {
    const out = new Map<string, { points: number; count: number }>();
    for (const i of rubric?.items ?? []) {
      const cur = out.get(i.section) ?? { points: 0, count: 0 };
      cur.count++;
      if (i.kind === 'item') cur.points += i.maxPoints ?? 0;
      out.set(i.section, cur);
    }
    return [...out.entries()];
  }, [rubric]);

  const removeItem = async (item: RubricItem) => {
    try {
      await api.delete(`/api/rubrics/${rubric!.id}/items/${item.id}`);
      showSuccess('已删除评分项');
      await refresh();
    } catch (err) {
      onMutationError(err);
    }
  };
  const toggle = async () => {
    try {
      await api.patch(`/api/rubrics/${rubric!.id}`, { status: rubric!.status === 'active' ? 'disabled' : 'active' });
      showSuccess(rubric!.status === 'active' ? '已停用' : '已启用');
      await refresh();
    } catch (err) {
      onMutationError(err);
    }
  };

  const columns: TableProps<RubricItem>['columns'] = [
    { title: '考核板块', dataIndex: 'section', width: 140, onCell: (r, index) => ({ rowSpan: index !== undefined && index > 0 && rubric!.items[index - 1].section === r.section ? 0 : rubric!.items.filter((i) => i.section === r.section).length }) },
    { title: '评分内容', dataIndex: 'title' },
    { title: '类别', dataIndex: 'kind', width: 80, render: (k: RubricItem['kind']) => <Tag color={kindColor[k]}>{rubricItemKindLabels[k]}</Tag> },
    { title: '计分方式', dataIndex: 'scoring', width: 130, render: (s: RubricItem['scoring']) => (s === 'computed' ? <Tag color="purple">{rubricScoringLabels[s]}</Tag> : rubricScoringLabels[s]) },
    { title: '分值与规则', key: 'rule', render: (_, i) => describeItem(i) },
    ...(editable
      ? [{
          title: '操作', key: 'a', width: 120,
          render: (_: unknown, i: RubricItem) => (
            <Space size={0}>
              <Button type="link" size="small" onClick={() => setDrawer({ mode: 'item', item: i })}>修改</Button>
              <Popconfirm title="删除这个评分项？" onConfirm={() => removeItem(i)}><Button type="link" size="small" danger>删除</Button></Popconfirm>
            </Space>
          ),
        }]
      : []),
  ];

  return (
    <Row gutter={16}>
      <Col xs={24} lg={7}>
        <Card title="考核细则" size="small" extra={can('assessment:rubric') && <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => setDrawer({ mode: 'newRubric' })}>新建细则</Button>}>
          <Table<Rubric>
            size="small"
            rowKey="id"
            pagination={false}
            loading={rubrics.isLoading}
            dataSource={rubrics.data ?? []}
            rowClassName={(r) => (r.id === selected ? 'ant-table-row-selected' : '')}
            onRow={(r) => ({ onClick: () => setSelected(r.id), style: { cursor: 'pointer' } })}
            columns={[
              { title: '名称', dataIndex: 'name', render: (v: string, r) => <a>{v}{r.status === 'disabled' && <Tag style={{ marginLeft: 6 }}>停用</Tag>}</a> },
              { title: '满分', dataIndex: 'fullMarks', width: 60, align: 'right' },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} lg={17}>
        {rubric && (
          <Card
            title={rubric.name}
            extra={
              <Space>
                {rubric.actions.includes('copy') && <Button icon={<CopyOutlined />} onClick={() => setDrawer({ mode: 'copy' })}>复制为新细则</Button>}
                {rubric.actions.includes('update') && <Button onClick={toggle}>{rubric.status === 'active' ? '停用' : '启用'}</Button>}
                {editable && <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer({ mode: 'item' })}>新增评分项</Button>}
              </Space>
            }
          >
            <Space orientation="vertical" size={16} style={{ width: '100%' }}>
              <Descriptions size="small" column={3}>
                <Descriptions.Item label="编码">{rubric.code}</Descriptions.Item>
                <Descriptions.Item label="考核对象">{rubricAppliesToLabels[rubric.appliesTo]}</Descriptions.Item>
                <Descriptions.Item label="基本分满分">{rubric.fullMarks} 分</Descriptions.Item>
                <Descriptions.Item label="板块" span={3}>{sections.map(([name, s]) => `${name}（${s.points}分）`).join('、') || '—'}</Descriptions.Item>
                <Descriptions.Item label="说明" span={3}>{dash(rubric.description)}</Descriptions.Item>
              </Descriptions>
              {rubric.inUse && <Alert type="info" showIcon title="这套细则已用于考核，评分项不能再改；如需调整，请复制为新细则后修改。" />}
              <Table<RubricItem> size="small" rowKey="id" pagination={false} bordered dataSource={rubric.items} columns={columns} locale={{ emptyText: '还没有评分项，点“新增评分项”添加' }} />
              <Typography.Text type="secondary">“按数据自动计分”的评分项由系统按本年度的活动、像样的事、目标完成、交办任务、干部培训、出席联席会议等数据算出建议分，审核时可调整；“人工评分”的由单位自评、办公室审核。</Typography.Text>
            </Space>
          </Card>
        )}
      </Col>
      <Drawer open={Boolean(drawer)} onClose={() => setDrawer(null)} size={560} destroyOnHidden title={drawer?.mode === 'newRubric' ? '新建考核细则' : drawer?.mode === 'copy' ? '复制考核细则' : drawer?.mode === 'item' && drawer.item ? '修改评分项' : '新增评分项'}>
        {drawer?.mode === 'newRubric' && <RubricForm onSaved={async (r) => { setDrawer(null); await refresh(); setSelected(r.id); }} />}
        {drawer?.mode === 'copy' && rubric && <CopyForm rubric={rubric} onSaved={async (r) => { setDrawer(null); await refresh(); setSelected(r.id); }} />}
        {drawer?.mode === 'item' && rubric && <ItemForm rubric={rubric} item={drawer.item} onSaved={async () => { setDrawer(null); await refresh(); }} />}
      </Drawer>
    </Row>
  );
}

function RubricForm({ onSaved }: { onSaved: (r: Rubric) => void }) {
  const sf = useSchemaForm(rubricCreate);
  const submit = async () => {
    const values = await sf.submitValues();
    if (!values) return;
    try {
      const r = await api.post<Rubric>('/api/rubrics', values);
      showSuccess('已新建考核细则');
      onSaved(r);
    } catch (err) {
      sf.applyServerError(err);
    }
  };
  return (
    <Form form={sf.form} layout="vertical" onFinish={submit} name="rubric" initialValues={{ appliesTo: 'memberUnit' }}>
      <Form.Item label="细则名称" {...sf.item('name')}><Input maxLength={100} /></Form.Item>
      <Form.Item label="编码" {...sf.item('code')} extra="字母开头，如 MU2026"><Input maxLength={30} /></Form.Item>
      <Form.Item label="考核对象" {...sf.item('appliesTo')}><Select options={options(rubricAppliesToLabels)} /></Form.Item>
      <Form.Item label="说明" {...sf.item('description')}><Input.TextArea rows={3} /></Form.Item>
      <Button type="primary" htmlType="submit">保存</Button>
    </Form>
  );
}

function CopyForm({ rubric, onSaved }: { rubric: Rubric; onSaved: (r: Rubric) => void }) {
  const sf = useSchemaForm(rubricCopy);
  const submit = async () => {
    const values = await sf.submitValues();
    if (!values) return;
    try {
      const r = await api.post<Rubric>(`/api/rubrics/${rubric.id}/copy`, values);
      showSuccess('已复制，可修改新细则的评分项');
      onSaved(r);
    } catch (err) {
      sf.applyServerError(err);
    }
  };
  return (
    <Form form={sf.form} layout="vertical" onFinish={submit} name="rubricCopy" initialValues={{ name: `${rubric.name}（修订）`, code: `${rubric.code}_2`.slice(0, 30) }}>
      <Form.Item label="新细则名称" {...sf.item('name')}><Input maxLength={100} /></Form.Item>
      <Form.Item label="编码" {...sf.item('code')}><Input maxLength={30} /></Form.Item>
      <Button type="primary" htmlType="submit">复制</Button>
    </Form>
  );
}

function ItemForm({ rubric, item, onSaved }: { rubric: Rubric; item?: RubricItem; onSaved: () => void }) {
  const sf = useSchemaForm(rubricItemCreate);
  const scoring = Form.useWatch('scoring', sf.form);
  const kind = Form.useWatch('kind', sf.form);
  const sectionOptions = [...new Set(rubric.items.map((i) => i.section))].map((value) => ({ value }));
  const submit = async () => {
    const values = await sf.submitValues();
    if (!values) return;
    const body = { ...values, metric: values.scoring === 'computed' ? (values.metric ?? null) : null, threshold: values.scoring === 'computed' ? (values.threshold ?? null) : null, perUnit: values.perUnit ?? null, maxPoints: values.maxPoints ?? null };
    try {
      if (item) await api.patch(`/api/rubrics/${rubric.id}/items/${item.id}`, body);
      else await api.post(`/api/rubrics/${rubric.id}/items`, body);
      showSuccess(item ? '已修改评分项' : '已新增评分项');
      onSaved();
    } catch (err) {
      sf.applyServerError(err);
    }
  };
  const initial = item ?? { kind: 'item', scoring: 'manual', sortOrder: (rubric.items.at(-1)?.sortOrder ?? 0) + 10 };
  return (
    <Form form={sf.form} layout="vertical" onFinish={submit} name="rubricItem" initialValues={initial}>
      <Form.Item label="考核板块" {...sf.item('section')} extra="如：领导班子建设好、五老作用发挥好"><AutoComplete options={sectionOptions} maxLength={50} filterOption={(input, o) => String(o?.value ?? '').includes(input)} /></Form.Item>
      <Form.Item label="评分内容" {...sf.item('title')}><Input.TextArea rows={2} maxLength={200} /></Form.Item>
      <Space size={16} wrap>
        <Form.Item label="类别" {...sf.item('kind')}><Select style={{ width: 140 }} options={options(rubricItemKindLabels)} /></Form.Item>
        <Form.Item label="计分方式" {...sf.item('scoring')}><Select style={{ width: 180 }} options={options(rubricScoringLabels)} /></Form.Item>
      </Space>
      {scoring === 'computed' && (
        <Space size={16} wrap>
          <Form.Item label="数据指标" {...sf.item('metric')} required><Select style={{ width: 240 }} options={options(rubricMetricLabels)} /></Form.Item>
          <Form.Item label="达标值" {...sf.item('threshold')} extra="如“至少4次培训”填 4"><InputNumber min={0} precision={0} /></Form.Item>
        </Space>
      )}
      <Space size={16} wrap>
        <Form.Item label={kind === 'deduction' ? '最多扣分' : kind === 'bonus' ? '最多加分' : '满分'} {...sf.item('maxPoints')} extra={kind === 'item' ? undefined : '不填为不封顶'}><InputNumber min={0} max={100} precision={0} /></Form.Item>
        <Form.Item label={kind === 'deduction' ? '每项扣分' : '每项分值'} {...sf.item('perUnit')}><InputNumber min={0} max={100} precision={0} /></Form.Item>
        <Form.Item label="排序" {...sf.item('sortOrder')}><InputNumber min={0} max={9999} precision={0} /></Form.Item>
      </Space>
      <div><Button type="primary" htmlType="submit">保存</Button></div>
    </Form>
  );
}
