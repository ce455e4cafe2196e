import { useEffect, useState } from 'react';
import { Alert, Button, Card, Col, Drawer, Form, Input, InputNumber, Row, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  activityCreate, activityUpdate, activityTypeLabels, activityVolunteerRoleLabels, id as idSchema, serviceHours, studyLevelLabels, type Activity,
} from '@gg/shared';
import { api } from '../../app/api';
import { showSuccess } from '../../app/feedback';
import { fmtCount } from '../../app/format';
import { DateInput } from '../../components/DateInput';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { useMemberUnitOptions } from '../../components/options';
import { useSchemaForm } from '../../components/schemaForm';
import { optionsOf, TimeInput, UploadIds, useBaseOptions, useCampaignOptions, VolunteerPicker, zodRule, needed } from './common';
import { useAuth } from '../../app/auth';

const typeOptions = optionsOf(activityTypeLabels);
const levelOptions = optionsOf(studyLevelLabels);
const roleOptions = optionsOf(activityVolunteerRoleLabels);
/** Nullable references: clearing one on edit sends null so the stored value goes away. */
const nullable = ['studyLevel', 'startTime', 'endTime', 'memberUnitId', 'baseId', 'campaignId'] as const;

export interface ActivityDefaults {
  baseId?: string;
  campaignId?: string;
  date?: string;
}

/** 登记 / 编辑 活动: entered once, counted everywhere (hours, campaign totals, base visits). */
export function ActivityFormDrawer({ target, defaults, onClose, onSaved }: { target: Activity | 'new' | null; defaults?: ActivityDefaults; onClose: () => void; onSaved: (a: Activity) => void }) {
  return (
    <Drawer open={Boolean(target)} onClose={onClose} size={860} destroyOnHidden title={target === 'new' ? '登记活动' : `编辑活动 · ${target?.title ?? ''}`}>
      {target && <ActivityForm activity={target === 'new' ? null : target} defaults={defaults} onClose={onClose} onSaved={onSaved} />}
    </Drawer>
  );
}

