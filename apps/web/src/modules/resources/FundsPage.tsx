import { useState } from 'react';
import { Button, Card, Drawer, Form, Input, InputNumber, Select, Space, Table, type TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { fundDirectionLabels, fundSourceLabels, fundSources, type FundBalance, type FundEntry } from '@gg/shared';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { showSuccess } from '../../app/feedback';
import { dash, fmtMoney } from '../../app/format';
import { DateInput } from '../../components/DateInput';
import { DownloadButton } from '../../components/DownloadButton';
import { ListPage } from '../../components/ListPage';
import { onMutationError } from '../../components/mutation';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { useListQuery } from '../../components/useListQuery';
import { thisYear, yearOptions } from '../targets/shared';

const yuan = (fen: number) => fmtMoney(fen / 100);

/** 经费: the ledger of income by source and spending by project, with the balance of each year. */
export default function FundsPage() {
  const { can } = useAuth();
  const qc = useQueryClient();
  const list = useListQuery<FundEntry>({ key: 'fund-entries', url: '/api/fund-entries', filters: ['year', 'direction', 'source'] });
  const year = list.filters.year ?? String(thisYear);
  const balances = useQuery({ queryKey: ['fund-entries', 'balances', year], queryFn: () => api.get<FundBalance>('/api/fund-entries/balances', { year }) });
  const [adding, setAdding] = useState(false);
  const columns: TableProps<FundEntry>['columns'] = [
    { title: '日期', dataIndex: 'entryDate', key: 'entryDate', sorter: true, sortOrder: list.sortOrderOf('entryDate'), width: 110 },
    { title: '组织', dataIndex: 'orgUnitName' },
    { title: '收支', dataIndex: 'direction', width: 70, render: (d: FundEntry['direction']) => fundDirectionLabels[d] },
    { title: '来源/项目', key: 'what', render: (_, r) => (r.source ? fundSourceLabels[r.source] : dash(r.project)) },
    { title: '成员单位', dataIndex: 'memberUnitName', render: dash },
    { title: '关联活动', dataIndex: 'activityTitle', render: dash },
    { title: '金额', dataIndex: 'amountFen', key: 'amountFen', sorter: true, sortOrder: list.sortOrderOf('amountFen'), align: 'right', render: (v: number, r) => <span style={{ color: r.direction === 'expense' ? '#cf1322' : undefined }}>{r.direction === 'expense' ? '-' : ''}{yuan(v)}</span> },
    { title: '备注', dataIndex: 'note', render: dash },
  ];
  return (
    <>
      <Card size="small" title={`${year}年经费结余`} style={{ marginBottom: 16 }}>
        <Table size="small" rowKey="orgUnitId" pagination={false} dataSource={balances.data?.rows ?? []} locale={{ emptyText: '本年度暂无经费记录' }}
          summary={() => balances.data && balances.data.rows.length > 1 ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}><b>合计</b></Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">{yuan(balances.data.totals.openingFen)}</Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">{yuan(balances.data.totals.incomeFen)}</Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">{yuan(balances.data.totals.expenseFen)}</Table.Summary.Cell>
              <Table.Summary.Cell index={4} align="right"><b>{yuan(balances.data.totals.closingFen)}</b></Table.Summary.Cell>
            </Table.Summary.Row>
          ) : null}
          columns={[
            { title: '组织', dataIndex: 'orgUnitName' },
            { title: '上年结转', dataIndex: 'openingFen', align: 'right', render: yuan },
            { title: '本年收入', dataIndex: 'incomeFen', align: 'right', render: (v: number, r) => <span title={fundSources.map((s) => `${fundSourceLabels[s]} ${yuan(r.incomeBySource[s] ?? 0)}`).join('；')}>{yuan(v)}</span> },
            { title: '本年支出', dataIndex: 'expenseFen', align: 'right', render: yuan },
            { title: '年末结余', dataIndex: 'closingFen', align: 'right', render: yuan },
          ]} />
      </Card>
      <ListPage<FundEntry>
        list={list}
        fields={[
          { name: 'year', label: '年度', node: <Select allowClear placeholder="全部" options={yearOptions} /> },
          { name: 'direction', label: '收支', node: <Select allowClear placeholder="全部" options={Object.entries(fundDirectionLabels).map(([value, label]) => ({ value, label }))} /> },
          { name: 'source', label: '来源', node: <Select allowClear placeholder="全部" options={Object.entries(fundSourceLabels).map(([value, label]) => ({ value, label }))} /> },
        ]}
        title="经费台账"
        toolbar={
          <>
            {can('resource:manage') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>记一笔</Button>}
            {can('resource:export') && <DownloadButton url="/api/fund-entries/export" query={{ year: list.filters.year, direction: list.filters.direction }} />}
          </>
        }
        columns={columns}
        emptyText="暂无经费记录"
      />
      <Drawer open={adding} onClose={() => setAdding(false)} size={560} destroyOnHidden title="记一笔经费">
        {adding && <FundForm onSaved={async () => { setAdding(false); await qc.invalidateQueries({ queryKey: ['fund-entries'] }); }} />}
      </Drawer>
    </>
  );
}

function FundForm({ onSaved }: { onSaved: () => void }) {
  const [form] = Form.useForm();
  const direction = Form.useWatch('direction', form);
  const submit = async (v: { orgUnitId: string; entryDate: string; direction: string; source?: string; project?: string; yuan: number; note?: string }) => {
    try {
      await api.post('/api/fund-entries', { orgUnitId: v.orgUnitId, entryDate: v.entryDate, direction: v.direction, ...(v.direction === 'income' ? { source: v.source } : { project: v.project }), amountFen: Math.round(v.yuan * 100), ...(v.note ? { note: v.note } : {}) });
      showSuccess('已记账');
      onSaved();
    } catch (err) {
      onMutationError(err);
    }
  };
  return (
    <Form form={form} layout="vertical" onFinish={submit} initialValues={{ direction: 'income', source: 'fiscal' }}>
      <Form.Item label="组织" name="orgUnitId" rules={[{ required: true, message: '请选择组织' }]}><OrgTreeSelect /></Form.Item>
      <Form.Item label="日期" name="entryDate" rules={[{ required: true, message: '请选择日期' }]}><DateInput /></Form.Item>
      <Form.Item label="收支" name="direction"><Select options={Object.entries(fundDirectionLabels).map(([value, label]) => ({ value, label }))} /></Form.Item>
      {direction === 'expense' ? (
        <Form.Item label="支出项目" name="project" rules={[{ required: true, message: '请填写支出项目' }]}><Input maxLength={100} /></Form.Item>
      ) : (
        <Form.Item label="收入来源" name="source"><Select options={Object.entries(fundSourceLabels).map(([value, label]) => ({ value, label }))} /></Form.Item>
      )}
      <Form.Item label="金额（元）" name="yuan" rules={[{ required: true, message: '请填写金额' }]}><InputNumber min={0.01} precision={2} style={{ width: 200 }} /></Form.Item>
      <Form.Item label="备注" name="note"><Input maxLength={500} /></Form.Item>
      <Space><Button type="primary" htmlType="submit">保存</Button></Space>
    </Form>
  );
}
