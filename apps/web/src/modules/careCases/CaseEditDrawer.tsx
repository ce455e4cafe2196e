import { useEffect, useState } from 'react';
import { Alert, Button, Checkbox, Col, Drawer, Form, Input, Row, Select, Space } from 'antd';
import { careCaseUpdate, type CareCaseDetail } from '@gg/shared';
import { api } from '../../app/api';
import { showSuccess } from '../../app/feedback';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { useSchemaForm } from '../../components/schemaForm';
import { categoryOptions, politicalOptions, riskOptions } from './options';

/**
 * 编辑帮扶对象档案: the shared update schema checks every field as you type; the server writes an audit row with the
 * masked before/after. The ID number is not editable (it is the identity; a wrong one is a duplicate to merge).
 * Masked fields (phones, addresses) are left empty: fill them in only to replace them.
 */
export function CaseEditDrawer({ c, open, onClose, onSaved }: { c: CareCaseDetail; open: boolean; onClose: () => void; onSaved: (c: CareCaseDetail) => void }) {
  const sf = useSchemaForm(careCaseUpdate as never);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!open) return;
    sf.form.resetFields();
    sf.form.setFieldsValue({
      name: c.name, categories: c.categories, orgUnitId: c.orgUnitId, politicalStatus: c.politicalStatus ?? undefined, schoolOrWork: c.schoolOrWork ?? undefined,
      guardianName: c.guardianName ?? undefined, guardianRelation: c.guardianRelation ?? undefined, familySituation: c.familySituation ?? undefined,
      riskLevel: c.riskLevel, needsHelp: c.needsHelp, guardianConsent: c.guardianConsent, legalBasis: c.legalBasis ?? undefined,
    });
  }, [open, c, sf.form]);

  const save = async () => {
    const values = await sf.submitValues();
    if (!values) return;
    setBusy(true);
    try {
      // Cleared text is sent empty so the server erases it; untouched masked fields are not sent at all.
      const body: Record<string, unknown> = { ...values };
      for (const k of ['schoolOrWork', 'guardianName', 'guardianRelation', 'familySituation', 'legalBasis'] as const) if (!(k in body)) body[k] = '';
      for (const k of ['phone', 'guardianPhone', 'householdAddress', 'currentAddress'] as const) if (!body[k]) delete body[k];
      const saved = await api.patch<CareCaseDetail>(`/api/care-cases/${c.id}`, body);
      showSuccess('已保存');
      onSaved(saved);
    } catch (err) {
      sf.applyServerError(err);
    } finally {
      setBusy(false);
    }
  };
  const under14 = c.age < 14 || c.guardianConsent || Boolean(c.legalBasis);
  return (
    <Drawer open={open} title={`编辑档案：${c.name}`} size="large" styles={{ wrapper: { width: 820 } }} onClose={onClose} destroyOnHidden
      extra={<Space><Button onClick={onClose}>取消</Button><Button type="primary" loading={busy} onClick={save}>保存</Button></Space>}>
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title="身份证号不能修改。电话、住址等已脱敏的信息留空表示不修改，填写则替换原值。每次修改都记入审计日志。" />
      <Form form={sf.form} layout="vertical" aria-label="编辑帮扶对象档案">
        <Row gutter={16}>
          <Col span={8}><Form.Item {...sf.item('name')} label="姓名"><Input maxLength={50} /></Form.Item></Col>
          <Col span={8}><Form.Item {...sf.item('riskLevel')} label="风险等级"><Select options={riskOptions} /></Form.Item></Col>
          <Col span={8}><Form.Item {...sf.item('politicalStatus')} label="政治面貌"><Select allowClear options={politicalOptions} /></Form.Item></Col>
          <Col span={12}><Form.Item {...sf.item('categories')} label="帮扶类别"><Select mode="multiple" options={categoryOptions} /></Form.Item></Col>
          <Col span={12}><Form.Item {...sf.item('orgUnitId')} label="归口单位"><OrgTreeSelect /></Form.Item></Col>
          <Col span={8}><Form.Item {...sf.item('phone')} label="联系电话" extra={c.phone ? `现为 ${c.phone}` : undefined}><Input maxLength={20} placeholder="不修改请留空" /></Form.Item></Col>
          <Col span={16}><Form.Item {...sf.item('schoolOrWork')} label="学校或工作单位"><Input maxLength={100} /></Form.Item></Col>
          <Col span={12}><Form.Item {...sf.item('householdAddress')} label="户籍地" extra={c.householdAddress ? `现为 ${c.householdAddress}` : undefined}><Input maxLength={100} placeholder="不修改请留空" /></Form.Item></Col>
          <Col span={12}><Form.Item {...sf.item('currentAddress')} label="常住地" extra={c.currentAddress ? `现为 ${c.currentAddress}` : undefined}><Input maxLength={100} placeholder="不修改请留空" /></Form.Item></Col>
          <Col span={6}><Form.Item {...sf.item('guardianName')} label="监护人"><Input maxLength={50} /></Form.Item></Col>
          <Col span={6}><Form.Item {...sf.item('guardianRelation')} label="与监护人关系"><Input maxLength={20} /></Form.Item></Col>
          <Col span={12}><Form.Item {...sf.item('guardianPhone')} label="监护人电话" extra={c.guardianPhone ? `现为 ${c.guardianPhone}` : undefined}><Input maxLength={20} placeholder="不修改请留空" /></Form.Item></Col>
          <Col span={24}><Form.Item {...sf.item('familySituation')} label="家庭情况"><Input.TextArea rows={3} maxLength={2000} showCount /></Form.Item></Col>
          {under14 && (
            <>
              <Col span={8}><Form.Item {...sf.item('guardianConsent')} label="监护人同意" valuePropName="checked"><Checkbox>监护人已书面同意</Checkbox></Form.Item></Col>
              <Col span={16}><Form.Item {...sf.item('legalBasis')} label="法律依据"><Input maxLength={200} placeholder="无监护人同意时填写" /></Form.Item></Col>
            </>
          )}
          <Col span={24}><Form.Item {...sf.item('needsHelp')} valuePropName="checked"><Checkbox>需要帮扶</Checkbox></Form.Item></Col>
        </Row>
      </Form>
    </Drawer>
  );
}
