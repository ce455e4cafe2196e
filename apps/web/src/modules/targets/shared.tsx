import { Select, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, type Page } from '../../app/api';

/** This year and the four before it, for the year pickers of 目标考核. */
export const thisYear = new Date().getFullYear();
export const yearOptions = [0, 1, 2, 3, 4].map((d) => ({ value: String(thisYear - d), label: `${thisYear - d}年` }));

export function YearSelect({ value, onChange }: { value?: string; onChange?: (v: string) => void }) {
  return <Select aria-label="年度" style={{ width: 120 }} value={value ?? String(thisYear)} options={yearOptions} onChange={onChange} />;
}

/** Activities the signed-in user may see, to link as evidence (the newest first). */
export function useActivityOptions(memberUnitId?: string | null) {
  const q = useQuery({
    queryKey: ['activities', 'options', memberUnitId ?? ''],
    queryFn: () => api.get<Page<{ id: string; title: string; date: string }>>('/api/activities', { pageSize: 100, ...(memberUnitId ? { memberUnitId } : {}) }),
    staleTime: 30_000,
  });
  return (q.data?.items ?? []).map((a) => ({ value: a.id, label: `${a.date} ${a.title}` }));
}

export function OverdueTag({ overdue }: { overdue: boolean }) {
  return overdue ? <Tag color="red">逾期</Tag> : null;
}
