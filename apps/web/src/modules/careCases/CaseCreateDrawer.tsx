import { useState } from 'react';
import { Alert, Button, Checkbox, Col, Drawer, Form, Input, List, Row, Select, Space, Steps, Tag } from 'antd';
import { careCaseCategoryLabels, careCaseCreate, careCaseStatusLabels, consentIssue, parseIdNumber, type CareCaseDetail, type CareCaseDuplicate } from '@gg/shared';
import { api } from '../../app/api';
import { showSuccess } from '../../app/feedback';
import { DateInput } from '../../components/DateInput';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { onMutationError } from '../../components/mutation';
import { useSchemaForm } from '../../components/schemaForm';
import { useAuth } from '../../app/auth';
import { categoryOptions, politicalOptions, riskOptions } from './options';
import { matchLabels, MergeModal } from './MergeModal';

/**
 * 新建帮扶对象: first search (ID number, name + birth date, homophones), show likely duplicates,
 * then fill in the record. No silent duplicates: the server refuses an ID number already registered.
 */
export function CaseCreateDrawer({ open, onClose, onCreated, onOpenExisting }: { open: boolean; onClose: () => void; onCreated: (c: CareCaseDetail) => void; onOpenExisting: (id: string) => void }) {
  const [step, setStep] = useState(0);
  const [search] = Form.useForm<{ name: string; idNumber?: string }>();
  const [candidates, setCandidates] = useState<CareCaseDuplicate[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [merging, setMerging] = useState(false);
  const { can } = useAuth();
  const sf = useSchemaForm(careCaseCreate as never);
  const reset = () => {
    setStep(0);
    setCandidates(null);
    search.resetFields();
    sf.form.resetFields();
  };

  const runSearch = async () => {
    const v = await search.validateFields();
    setBusy(true);
    try {
      const parsed = v.idNumber ? parseIdNumber(v.idNumber) : undefined;
      const found = await api.post<CareCaseDuplicate[]>('/api/care-cases/duplicates', { name: v.name.trim(), ...(parsed?.ok ? { idNumber: parsed.value, birthDate: parsed.info.birthDate } : {}) });
      setCandidates(found);
      sf.form.setFieldsValue({ name: v.name.trim(), idNumber: parsed?.ok ? parsed.value : v.idNumber, riskLevel: 'low', needsHelp: true });
      if (!found.length) setStep(1);
    } catch (err) {
      onMutationError(err);
    } finally {
      setBusy(false);
    }
  };

  const save = async () => {
    const values = await sf.submitValues();
    if (!values) return;
    setBusy(true);
    try {
      const created = await api.post<CareCaseDetail>('/api/care-cases', values);
      showSuccess('已建档');
      reset();
      onCreated(created);
    } catch (err) {
      sf.applyServerError(err);
    } finally {
      setBusy(false);
    }
  };

  const consent = Form.useWatch([], sf.form) as Record<string, unknown> | undefined;
  const under14 = Boolean(consent?.idNumber) && Boolean(consentIssue({ idNumber: String(consent?.idNumber ?? ''), intakeDate: consent?.intakeDate as string | undefined }));

  return (
    <Drawer open={open} title="新建帮扶对象档案" size="large" styles={{ wrapper: { width: 880 } }} onClose={() => { reset(); onClose(); }} destroyOnHidden
      extra={step === 1 && <Space><Button onClick={() => setStep(0)}>返回查重</Button><Button type="primary" loading={busy} onClick={save}>保存</Button></Space>}>
      <Steps current={step} items={[{ title: '建档前查重' }, { title: '填写档案' }]} style={{ marginBottom: 24 }} />
      {step === 0 && (
        <Space orientation="vertical" style={{ width: '100%' }} size={16}>
          <Alert type="info" showIcon title="为避免重复建档，请先输入姓名和身份证号查重：系统按身份证号、姓名+出生日期和同音姓名（如 张伟/章伟）查找已有档案。" />
          <Form form={search} layout="vertical" onFinish={runSearch}>
            <Row gutter={16}>
              <Col span={10}><Form.Item name="name" label="姓名" rules={[{ required: true, message: '请填写姓名' }]}><Input maxLength={50} size="large" /></Form.Item></Col>
              <Col span={14}><Form.Item name="idNumber" label="身份证号" rules={[{ validator: async (_r, v) => { if (v) { const p = parseIdNumber(v); if (!p.ok) throw new Error(p.reason); } } }]}><Input maxLength={20} size="large" /></Form.Item></Col>
            </Row>
            <Button type="primary" size="large" htmlType="submit" loading={busy}>查重</Button>
          </Form>
          {candidates && candidates.length > 0 && (
            <>
              <Alert type="warning" showIcon title={`找到 ${candidates.length} 份可能重复的档案，请先核对。若是同一人，请打开已有档案，不要重复建档。`} />
              <List
                bordered
                dataSource={candidates}
                renderItem={(c) => (
                  <List.Item actions={[<Button key="open" type="link" onClick={() => { reset(); onOpenExisting(c.id); }}>打开已有档案</Button>]}>
                    <List.Item.Meta
                      title={<Space>{c.name}<span>{c.sex === 'male' ? '男' : '女'}</span><span>{c.birthDate}</span><Tag>{careCaseStatusLabels[c.status]}</Tag></Space>}
                      description={<Space wrap>{c.orgUnitName}{c.categories.map((k) => <Tag key={k}>{careCaseCategoryLabels[k]}</Tag>)}{c.matchedBy.map((m) => <Tag key={m} color="red">{matchLabels[m]}</Tag>)}</Space>}
                    />
                  </List.Item>
                )}
              />
              <Space>
                {candidates.length >= 2 && can('careCase:merge') && <Button danger onClick={() => setMerging(true)}>已有档案互相重复，合并…</Button>}
                <Button onClick={() => setStep(1)}>不是同一人，继续建档</Button>
              </Space>
              <MergeModal open={merging} records={candidates} onClose={() => setMerging(false)}
                onMerged={(survivor) => { setMerging(false); reset(); onOpenExisting(survivor.id); }} />
            </>
          )}
        </Space>
      )}
      {step === 1 && (
        <Form form={sf.form} layout="vertical">
          <Row gutter={16}>
            <Col span={8}><Form.Item {...sf.item('name')} label="姓名"><Input maxLength={50} /></Form.Item></Col>
            <Col span={10}><Form.Item {...sf.item('idNumber')} label="身份证号" extra="出生日期和性别由身份证号自动得出"><Input maxLength={20} /></Form.Item></Col>
            <Col span={6}><Form.Item {...sf.item('riskLevel')} label="风险等级"><Select options={riskOptions} /></Form.Item></Col>
            <Col span={12}><Form.Item {...sf.item('categories')} label="帮扶类别"><Select mode="multiple" options={categoryOptions} placeholder="可多选" /></Form.Item></Col>
            <Col span={12}><Form.Item {...sf.item('orgUnitId')} label="归口单位"><OrgTreeSelect /></Form.Item></Col>
            <Col span={8}><Form.Item {...sf.item('politicalStatus')} label="政治面貌"><Select allowClear options={politicalOptions} /></Form.Item></Col>
            <Col span={8}><Form.Item {...sf.item('phone')} label="联系电话"><Input maxLength={20} /></Form.Item></Col>
            <Col span={8}><Form.Item {...sf.item('intakeDate')} label="登记日期"><DateInput /></Form.Item></Col>
            <Col span={12}><Form.Item {...sf.item('householdAddress')} label="户籍地"><Input maxLength={100} /></Form.Item></Col>
            <Col span={12}><Form.Item {...sf.item('currentAddress')} label="常住地"><Input maxLength={100} /></Form.Item></Col>
            <Col span={12}><Form.Item {...sf.item('schoolOrWork')} label="学校或工作单位"><Input maxLength={100} /></Form.Item></Col>
            <Col span={6}><Form.Item {...sf.item('guardianName')} label="监护人"><Input maxLength={50} /></Form.Item></Col>
            <Col span={6}><Form.Item {...sf.item('guardianRelation')} label="与监护人关系"><Input maxLength={20} /></Form.Item></Col>
            <Col span={12}><Form.Item {...sf.item('guardianPhone')} label="监护人电话"><Input maxLength={20} /></Form.Item></Col>
            <Col span={24}><Form.Item {...sf.item('familySituation')} label="家庭情况"><Input.TextArea rows={3} maxLength={2000} showCount /></Form.Item></Col>
            {under14 && (
              <>
                <Col span={24}><Alert type="warning" showIcon style={{ marginBottom: 16 }} title="未满14周岁：须记录监护人同意或法律依据（个人信息保护法第三十一条）" /></Col>
                <Col span={8}><Form.Item {...sf.item('guardianConsent')} label="监护人同意" valuePropName="checked"><Checkbox>监护人已书面同意</Checkbox></Form.Item></Col>
                <Col span={16}><Form.Item {...sf.item('legalBasis')} label="法律依据"><Input maxLength={200} placeholder="无监护人同意时填写" /></Form.Item></Col>
              </>
            )}
            <Col span={24}><Form.Item {...sf.item('needsHelp')} valuePropName="checked" initialValue={true}><Checkbox>需要帮扶</Checkbox></Form.Item></Col>
          </Row>
        </Form>
      )}
    </Drawer>
  );
}
