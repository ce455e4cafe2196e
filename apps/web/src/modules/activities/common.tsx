import { useState } from 'react';
import { Button, Image, Popconfirm, Select, Space, TimePicker, Upload, type UploadFile } from 'antd';
import { PaperClipOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import type { Rule } from 'antd/es/form';
import type { z } from 'zod';
import { uploadAccept, uploadPresets, type Campaign, type EducationBase, type UploadInfo } from '@gg/shared';
import { api, request, type Page } from '../../app/api';
import { useAuth } from '../../app/auth';
import { showError } from '../../app/feedback';

/** Label maps → Select options. */
export const optionsOf = <K extends string>(labels: Record<K, string>) => (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }));

/** An antd rule from a zod schema, for fields nested in lists (the top-level ones use useSchemaForm). */
export const zodRule = (schema: z.ZodType) => ({
  validator: async (_: unknown, value: unknown) => {
    const r = schema.safeParse(value ?? undefined);
    if (!r.success) throw new Error(r.error.issues[0]?.message ?? '格式不正确');
  },
});

/** Active campaigns for pickers and filters. */
export function useCampaignOptions(all = false) {
  const { can } = useAuth();
  const q = useQuery({
    queryKey: ['campaigns', 'options', all],
    queryFn: () => api.get<Page<Campaign>>('/api/campaigns', { pageSize: 100, sort: '-startYear', status: all ? undefined : 'active' }),
    enabled: can('campaign:read'),
    staleTime: 60_000,
  });
  return { options: (q.data?.items ?? []).map((c) => ({ value: c.id, label: c.name })), loading: q.isLoading };
}

/** Active education bases for pickers and filters. */
export function useBaseOptions(all = false) {
  const { can } = useAuth();
  const q = useQuery({
    queryKey: ['bases', 'options', all],
    queryFn: () => api.get<Page<EducationBase>>('/api/bases', { pageSize: 100, sort: 'name', status: all ? undefined : 'active' }),
    enabled: can('base:read'),
    staleTime: 60_000,
  });
  return { options: (q.data?.items ?? []).map((b) => ({ value: b.id, label: b.name })), loading: q.isLoading };
}

/** Serving elder volunteers by name or pinyin (GET /api/activities/volunteer-options). */
export function VolunteerPicker({ value, onChange, known, placeholder = '输入姓名或拼音查找', style, id, multiple: many }: {
  value?: string | string[];
  multiple?: boolean;
  onChange?: (v: string | string[] | undefined) => void;
  /** Names of already chosen volunteers (they may not be in the current search result). */
  known?: { id: string; name: string }[];
  placeholder?: string;
  style?: React.CSSProperties;
  id?: string;
}) {
  const multiple = many ?? Array.isArray(value);
  const [q, setQ] = useState('');
  const query = useQuery({
    queryKey: ['activities', 'volunteer-options', q],
    queryFn: () => api.get<{ id: string; name: string; category: string }[]>('/api/activities/volunteer-options', { q: q || undefined }),
    staleTime: 30_000,
  });
  const seen = new Map<string, string>();
  for (const k of known ?? []) seen.set(k.id, k.name);
  for (const o of query.data ?? []) seen.set(o.id, o.name);
  return (
    <Select
      id={id}
      mode={multiple ? 'multiple' : undefined}
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      value={value}
      onChange={(v) => onChange?.(v as string | string[] | undefined)}
      placeholder={placeholder}
      loading={query.isFetching}
      options={[...seen].map(([v, label]) => ({ value: v, label }))}
      notFoundContent={query.isFetching ? '正在查找…' : '没有找到在服务的志愿者'}
      style={style}
    />
  );
}

/** A time picker whose value is the string HH:mm. */
export function TimeInput({ value, onChange, placeholder, id }: { value?: string | null; onChange?: (v: string | undefined) => void; placeholder?: string; id?: string }) {
  return (
    <TimePicker
      id={id}
      style={{ width: '100%' }}
      format="HH:mm"
      minuteStep={5}
      needConfirm={false}
      value={value ? dayjs(`2000-01-01 ${value}`) : null}
      onChange={(d) => onChange?.(d ? d.format('HH:mm') : undefined)}
      placeholder={placeholder}
    />
  );
}

export const uploadUrl = (id: string) => `/api/uploads/${id}`;

