import { useEffect, useState } from 'react';
import { Button, Checkbox, Col, Drawer, Form, Input, InputNumber, Row, Select, Space, Switch } from 'antd';
import { lectureAudienceLabels, lectureCategoryLabels, lectureTopicCreate, lectureTopicUpdate, type LectureTopic } from '@gg/shared';
import { api } from '../../app/api';
import { showSuccess } from '../../app/feedback';
import { useSchemaForm } from '../../components/schemaForm';
import { optionsOf, VolunteerPicker } from '../activities/common';

export const categoryOptions = optionsOf(lectureCategoryLabels);
export const audienceOptions = optionsOf(lectureAudienceLabels);

/** 新增 / 编辑 宣讲主题: a topic of the menu with the lecturers who may give it. */
export function TopicFormDrawer({ target, onClose, onSaved }: { target: LectureTopic | 'new' | null; onClose: () => void; onSaved: () => void }) {
  return (
    <Drawer open={Boolean(target)} onClose={onClose} size={680} destroyOnHidden title={target === 'new' ? '新增宣讲主题' : `编辑宣讲主题 · ${target?.title ?? ''}`}>
      {target && <TopicForm topic={target === 'new' ? null : target} onClose={onClose} onSaved={onSaved} />}
    </Drawer>
  );
}

function TopicForm({ topic, onClose, onSaved }: { topic: LectureTopic | null; onClose: () => void; onSaved: () => void }) {
  const sf = useSchemaForm(topic ? lectureTopicUpdate : lectureTopicCreate);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (topic) {
      sf.form.setFieldsValue({
        title: topic.title, category: topic.category, summary: topic.summary ?? '', audiences: topic.audiences, durationMinutes: topic.durationMinutes,
        schoolApproved: topic.schoolApproved, lecturerIds: topic.lecturers.map((l) => l.id),
      });
    } else sf.form.setFieldsValue({ audiences: ['school', 'village', 'community'], durationMinutes: 60, schoolApproved: false, lecturerIds: [] });
  }, [sf.form, topic]);
  const submit = async () => {
    const values = await sf.submitValues();
    if (!values) return;
    setBusy(true);
    try {
      const saved = topic ? await api.patch<LectureTopic>(`/api/lecture-topics/${topic.id}`, values) : await api.post<LectureTopic>('/api/lecture-topics', values);
      showSuccess(topic ? '已保存' : `已将「${saved.title}」加入宣讲菜单`);
      onSaved();
    } catch (err) {
      sf.applyServerError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form form={sf.form} layout="vertical" onFinish={submit} name="lecture-topic" size="large">
      <Form.Item label="宣讲主题" {...sf.item('title')} required>
        <Input maxLength={100} autoFocus placeholder="如：小故事里的大道理" />
      </Form.Item>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item label="宣讲类别" {...sf.item('category')} required>
            <Select options={categoryOptions} placeholder="请选择" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label="时长（分钟）" {...sf.item('durationMinutes')}>
            <InputNumber min={10} max={480} step={10} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label="面向对象" {...sf.item('audiences')} required>
        <Checkbox.Group options={audienceOptions} />
      </Form.Item>
      <Form.Item label="准入学校" {...sf.item('schoolApproved')} valuePropName="checked" extra="学校严格控制校外人员进校，只能预约经县关工委会同教育局审定准入的主题">
        <Switch checkedChildren="已准入" unCheckedChildren="未准入" />
      </Form.Item>
      <Form.Item label="宣讲员" {...sf.item('lecturerIds')} extra="可承担本主题的“五老”宣讲员，派讲时从中选择">
        <VolunteerPicker multiple known={topic?.lecturers} />
      </Form.Item>
      <Form.Item label="内容简介" {...sf.item('summary')}>
        <Input.TextArea rows={5} maxLength={2000} showCount placeholder="讲什么、适合谁听，小故事讲出大道理" />
      </Form.Item>
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
