import { useEffect, useState } from 'react';
import { Alert, Button, Card, Col, Form, Input, InputNumber, Modal, Rate, Row, Select, Space } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import type { z } from 'zod';
import { lectureAssign, lectureCancel, lectureDecline, lectureHeld, lectureRate, type LectureRequest, type LectureTopic } from '@gg/shared';
import { api } from '../../app/api';
import { showSuccess } from '../../app/feedback';
import { fmtCount, fmtDate } from '../../app/format';
import { DateInput } from '../../components/DateInput';
import { useSchemaForm } from '../../components/schemaForm';
import { TimeInput, UploadIds, useCampaignOptions, needed } from '../activities/common';

export type RequestDialog = 'assign' | 'decline' | 'cancel' | 'recordHeld' | 'rate';

const paths: Record<RequestDialog, string> = { assign: 'assign', decline: 'decline', cancel: 'cancel', recordHeld: 'held', rate: 'rate' };
const titles: Record<RequestDialog, string> = { assign: '派讲', decline: '不能前往', cancel: '取消预约', recordHeld: '登记已开讲', rate: '评价宣讲' };
const schemas: Record<RequestDialog, z.ZodObject<z.ZodRawShape>> = { assign: lectureAssign, decline: lectureDecline, cancel: lectureCancel, recordHeld: lectureHeld, rate: lectureRate };
const done: Record<RequestDialog, (r: LectureRequest) => string> = {
  assign: (r) => `已派讲：${r.lecturerName ?? ''}，${fmtDate(r.scheduledDate)}，等待宣讲员确认`,
  decline: () => '已退回办公室重新派讲',
  cancel: () => '已取消该宣讲预约',
  recordHeld: () => '已登记开讲：活动记录已生成，宣讲员服务时长和主题活动统计已同步计入',
  rate: () => '感谢评价',
};

/** One workflow step of a lecture request, in a modal validated by the step's shared schema. */
export function RequestStepModal({ request, step, onClose, onDone }: { request: LectureRequest | null; step: RequestDialog | null; onClose: () => void; onDone: (r: LectureRequest) => void }) {
  const open = Boolean(request && step);
  return (
    <Modal open={open} onCancel={onClose} footer={null} destroyOnHidden width={step === 'recordHeld' ? 760 : 560} title={step ? `${titles[step]} · ${request?.topicTitle ?? ''}` : ''}>
      {request && step && <StepForm request={request} step={step} onClose={onClose} onDone={onDone} />}
    </Modal>
  );
}

