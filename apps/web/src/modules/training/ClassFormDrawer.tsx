import { useEffect, useState } from 'react';
import { Button, Col, Drawer, Form, Input, InputNumber, Row, Select, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { trainingClassCreate, trainingClassUpdate, type TrainingClass, type Volunteer } from '@gg/shared';
import { api, type Page } from '../../app/api';
import { useAuth } from '../../app/auth';
import { showSuccess } from '../../app/feedback';
import { DateInput } from '../../components/DateInput';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { useMemberUnitOptions } from '../../components/options';
import { useSchemaForm } from '../../components/schemaForm';
import { industryOptions } from './options';

/** 开设 / 编辑 培训班: validated by the shared schema as you type. Trainers may be elder volunteers (their hours count). */
export function ClassFormDrawer({ target, onClose, onSaved }: { target: TrainingClass | 'new' | null; onClose: () => void; onSaved: (c: TrainingClass) => void }) {
  return (
    <Drawer open={Boolean(target)} onClose={onClose} size={760} destroyOnHidden title={target === 'new' ? '开设培训班' : `编辑培训班 · ${target?.title ?? ''}`}>
      {target && <ClassForm klass={target === 'new' ? null : target} onClose={onClose} onSaved={onSaved} />}
    </Drawer>
  );
}

function ClassForm({ klass, onClose, onSaved }: { klass: TrainingClass | null; onClose: () => void; onSaved: (c: TrainingClass) => void }) {
  const sf = useSchemaForm(klass ? trainingClassUpdate : trainingClassCreate);
  const [busy, setBusy] = useState(false);
  const { can } = useAuth();
  const units = useMemberUnitOptions();
  const [volunteerQ, setVolunteerQ] = useState('');
  const volunteers = useQuery({
    queryKey: ['volunteers', 'pick', volunteerQ],
    queryFn: () => api.get<Page<Volunteer>>('/api/volunteers', { q: volunteerQ || undefined, pageSize: 20, status: 'active' }),
    enabled: can('volunteer:read'),
  });
  useEffect(() => {
    if (klass) {
      sf.form.setFieldsValue({
        title: klass.title, skill: klass.skill, industry: klass.industry, venue: klass.venue ?? '', startDate: klass.startDate, endDate: klass.endDate,
        capacity: klass.capacity, fundingFen: klass.fundingFen, fundingSource: klass.fundingSource ?? '', minAttendancePct: klass.minAttendancePct,
        description: klass.description ?? '', partnerUnitIds: klass.partners.map((p) => p.id), trainers: klass.trainers.map((t) => ({ name: t.name, volunteerId: t.volunteerId ?? undefined })),
      });
    } else sf.form.setFieldsValue({ capacity: 30, minAttendancePct: 80, fundingFen: 0, partnerUnitIds: [], trainers: [] });
  }, [sf.form, klass]);
  const submit = async () => {
    const values = await sf.submitValues();
    if (!values) return;
    setBusy(true);
    try {
      const saved = klass ? await api.patch<TrainingClass>(`/api/training/classes/${klass.id}`, values) : await api.post<TrainingClass>('/api/training/classes', values);
      showSuccess(klass ? '已保存' : `已开设「${saved.title}」`);
      onSaved(saved);
    } catch (err) {
      sf.applyServerError(err);
    } finally {
      setBusy(false);
    }
  };
  const volunteerOptions = (volunteers.data?.items ?? []).map((v) => ({ value: v.id, label: `${v.name}（${v.orgUnitName}）` }));
  return (
    <Form form={sf.form} layout="vertical" onFinish={submit} name="trainingClass" size="large">
      <Row gutter={16}>
        <Col span={24}><Form.Item label="班级名称" {...sf.item('title')}><Input maxLength={100} autoFocus placeholder="如：2026年农村电商与直播带货培训班" /></Form.Item></Col>
        {!klass && <Col span={24}><Form.Item label="主办组织" {...sf.item('orgUnitId')}><OrgTreeSelect /></Form.Item></Col>}
        <Col span={12}><Form.Item label="所属产业" {...sf.item('industry')}><Select options={industryOptions} placeholder="县域重点产业" /></Form.Item></Col>
        <Col span={12}><Form.Item label="培训技能" {...sf.item('skill')}><Input maxLength={100} placeholder="如：电商直播、电工" /></Form.Item></Col>
        <Col span={12}><Form.Item label="开始日期" {...sf.item('startDate')}><DateInput /></Form.Item></Col>
        <Col span={12}><Form.Item label="结束日期" {...sf.item('endDate')}><DateInput /></Form.Item></Col>
        <Col span={12}><Form.Item label="培训地点" {...sf.item('venue')}><Input maxLength={100} /></Form.Item></Col>
        <Col span={6}><Form.Item label="招生人数" {...sf.item('capacity')}><InputNumber min={1} max={1000} style={{ width: '100%' }} /></Form.Item></Col>
        <Col span={6}><Form.Item label="结业出勤率（%）" {...sf.item('minAttendancePct')}><InputNumber min={1} max={100} style={{ width: '100%' }} /></Form.Item></Col>
        <Col span={12}>
          <Form.Item label="经费（元）" {...sf.item('fundingFen')} getValueProps={(v) => ({ value: typeof v === 'number' ? v / 100 : v })} normalize={(v) => (typeof v === 'number' ? Math.round(v * 100) : v)}>
            <InputNumber min={0} precision={2} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={12}><Form.Item label="经费来源" {...sf.item('fundingSource')}><Input maxLength={100} /></Form.Item></Col>
        <Col span={24}><Form.Item label="联办单位" {...sf.item('partnerUnitIds')}><Select mode="multiple" options={units.options} loading={units.loading} placeholder="人社局、农业农村局等成员单位" optionFilterProp="label" /></Form.Item></Col>
        <Col span={24}>
          <Form.Item label="讲师" required={false}>
            <Form.List name="trainers">
              {(fields, { add, remove }) => (
                <Space orientation="vertical" style={{ width: '100%' }}>
                  {fields.map((f) => (
                    <Space key={f.key} align="baseline" wrap>
                      <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: '请填写讲师姓名' }]} style={{ marginBottom: 0 }}><Input placeholder="讲师姓名" maxLength={50} style={{ width: 200 }} /></Form.Item>
                      <Form.Item name={[f.name, 'volunteerId']} style={{ marginBottom: 0 }}>
                        <Select allowClear showSearch filterOption={false} onSearch={setVolunteerQ} placeholder="五老志愿者（授课时长计入服务）" options={volunteerOptions} style={{ width: 300 }}
                          onChange={(id) => { const v = volunteers.data?.items.find((x) => x.id === id); if (v) sf.form.setFieldValue(['trainers', f.name, 'name'], v.name); }} />
                      </Form.Item>
                      <MinusCircleOutlined onClick={() => remove(f.name)} aria-label="移除讲师" />
                    </Space>
                  ))}
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '' })}>添加讲师</Button>
                </Space>
              )}
            </Form.List>
          </Form.Item>
        </Col>
        <Col span={24}><Form.Item label="培训内容" {...sf.item('description')}><Input.TextArea rows={3} maxLength={2000} /></Form.Item></Col>
      </Row>
      <Space>
        <Button type="primary" htmlType="submit" loading={busy}>保存</Button>
        <Button onClick={onClose}>取消</Button>
      </Space>
    </Form>
  );
}