/**
 * Photos or files through the upload API (POST /api/uploads, field `file`); the value is the list of
 * upload ids the shared schemas carry.
 */
export function UploadIds({ value = [], onChange, kind = 'photos', max = 20, id }: { value?: string[]; onChange?: (ids: string[]) => void; kind?: 'photos' | 'files'; max?: number; id?: string }) {
  const [files, setFiles] = useState<UploadFile[]>(() =>
    value.map((uid, i) => ({ uid, name: kind === 'photos' ? `照片${i + 1}` : `附件${i + 1}`, status: 'done', url: uploadUrl(uid), response: { id: uid } })),
  );
  const emit = (list: UploadFile[]) => onChange?.(list.filter((f) => f.status === 'done').map((f) => (f.response as UploadInfo | undefined)?.id ?? f.uid));
  const photos = kind === 'photos';
  return (
    <Upload
      id={id}
      listType={photos ? 'picture-card' : 'text'}
      accept={uploadAccept(photos ? uploadPresets.images : uploadPresets.attachments)}
      multiple
      fileList={files}
      maxCount={max}
      customRequest={async (opts) => {
        const body = new FormData();
        body.append('file', opts.file as Blob);
        try {
          const info = await request<UploadInfo>('POST', '/api/uploads', { body, quiet: true });
          opts.onSuccess?.(info);
        } catch (err) {
          showError(err);
          opts.onError?.(err as Error);
        }
      }}
      onChange={({ fileList }) => {
        const next = fileList
          .filter((f) => f.status !== 'error')
          .map((f) => (f.status === 'done' && f.response ? { ...f, url: uploadUrl((f.response as UploadInfo).id) } : f));
        setFiles(next);
        emit(next);
      }}
    >
      {files.length >= max ? null : photos ? (
        <div>
          <PlusOutlined />
          <div style={{ marginTop: 8 }}>上传照片</div>
        </div>
      ) : (
        <Button icon={<UploadOutlined />}>上传附件</Button>
      )}
    </Upload>
  );
}

/** Photos of a record, as thumbnails that open large; with `onDelete`, each has a 删除 link (confirmed). */
export function PhotoWall({ ids, onDelete }: { ids: string[]; onDelete?: (id: string) => void }) {
  if (!ids.length) return <span style={{ color: '#999' }}>未上传照片</span>;
  return (
    <Image.PreviewGroup>
      <Space wrap>
        {ids.map((id, i) => (
          <Space key={id} orientation="vertical" size={2} align="center">
            <Image src={uploadUrl(id)} width={120} height={90} style={{ objectFit: 'cover', borderRadius: 4 }} alt="活动照片" />
            {onDelete && <DeleteLink what={`照片${i + 1}`} onConfirm={() => onDelete(id)} />}
          </Space>
        ))}
      </Space>
    </Image.PreviewGroup>
  );
}

export function FileLinks({ ids, onDelete }: { ids: string[]; onDelete?: (id: string) => void }) {
  if (!ids.length) return <span style={{ color: '#999' }}>无</span>;
  return (
    <Space orientation="vertical" size={4}>
      {ids.map((id, i) => (
        <Space key={id}>
          <a href={uploadUrl(id)} target="_blank" rel="noreferrer">
            <PaperClipOutlined /> 附件{i + 1}
          </a>
          {onDelete && <DeleteLink what={`附件${i + 1}`} onConfirm={() => onDelete(id)} />}
        </Space>
      ))}
    </Space>
  );
}

function DeleteLink({ what, onConfirm }: { what: string; onConfirm: () => void }) {
  return (
    <Popconfirm title={`删除${what}？`} description="删除后不再显示在活动中（操作记入审计）" okText="删除" okButtonProps={{ danger: true }} cancelText="取消" onConfirm={onConfirm}>
      <Button type="link" size="small" danger aria-label={`删除${what}`}>删除</Button>
    </Popconfirm>
  );
}

/**
 * Form.Item props for a required picker or date: a plain "请选择…" when it is empty (the shared
 * schema's own message for a missing id or date is about its format), then the schema's rule.
 */
export function needed(sf: { rule: (name: string) => Rule[] }, name: string, message: string) {
  return { name, required: true, validateFirst: true, rules: [{ required: true, message }, ...sf.rule(name)] };
}
