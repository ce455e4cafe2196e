import { useEffect, useState } from 'react';
import { Button, Col, Drawer, Form, Input, Row, Select, Space } from 'antd';
import { volunteerCreate, volunteerUpdate, type Volunteer } from '@gg/shared';
import { api } from '../../app/api';
import { showSuccess } from '../../app/feedback';
import { DateInput } from '../../components/DateInput';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { useSchemaForm } from '../../components/schemaForm';
import { availabilityOptions, categoryOptions, committeePostOptions, healthOptions, politicalStatusOptions, sexOptions, specialtyOptions } from './options';

/** 登记 / 编辑 志愿者: a drawer validated by the shared zod schema as you type. */
export function VolunteerFormDrawer({ target, onClose, onSaved }: { target: Volunteer | 'new' | null; onClose: () => void; onSaved: (v: Volunteer) => void }) {
  return (
    <Drawer open={Boolean(target)} onClose={onClose} size={720} destroyOnHidden title={target === 'new' ? '登记五老志愿者' : `编辑志愿者 · ${target?.name ?? ''}`}>
      {target && <VolunteerForm volunteer={target === 'new' ? null : target} onClose={onClose} onSaved={onSaved} />}
    </Drawer>
  );
}

function VolunteerForm({ volunteer, onClose, onSaved }: { volunteer: Volunteer | null; onClose: () => void; onSaved: (v: Volunteer) => void }) {
  const sf = useSchemaForm(volunteer ? volunteerUpdate : volunteerCreate);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (volunteer) {
      // Masked ID numbers and phones are not put in the form: typing a new value replaces the stored one.
      sf.form.setFieldsValue({
        orgUnitId: volunteer.orgUnitId, category: volunteer.category, name: volunteer.name, sex: volunteer.sex, birthDate: volunteer.birthDate,
        formerPost: volunteer.formerPost ?? '', formerUnit: volunteer.formerUnit ?? '', politicalStatus: volunteer.politicalStatus ?? undefined,
        health: volunteer.health ?? undefined, availability: volunteer.availability ?? undefined, committeePost: volunteer.committeePost,
        joinDate: volunteer.joinDate ?? undefined, specialties: volunteer.specialties, remark: volunteer.remark ?? '',
      });
    } else sf.form.setFieldsValue({ committeePost: 'none', specialties: [] });
  }, [sf.form, volunteer]);
  const submit = async () => {
    const values = await sf.submitValues();
    if (!values) return;
    setBusy(true);
    try {
      const saved = volunteer ? await api.patch<Volunteer>(`/api/volunteers/${volunteer.id}`, values) : await api.post<Volunteer>('/api/volunteers', values);
      showSuccess(volunteer ? '已保存' : `已登记「${saved.name}」`);
      onSaved(saved);
    } catch (err) {
      sf.applyServerError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form form={sf.form} layout="vertical" onFinish={submit} name="volunteer" size="large">
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item label="姓名" {...sf.item('name')} required>
            <Input maxLength={20} autoFocus />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label="类别" {...sf.item('category')} required>
            <Select options={categoryOptions} placeholder="老干部 / 老战士 / 老专家 / 老教师 / 老模范" />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item label="所属组织" {...sf.item('orgUnitId')} required>
            <OrgTreeSelect />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label="身份证号" {...sf.item('idNumber')} extra={volunteer?.idNumber ? `已登记：${volunteer.idNumber}（不修改请留空）` : '填写后出生日期和性别以身份证号为准'}>
            <Input maxLength={18} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label="联系电话" {...sf.item('phone')} extra={volunteer?.phone ? `已登记：${volunteer.phone}（不修改请留空）` : undefined}>
            <Input maxLength={20} inputMode="tel" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label="性别" {...sf.item('sex')}>
            <Select options={sexOptions} allowClear />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label="出生日期" {...sf.item('birthDate')}>
            <DateInput />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label="原工作单位" {...sf.item('formerUnit')}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label="原职务" {...sf.item('formerPost')}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label="政治面貌" {...sf.item('politicalStatus')}>
            <Select options={politicalStatusOptions} allowClear />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label="关工委职务" {...sf.item('committeePost')}>
            <Select options={committeePostOptions} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item label="特长" {...sf.item('specialties')}>
            <Select mode="multiple" options={specialtyOptions} allowClear />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item label="健康状况" {...sf.item('health')}>
            <Select options={healthOptions} allowClear />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item label="可服务时间" {...sf.item('availability')}>
            <Select options={availabilityOptions} allowClear />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item label="加入日期" {...sf.item('joinDate')}>
            <DateInput />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item label="备注" {...sf.item('remark')}>
            <Input.TextArea rows={3} maxLength={2000} showCount />
          </Form.Item>
        </Col>
      </Row>
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
