import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Col, Drawer, Form, Input, InputNumber, Row, Select, Space, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { lectureCategoryLabels, lectureRequestCreate, type LectureAudience, type LectureRequest, type LectureTopic } from '@gg/shared';
import { api, type Page } from '../../app/api';
import { useAuth } from '../../app/auth';
import { showSuccess } from '../../app/feedback';
import { DateInput } from '../../components/DateInput';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { useSchemaForm } from '../../components/schemaForm';
import { TimeInput, needed } from '../activities/common';

const audienceOfKind: Record<string, LectureAudience | undefined> = { school: 'school', village: 'village', community: 'community', enterprise: 'enterprise' };

/** 预约宣讲: a school, village or enterprise liaison books a topic of the menu for a date. */
export function RequestFormDrawer({ open, topic, onClose, onSaved }: { open: boolean; topic?: LectureTopic | null; onClose: () => void; onSaved: (r: LectureRequest) => void }) {
  return (
    <Drawer open={open} onClose={onClose} size={640} destroyOnHidden title="预约宣讲">
      {open && <RequestForm topic={topic ?? null} onClose={onClose} onSaved={onSaved} />}
    </Drawer>
  );
}

function RequestForm({ topic, onClose, onSaved }: { topic: LectureTopic | null; onClose: () => void; onSaved: (r: LectureRequest) => void }) {
  const { me } = useAuth();
  const sf = useSchemaForm(lectureRequestCreate);
  const [busy, setBusy] = useState(false);
  const audience = me?.orgUnit ? audienceOfKind[me.orgUnit.kind] : undefined;
  const topics = useQuery({
    queryKey: ['lecture-topics', 'options', audience],
    queryFn: () => api.get<Page<LectureTopic>>('/api/lecture-topics', { status: 'published', audience, pageSize: 100, sort: 'title' }),
  });
  const topicId = Form.useWatch('topicId', sf.form) as string | undefined;
  const chosen = useMemo(() => topics.data?.items.find((t) => t.id === topicId) ?? (topic?.id === topicId ? topic : undefined), [topics.data, topicId, topic]);
  const isSchool = me?.orgUnit?.kind === 'school';

  useEffect(() => {
    sf.form.setFieldsValue({ topicId: topic?.id, orgUnitId: me?.orgUnit?.id, audienceEstimate: 50 });
  }, [sf.form, topic, me]);

  const submit = async () => {
    const values = await sf.submitValues();
    if (!values) return;
    setBusy(true);
    try {
      const saved = await api.post<LectureRequest>('/api/lecture-requests', values);
      showSuccess(`已提交「${saved.topicTitle}」的宣讲预约，县关工委办公室派讲后将通知您`);
      onSaved(saved);
    } catch (err) {
      sf.applyServerError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form form={sf.form} layout="vertical" onFinish={submit} name="lecture-request" size="large">
      {isSchool && <Alert type="info" showIcon style={{ marginBottom: 16 }} title="学校只能预约已准入学校的宣讲主题（标有“准入学校”）。" />}
      <Form.Item label="宣讲主题" {...needed(sf, 'topicId', '请选择宣讲主题')}>
        <Select
          showSearch={{ optionFilterProp: 'title' }}
          loading={topics.isLoading}
          placeholder="从宣讲菜单中选择"
          options={(topics.data?.items ?? []).map((t) => ({
            value: t.id,
            title: t.title,
            disabled: isSchool && !t.schoolApproved,
            label: (
              <Space>
                {t.title}
                <Tag>{lectureCategoryLabels[t.category]}</Tag>
                {t.schoolApproved && <Tag color="green">准入学校</Tag>}
              </Space>
            ),
          }))}
        />
      </Form.Item>
      {chosen && (
        <Alert
          type="success"
          style={{ marginBottom: 16 }}
          title={`时长约 ${chosen.durationMinutes} 分钟 · 宣讲员：${chosen.lecturers.map((l) => l.name).join('、') || '由办公室安排'}`}
          description={chosen.summary ?? undefined}
        />
      )}
      <Form.Item label="预约单位" {...needed(sf, 'orgUnitId', '请选择预约单位')}>
        <OrgTreeSelect />
      </Form.Item>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item label="希望日期" {...needed(sf, 'preferredDate', '请选择希望日期')}>
            <DateInput />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label="希望时间" {...sf.item('preferredTime')}>
            <TimeInput placeholder="如 14:30" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label="预计听众人数" {...sf.item('audienceEstimate')} required>
        <InputNumber min={1} max={5000} precision={0} style={{ width: 200 }} suffix="人" />
      </Form.Item>
      <Form.Item label="备注" {...sf.item('note')}>
        <Input.TextArea rows={3} maxLength={500} showCount placeholder="如：六年级学生，希望结合清明节" />
      </Form.Item>
      <Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy}>
            提交预约
          </Button>
          <Button onClick={onClose}>取消</Button>
        </Space>
      </Form.Item>
    </Form>
  );
}
