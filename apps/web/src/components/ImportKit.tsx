import { useEffect, useState } from 'react';
import { Alert, Progress, Space, Table } from 'antd';
import type { ImportJob } from '@gg/shared';
import { api } from '../app/api';
import { fmtCount } from '../app/format';

/** One problem of an uploaded file: spreadsheet row, column (as the file calls it) and what is wrong. */
export interface ImportProblem {
  row: number;
  column: string;
  message: string;
  /** The row's name, when the importer has one. */
  name?: string | null;
}

/** The row-by-row error report every importer shows before anything is written. */
export function ImportErrorTable({ errors, pageSize = 10 }: { errors: ImportProblem[]; pageSize?: number }) {
  if (!errors.length) return null;
  const withName = errors.some((e) => e.name);
  return (
    <Table<ImportProblem> size="small" rowKey={(r) => `${r.row}-${r.column}-${r.message}`} dataSource={errors} pagination={{ pageSize, hideOnSinglePage: true, showSizeChanger: false }}
      aria-label="导入问题清单"
      columns={[
        { title: '行号', dataIndex: 'row', width: 80 },
        ...(withName ? [{ title: '姓名', dataIndex: 'name', width: 100 }] : []),
        { title: '列', dataIndex: 'column', width: 140 },
        { title: '问题', dataIndex: 'message' },
      ]} />
  );
}

/**
 * Polls GET /api/import-jobs/:id (any instance answers) while `active`; null until the first answer.
 * Importers whose commit answers only at the end poll this while the commit request is pending.
 */
export function useImportJob(jobId: string | null, active: boolean) {
  const [job, setJob] = useState<ImportJob | null>(null);
  useEffect(() => {
    if (!jobId || !active) return;
    let stop = false;
    const tick = async () => {
      try {
        const j = await api.get<ImportJob>(`/api/import-jobs/${jobId}`);
        if (!stop) setJob(j);
        if (j.status !== 'running') return;
      } catch {
        // Not started yet (404) or a blip: try again.
      }
      if (!stop) setTimeout(() => void tick(), 500);
    };
    void tick();
    return () => {
      stop = true;
    };
  }, [jobId, active]);
  useEffect(() => {
    if (!jobId) setJob(null);
  }, [jobId]);
  return job;
}

/** The progress bar of a commit and, when it ends, what was written (or that nothing was). */
export function ImportProgress({ job, unit = '条' }: { job: ImportJob | null; unit?: string }) {
  if (!job) return null;
  const percent = job.status === 'done' ? 100 : job.total ? Math.min(99, Math.floor((job.done / job.total) * 100)) : 0;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Progress percent={percent} status={job.status === 'failed' ? 'exception' : job.status === 'done' ? 'success' : 'active'} aria-label="导入进度" />
      {job.status === 'running' && <span>正在写入：{fmtCount(job.done)} / {fmtCount(job.total)}（全部成功才会保存，请勿关闭页面）</span>}
      {job.status === 'failed' && <Alert type="error" showIcon title={job.message ?? '导入失败，没有写入任何数据'} />}
      {job.status === 'done' && (
        <Alert type="success" showIcon title={`导入完成：新增 ${fmtCount(job.created)} ${unit}${job.updated ? `，更新 ${fmtCount(job.updated)} ${unit}` : ''}${job.skipped ? `，跳过 ${fmtCount(job.skipped)} ${unit}` : ''}。`} />
      )}
    </Space>
  );
}