function StepForm({ request, step, onClose, onDone }: { request: LectureRequest; step: RequestDialog; onClose: () => void; onDone: (r: LectureRequest) => void }) {
  const sf = useSchemaForm(schemas[step]);
  const [busy, setBusy] = useState(false);
  const topic = useQuery({ queryKey: ['lecture-topics', 'detail', request.topicId], queryFn: () => api.get<LectureTopic>(`/api/lecture-topics/${request.topicId}`), enabled: step === 'assign' || step === 'recordHeld' });
  const campaigns = useCampaignOptions();

  useEffect(() => {
    if (step === 'assign') sf.form.setFieldsValue({ scheduledDate: request.scheduledDate ?? request.preferredDate });
    if (step === 'recordHeld') {
      // A lecture is recorded once it has been given: never a date after today.
      const planned = request.scheduledDate ?? request.preferredDate;
      const today = dayjs().format('YYYY-MM-DD');
      sf.form.setFieldsValue({ date: planned < today ? planned : today, startTime: request.preferredTime ?? undefined, audienceStudents: request.orgUnitKind === 'school' ? request.audienceEstimate : 0, audienceYouth: request.orgUnitKind === 'school' ? 0 : request.audienceEstimate, audienceOther: 0, photoUploadIds: [] });
    }
  }, [sf.form, step, request]);
  useEffect(() => {
    if (step === 'recordHeld' && topic.data && sf.form.getFieldValue('hours') === undefined) sf.form.setFieldsValue({ hours: Math.max(0.5, Math.round((topic.data.durationMinutes / 60) * 2) / 2) });
  }, [sf.form, step, topic.data]);

  const submit = async () => {
    const values = await sf.submitValues();
    if (!values) return;
    setBusy(true);
    try {
      const saved = await api.post<LectureRequest>(`/api/lecture-requests/${request.id}/${paths[step]}`, values);
      showSuccess(done[step](saved));
      onDone(saved);
    } catch (err) {
      sf.applyServerError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form form={sf.form} layout="vertical" onFinish={submit} name={`lecture-${step}`} size="large">
      {step === 'assign' && (
        <>
          <Alert type="info" style={{ marginBottom: 16 }} title={`${request.orgUnitName} 希望 ${fmtDate(request.preferredDate)}${request.preferredTime ? ` ${request.preferredTime}` : ''} 宣讲，预计 ${fmtCount(request.audienceEstimate)} 人`} description={request.declineReason ? `上次派讲被退回：${request.declineReason}` : undefined} />
          <Form.Item label="宣讲员" {...needed(sf, 'lecturerId', '请选择宣讲员')} extra={topic.data && !topic.data.lecturers.length ? '本主题尚未配置宣讲员，请先在宣讲菜单中编辑主题' : '只能从本主题的宣讲员中选择'}>
            <Select loading={topic.isLoading} placeholder="请选择宣讲员" options={(topic.data?.lecturers ?? []).map((l) => ({ value: l.id, label: l.name }))} />
          </Form.Item>
          <Form.Item label="宣讲日期" {...needed(sf, 'scheduledDate', '请选择宣讲日期')}>
            <DateInput />
          </Form.Item>
        </>
      )}
      {(step === 'decline' || step === 'cancel') && (
        <Form.Item label={step === 'decline' ? '不能前往的原因' : '取消原因'} {...sf.item('reason')} required>
          <Input.TextArea rows={3} maxLength={200} showCount autoFocus placeholder={step === 'decline' ? '如：身体不适、当天另有安排' : '如：学校考试周'} />
        </Form.Item>
      )}
      {step === 'rate' && (
        <>
          <Form.Item label="评分" {...needed(sf, 'rating', '请打分')}>
            <Rate style={{ fontSize: 32 }} tooltips={['很差', '较差', '一般', '满意', '非常满意']} />
          </Form.Item>
          <Form.Item label="评价" {...sf.item('comment')}>
            <Input.TextArea rows={3} maxLength={500} showCount placeholder="听众反响如何，有什么建议" />
          </Form.Item>
        </>
      )}
      {step === 'recordHeld' && (
        <>
          <Alert type="info" style={{ marginBottom: 16 }} title={`宣讲员：${request.lecturerName ?? '—'}。保存后生成一条活动记录，服务时长计入宣讲员名下，受众计入所选主题活动，无需重复登记。`} />
          <Row gutter={16}>
            <Col span={8}>
              <Form.Item label="宣讲日期" {...needed(sf, 'date', '请选择宣讲日期')}>
                <DateInput />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item label="开始时间" {...sf.item('startTime')}>
                <TimeInput />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item label="服务时长（小时）" {...sf.item('hours')} required>
                <InputNumber min={0.5} max={24} step={0.5} precision={1} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          <Card size="small" title="听众人数" style={{ marginBottom: 16 }}>
            <Row gutter={16}>
              <Col span={8}>
                <Form.Item label="学生" {...sf.item('audienceStudents')}>
                  <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} suffix="人" />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item label="青年" {...sf.item('audienceYouth')}>
                  <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} suffix="人" />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item label="其他" {...sf.item('audienceOther')}>
                  <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} suffix="人" />
                </Form.Item>
              </Col>
            </Row>
          </Card>
          <Form.Item label="所属主题活动" {...sf.item('campaignId')} extra="计入主题活动的场次、受众和志愿者合计">
            <Select options={campaigns.options} loading={campaigns.loading} allowClear showSearch={{ optionFilterProp: 'label' }} placeholder="如：大手牵小手，永远跟党走" />
          </Form.Item>
          <Form.Item label="宣讲情况" {...sf.item('summary')}>
            <Input.TextArea rows={3} maxLength={2000} showCount placeholder="讲了什么，听众反响" />
          </Form.Item>
          <Form.Item label="现场照片" {...sf.item('photoUploadIds')}>
            <UploadIds kind="photos" max={20} />
          </Form.Item>
        </>
      )}
      <div style={{ display: 'flex', justifyContent: 'flex-end' }}>
        <ModalButtons busy={busy} onClose={onClose} okText={step === 'cancel' ? '确认取消预约' : step === 'decline' ? '确认退回' : '确定'} danger={step === 'cancel' || step === 'decline'} />
      </div>
    </Form>
  );
}

function ModalButtons({ busy, onClose, okText, danger }: { busy: boolean; onClose: () => void; okText: string; danger?: boolean }) {
  return (
    <Space>
      <Button onClick={onClose}>返回</Button>
      <Button type="primary" danger={danger} htmlType="submit" loading={busy}>
        {okText}
      </Button>
    </Space>
  );
}
