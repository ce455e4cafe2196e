import { useEffect, useState } from 'react';
import { Alert, Button, Col, Drawer, Form, Input, InputNumber, Modal, Radio, Row, Select, Skeleton, Space, Table } from 'antd';
import type { z } from 'zod';
import {
  creationApply, creationCheckInput, creationName, creationReviewInput, creationRevoke, orgUnitKindLabels, type Creation, type CreationDetail, type CreationType,
} from '@gg/shared';
import dayjs from 'dayjs';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { showSuccess } from '../../app/feedback';
import { DateInput } from '../../components/DateInput';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { useSchemaForm } from '../../components/schemaForm';
import { UploadIds, needed } from '../activities/common';
import { useCreationTypes } from './common';

/** 创建申报: a unit applies for a creation title with its evidence. */
export function ApplyDrawer({ open, onClose, onSaved }: { open: boolean; onClose: () => void; onSaved: (c: CreationDetail) => void }) {
  return (
    <Drawer open={open} onClose={onClose} size={640} destroyOnHidden title="创建申报">
      {open && <ApplyForm onClose={onClose} onSaved={onSaved} />}
    </Drawer>
  );
}

function ApplyForm({ onClose, onSaved }: { onClose: () => void; onSaved: (c: CreationDetail) => void }) {
  const { me } = useAuth();
  const sf = useSchemaForm(creationApply);
  const types = useCreationTypes();
  const [busy, setBusy] = useState(false);
  const typeId = Form.useWatch('typeId', sf.form) as string | undefined;
  const type = types.types.find((t) => t.id === typeId);
  useEffect(() => {
    sf.form.setFieldsValue({ orgUnitId: me?.orgUnit?.id, evidenceUploadIds: [] });
  }, [sf.form, me]);
  const submit = async () => {
    const values = await sf.submitValues();
    if (!values) return;
    setBusy(true);
    try {
      const saved = await api.post<CreationDetail>('/api/creations', values);
      showSuccess(`已申报「${saved.typeName}」，等待联合验收`);
      onSaved(saved);
    } catch (err) {
      sf.applyServerError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form form={sf.form} layout="vertical" onFinish={submit} name="creation-apply" size="large">
      <Form.Item label="创建类型" {...needed(sf, 'typeId', '请选择创建类型')}>
        <Select loading={types.loading} placeholder="零犯罪学校、零犯罪村（社区）、四零社区等" options={types.types.filter((t) => t.actions.includes('apply')).map((t) => ({ value: t.id, label: t.name }))} />
      </Form.Item>
      {type && (
        <Alert
          type="info"
          style={{ marginBottom: 16 }}
          title={`面向：${type.targetKinds.map((k) => orgUnitKindLabels[k]).join('、')}；命名有效期 ${type.validYears} 年${type.passScore ? `；合格分 ${type.passScore} 分` : ''}`}
          description={
            <ol style={{ margin: '8px 0 0', paddingLeft: 20 }}>
              {type.criteria.map((c) => (
                <li key={c.id}>
                  {c.title}
                  {c.scoring === 'points' ? `（${c.maxPoints} 分）` : '（达标/不达标）'}
                </li>
              ))}
            </ol>
          }
        />
      )}
      <Form.Item label="申报单位" {...needed(sf, 'orgUnitId', '请选择申报单位')}>
        <OrgTreeSelect />
      </Form.Item>
      <Form.Item label="申报材料说明" {...sf.item('note')}>
        <Input.TextArea rows={4} maxLength={2000} showCount placeholder="对照创建标准逐条说明落实情况" />
      </Form.Item>
      <Form.Item label="佐证材料" {...sf.item('evidenceUploadIds')} extra="工作台账、照片、制度文件等，最多20个">
        <UploadIds kind="files" max={20} />
      </Form.Item>
      <Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy}>
            提交申报
          </Button>
          <Button onClick={onClose}>取消</Button>
        </Space>
      </Form.Item>
    </Form>
  );
}

