import { useState } from 'react';
import { Alert, Button, Card, Empty, Form, Input, Modal, Select, Space, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Mentee } from '@gg/shared';
import { api } from '../../app/api';
import { showSuccess } from '../../app/feedback';
import { fmtDate } from '../../app/format';
import { DateInput } from '../../components/DateInput';
import { onMutationError } from '../../components/mutation';
import { visitModeOptions } from './options';

/** 我的结对对象 (elder volunteers): large type, few steps; only name, school and plan (B16). */
export default function MenteesPage() {
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['care-cases', 'mentees'], queryFn: () => api.get<Mentee[]>('/api/care-cases/mentees') });
  const [logging, setLogging] = useState<Mentee | null>(null);
  const [form] = Form.useForm();
  if (!q.isLoading && !q.data?.length) return <Empty description="目前没有结对对象" />;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%', fontSize: 18 }}>
      {(q.data ?? []).map((m) => (
        <Card key={m.mentorshipId} title={<span style={{ fontSize: 22 }}>{m.name}</span>} extra={<Button type="primary" size="large" onClick={() => setLogging(m)}>记录一次联系</Button>}>
          {m.alert && <Alert type={m.alert === 'overdue' ? 'error' : 'warning'} showIcon style={{ marginBottom: 12, fontSize: 18 }} title={`已经 ${m.daysSinceContact} 天没有联系了`} />}
          <Typography.Paragraph style={{ fontSize: 18 }}>学校或单位：{m.schoolOrWork ?? '—'}　最近联系：{fmtDate(m.lastContactOn)}</Typography.Paragraph>
          <Typography.Paragraph style={{ fontSize: 18, marginBottom: 4 }}>帮扶计划：</Typography.Paragraph>
          {m.goals.length ? m.goals.map((g) => <div key={g.goal + g.dueOn} style={{ fontSize: 18 }}>{g.doneOn ? <Tag color="success">已完成</Tag> : <Tag>进行中</Tag>}{g.goal}（{fmtDate(g.dueOn)} 前）</div>) : '—'}
        </Card>
      ))}
      <Modal open={Boolean(logging)} title={`记录联系：${logging?.name ?? ''}`} okText="保存" cancelText="取消" destroyOnHidden onCancel={() => setLogging(null)}
        onOk={async () => {
          const v = await form.validateFields();
          try {
            await api.post(`/api/care-cases/mentees/${logging!.mentorshipId}/visits`, v);
            showSuccess('已记录');
            setLogging(null);
            await qc.invalidateQueries({ queryKey: ['care-cases', 'mentees'] });
          } catch (err) {
            onMutationError(err);
          }
        }}>
        <Form form={form} layout="vertical" preserve={false} size="large" initialValues={{ visitedOn: new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10), mode: 'home' }}>
          <Form.Item name="visitedOn" label="日期" rules={[{ required: true, message: '请选择日期' }]}><DateInput /></Form.Item>
          <Form.Item name="mode" label="方式"><Select options={visitModeOptions} /></Form.Item>
          <Form.Item name="content" label="情况" rules={[{ required: true, message: '请填写情况' }]}><Input.TextArea rows={4} maxLength={2000} /></Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