function ActivityForm({ activity, defaults, onClose, onSaved }: { activity: Activity | null; defaults?: ActivityDefaults; onClose: () => void; onSaved: (a: Activity) => void }) {
  const { me } = useAuth();
  const sf = useSchemaForm(activity ? activityUpdate : activityCreate);
  const [busy, setBusy] = useState(false);
  const campaigns = useCampaignOptions();
  const bases = useBaseOptions();
  const memberUnits = useMemberUnitOptions();
  const type = Form.useWatch('type', sf.form) as string | undefined;
  const students = (Form.useWatch('audienceStudents', sf.form) as number | undefined) ?? 0;
  const youth = (Form.useWatch('audienceYouth', sf.form) as number | undefined) ?? 0;
  const other = (Form.useWatch('audienceOther', sf.form) as number | undefined) ?? 0;
  const volunteers = (Form.useWatch('volunteers', sf.form) as { hours?: number }[] | undefined) ?? [];
  const hours = volunteers.reduce((s, v) => s + (typeof v?.hours === 'number' ? v.hours : 0), 0);

  useEffect(() => {
    if (activity) {
      sf.form.setFieldsValue({
        type: activity.type, studyLevel: activity.studyLevel ?? undefined, title: activity.title, date: activity.date,
        startTime: activity.startTime ?? undefined, endTime: activity.endTime ?? undefined, orgUnitId: activity.orgUnitId,
        memberUnitId: activity.memberUnitId ?? undefined, venue: activity.venue ?? '', baseId: activity.baseId ?? undefined,
        campaignId: activity.campaignId ?? undefined, audienceStudents: activity.audienceStudents, audienceYouth: activity.audienceYouth,
        audienceOther: activity.audienceOther, summary: activity.summary ?? '', photoUploadIds: activity.photoUploadIds, fileUploadIds: activity.fileUploadIds,
        volunteers: activity.volunteers.map((v) => ({ volunteerId: v.volunteerId, hours: v.hours, role: v.role })),
      });
    } else {
      sf.form.setFieldsValue({
        date: defaults?.date, baseId: defaults?.baseId, campaignId: defaults?.campaignId, orgUnitId: me?.orgUnit?.id,
        type: defaults?.baseId ? 'visit' : undefined, audienceStudents: 0, audienceYouth: 0, audienceOther: 0, photoUploadIds: [], fileUploadIds: [], volunteers: [],
      });
    }
  }, [sf.form, activity, defaults, me]);

  const submit = async () => {
    const values = await sf.submitValues();
    if (!values) return;
    if (values.type !== 'studySession') delete values.studyLevel;
    if (activity) for (const k of nullable) if (!(k in values)) values[k] = null;
    setBusy(true);
    try {
      const saved = activity ? await api.patch<Activity>(`/api/activities/${activity.id}`, values) : await api.post<Activity>('/api/activities', values);
      showSuccess(activity ? '已保存，志愿服务时长和各项统计已同步更新' : `已登记「${saved.title}」，志愿服务时长和各项统计已同步计入`);
      onSaved(saved);
    } catch (err) {
      sf.applyServerError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form form={sf.form} layout="vertical" onFinish={submit} name="activity" size="large" scrollToFirstError>
      {activity?.lectureRequestId && <Alert type="info" showIcon style={{ marginBottom: 16 }} title="本活动由宣讲预约登记开讲生成，修改后宣讲统计随之更新。" />}
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item label="活动类型" {...sf.item('type')} required>
            <Select options={typeOptions} placeholder="请选择" />
          </Form.Item>
        </Col>
        <Col span={16}>
          <Form.Item label="活动名称" {...sf.item('title')} required>
            <Input maxLength={100} placeholder="如：清明祭英烈主题教育活动" />
          </Form.Item>
        </Col>
        {type === 'studySession' && (
          <Col span={24}>
            <Form.Item label="学习层级" {...sf.item('studyLevel')}>
              <Select options={levelOptions} allowClear placeholder="领导班子带头学、党员干部全员学、“五老”骨干专题学" />
            </Form.Item>
          </Col>
        )}
        <Col span={8}>
          <Form.Item label="活动日期" {...needed(sf, 'date', '请选择活动日期')}>
            <DateInput />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item label="开始时间" {...sf.item('startTime')}>
            <TimeInput placeholder="如 09:00" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item label="结束时间" {...sf.item('endTime')}>
            <TimeInput placeholder="如 11:00" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label="所属组织" {...needed(sf, 'orgUnitId', '请选择所属组织')} extra="活动在哪个乡镇、村（社区）、学校开展">
            <OrgTreeSelect />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label="活动地点" {...sf.item('venue')}>
            <Input maxLength={100} placeholder="如：村党群服务中心" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label="教育基地" {...sf.item('baseId')} extra="在教育基地开展的，计入基地接待人数">
            <Select options={bases.options} loading={bases.loading} allowClear showSearch={{ optionFilterProp: 'label' }} placeholder="不在基地开展可不选" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label="所属主题活动" {...sf.item('campaignId')} extra="计入主题活动的场次、受众和志愿者合计">
            <Select options={campaigns.options} loading={campaigns.loading} allowClear showSearch={{ optionFilterProp: 'label' }} placeholder="如：大手牵小手，永远跟党走" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label="主办成员单位" {...sf.item('memberUnitId')}>
            <Select options={memberUnits.options} loading={memberUnits.loading} allowClear showSearch={{ optionFilterProp: 'label' }} placeholder="县直成员单位主办的请选择" />
          </Form.Item>
        </Col>
      </Row>

      <Card size="small" title={`受众人数（合计 ${fmtCount(students + youth + other)} 人）`} style={{ marginBottom: 16 }}>
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

      <Card size="small" title={`参与志愿者（${volunteers.length} 人，服务时长合计 ${hours.toFixed(1)} 小时）`} style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
          保存后自动计入每位志愿者的服务时长，无需在五老队伍中重复登记。
        </Typography.Paragraph>
        <Form.List name="volunteers">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Row key={field.key} gutter={12} align="top">
                  <Col span={11}>
                    <Form.Item name={[field.name, 'volunteerId']} rules={[zodRule(idSchema), { required: true, message: '请选择志愿者' }]} aria-label="志愿者">
                      <VolunteerPicker known={activity?.volunteers.map((v) => ({ id: v.volunteerId, name: v.name }))} />
                    </Form.Item>
                  </Col>
                  <Col span={6}>
                    <Form.Item name={[field.name, 'hours']} rules={[zodRule(serviceHours)]}>
                      <InputNumber min={0.5} max={24} step={0.5} precision={1} style={{ width: '100%' }} suffix="小时" placeholder="服务时长" aria-label="服务时长" />
                    </Form.Item>
                  </Col>
                  <Col span={5}>
                    <Form.Item name={[field.name, 'role']} initialValue="participant">
                      <Select options={roleOptions} aria-label="角色" />
                    </Form.Item>
                  </Col>
                  <Col span={2}>
                    <Button type="text" danger icon={<DeleteOutlined />} aria-label="移除" onClick={() => remove(field.name)} />
                  </Col>
                </Row>
              ))}
              <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ role: 'participant', hours: 2 })}>
                添加参与志愿者
              </Button>
            </>
          )}
        </Form.List>
      </Card>

      <Form.Item label="活动简介" {...sf.item('summary')}>
        <Input.TextArea rows={4} maxLength={2000} showCount placeholder="时间、地点、内容、效果，小故事讲出大道理" />
      </Form.Item>
      <Form.Item label="活动照片" {...sf.item('photoUploadIds')} extra="最多20张，支持 JPG、PNG">
        <UploadIds kind="photos" max={20} />
      </Form.Item>
      <Form.Item label="附件" {...sf.item('fileUploadIds')} extra="签到表、讲稿等，最多10个">
        <UploadIds kind="files" max={10} />
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