export type CreationStep = 'check' | 'review' | 'name' | 'revoke';
const titles: Record<CreationStep, string> = { check: '联合验收', review: '年度复查', name: '命名', revoke: '撤销命名' };
const schemas: Record<CreationStep, z.ZodObject<z.ZodRawShape>> = { check: creationCheckInput, review: creationReviewInput, name: creationName, revoke: creationRevoke };

/** One step of a creation: the joint check or yearly review per criterion, naming, revoking. */
export function CreationStepModal({ creation, step, onClose, onDone }: { creation: Creation | null; step: CreationStep | null; onClose: () => void; onDone: (c: CreationDetail) => void }) {
  return (
    <Modal open={Boolean(creation && step)} onCancel={onClose} footer={null} destroyOnHidden width={step === 'check' || step === 'review' ? 880 : 560} title={step && creation ? `${titles[step]} · ${creation.orgUnitName} · ${creation.typeName}` : ''}>
      {creation && step && <StepForm creation={creation} step={step} onClose={onClose} onDone={onDone} />}
    </Modal>
  );
}

interface ItemValue {
  criterionId: string;
  passed?: boolean;
  points?: number;
  note?: string;
}

function StepForm({ creation, step, onClose, onDone }: { creation: Creation; step: CreationStep; onClose: () => void; onDone: (c: CreationDetail) => void }) {
  const sf = useSchemaForm(schemas[step]);
  const [busy, setBusy] = useState(false);
  const types = useCreationTypes();
  const type: CreationType | undefined = types.types.find((t) => t.id === creation.typeId);
  const items = (Form.useWatch('items', sf.form) as ItemValue[] | undefined) ?? [];
  const total = items.reduce((s, i) => s + (i?.points ?? 0), 0);
  const failed = items.filter((i) => i?.passed === false).length;

  useEffect(() => {
    const today = dayjs().format('YYYY-MM-DD');
    if ((step === 'check' || step === 'review') && type)
      sf.form.setFieldsValue({ checkDate: today, items: type.criteria.map((c) => ({ criterionId: c.id, passed: true, points: c.scoring === 'points' ? c.maxPoints : 0 })), ...(step === 'review' ? { year: dayjs().year() } : {}) });
    if (step === 'name') sf.form.setFieldsValue({ namedFrom: today, title: type?.name });
    if (step === 'revoke') sf.form.setFieldsValue({ incidentDate: today });
  }, [sf.form, step, type]);

  const submit = async () => {
    const values = await sf.submitValues();
    if (!values) return;
    setBusy(true);
    try {
      const saved = await api.post<CreationDetail>(`/api/creations/${creation.id}/${step}`, values);
      const msg: Record<CreationStep, string> = {
        check: saved.status === 'checked' ? '验收通过，可以命名' : '验收未通过，已记录各项结果',
        review: saved.status === 'revoked' ? '复查不合格，命名已撤销' : '复查合格，命名继续有效',
        name: `已命名，有效期至 ${saved.namedUntil ?? ''}`,
        revoke: '已撤销命名，原因已记入创建全过程',
      };
      showSuccess(msg[step]);
      onDone(saved);
    } catch (err) {
      sf.applyServerError(err);
    } finally {
      setBusy(false);
    }
  };

  if ((step === 'check' || step === 'review') && !type) return <Skeleton active />;
  return (
    <Form form={sf.form} layout="vertical" onFinish={submit} name={`creation-${step}`} size="large">
      {(step === 'check' || step === 'review') && type && (
        <>
          <Row gutter={16}>
            {step === 'review' && (
              <Col span={6}>
                <Form.Item label="复查年度" {...sf.item('year')} required>
                  <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            )}
            <Col span={step === 'review' ? 6 : 8}>
              <Form.Item label={step === 'review' ? '复查日期' : '验收日期'} {...needed(sf, 'checkDate', '请选择日期')}>
                <DateInput />
              </Form.Item>
            </Col>
            <Col span={step === 'review' ? 12 : 16}>
              <Form.Item label="验收单位和人员" {...sf.item('inspectors')} required>
                <Input maxLength={200} placeholder="如：县关工委、教育局、公安局、司法局联合验收组" />
              </Form.Item>
            </Col>
          </Row>
          <Form.List name="items">
            {(fields) => (
              <Table
                size="small"
                pagination={false}
                rowKey="key"
                dataSource={fields}
                style={{ marginBottom: 12 }}
                columns={[
                  { title: '序号', width: 56, render: (_, f) => f.name + 1 },
                  { title: '创建标准', render: (_, f) => type.criteria[f.name]?.title },
                  {
                    title: '结果',
                    width: 200,
                    render: (_, f) => (
                      <Form.Item name={[f.name, 'passed']} style={{ marginBottom: 0 }}>
                        <Radio.Group optionType="button" buttonStyle="solid" options={[{ value: true, label: '达标' }, { value: false, label: '不达标' }]} aria-label={`第${f.name + 1}项结果`} />
                      </Form.Item>
                    ),
                  },
                  {
                    title: '得分',
                    width: 130,
                    render: (_, f) => {
                      const c = type.criteria[f.name];
                      return c?.scoring === 'points' ? (
                        <Form.Item name={[f.name, 'points']} style={{ marginBottom: 0 }}>
                          <InputNumber min={0} max={c.maxPoints} precision={0} suffix={`/${c.maxPoints}`} style={{ width: 110 }} aria-label={`第${f.name + 1}项得分`} />
                        </Form.Item>
                      ) : (
                        <span style={{ color: '#999' }}>—</span>
                      );
                    },
                  },
                  {
                    title: '说明',
                    render: (_, f) => (
                      <Form.Item name={[f.name, 'note']} style={{ marginBottom: 0 }}>
                        <Input maxLength={200} placeholder="可不填" />
                      </Form.Item>
                    ),
                  },
                ]}
              />
            )}
          </Form.List>
          <Alert
            type={failed ? 'warning' : 'success'}
            style={{ marginBottom: 16 }}
            title={`共 ${items.length} 项，${failed ? `${failed} 项不达标` : '全部达标'}${type.passScore ? `；得分 ${total}，合格分 ${type.passScore}` : ''}。${failed || (type.passScore && total < type.passScore) ? (step === 'review' ? '复查不合格将撤销命名。' : '验收将记为未通过。') : ''}`}
          />
          <Form.Item label={step === 'review' ? '复查意见' : '验收意见'} {...sf.item('note')}>
            <Input.TextArea rows={3} maxLength={2000} showCount />
          </Form.Item>
        </>
      )}
      {step === 'name' && (
        <>
          <Form.Item label="命名日期" {...needed(sf, 'namedFrom', '请选择命名日期')} extra={type ? `有效期 ${type.validYears} 年，自命名日期起算` : undefined}>
            <DateInput />
          </Form.Item>
          <Form.Item label="命名称号" {...sf.item('title')}>
            <Input maxLength={100} placeholder="默认为创建类型名称" />
          </Form.Item>
        </>
      )}
      {step === 'revoke' && (
        <>
          <Alert type="error" showIcon style={{ marginBottom: 16 }} title="撤销后该单位不再保有此称号，撤销原因将记入创建全过程，不可恢复；整改后可重新申报。" />
          <Form.Item label="案事件发生日期" {...needed(sf, 'incidentDate', '请选择案事件发生日期')}>
            <DateInput />
          </Form.Item>
          <Form.Item label="撤销原因" {...sf.item('reason')} required>
            <Input.TextArea rows={3} maxLength={500} showCount placeholder="如：辖区内发生一起未成年人违法犯罪案件" />
          </Form.Item>
        </>
      )}
      <div style={{ display: 'flex', justifyContent: 'flex-end' }}>
        <Space>
          <Button onClick={onClose}>返回</Button>
          <Button type="primary" danger={step === 'revoke'} htmlType="submit" loading={busy}>
            {step === 'revoke' ? '确认撤销' : step === 'name' ? '确认命名' : '提交结果'}
          </Button>
        </Space>
      </div>
    </Form>
  );
}
