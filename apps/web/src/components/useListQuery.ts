import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TablePaginationConfig, TableProps } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { api, type Page, type QueryParams } from '../app/api';
import { fmtCount } from '../app/format';

export interface ListQueryOptions {
  /** react-query key prefix, e.g. 'member-units'. */
  key: string;
  url: string;
  /** Named filters kept in the URL (besides page, pageSize, sort, q). */
  filters?: readonly string[];
  defaultSort?: string;
  defaultPageSize?: number;
  enabled?: boolean;
}

/**
 * A list page's state, kept in the URL search params (so a list can be bookmarked and shared):
 * filters, page, pageSize and sort (`-field` for descending, as the API takes it).
 */
export function useListQuery<T extends { id: string }>(options: ListQueryOptions) {
  const { key, url, filters = [], defaultSort, defaultPageSize = 20, enabled = true } = options;
  const [sp, setSp] = useSearchParams();
  const page = Math.max(1, Number(sp.get('page')) || 1);
  const pageSize = Math.min(100, Math.max(1, Number(sp.get('pageSize')) || defaultPageSize));
  const sort = sp.get('sort') ?? defaultSort;
  const filterKeys = useMemo(() => ['q', ...filters], [filters]);
  const filterValues = useMemo(() => {
    const out: Record<string, string | undefined> = {};
    for (const k of filterKeys) out[k] = sp.get(k) ?? undefined;
    return out;
  }, [sp, filterKeys]);
  const params: QueryParams = useMemo(() => ({ page, pageSize, sort, ...filterValues }), [page, pageSize, sort, filterValues]);

  const query = useQuery({
    queryKey: [key, 'list', params],
    queryFn: () => api.get<Page<T>>(url, params),
    placeholderData: keepPreviousData,
    enabled,
  });

  const update = useCallback(
    (changes: Record<string, string | number | undefined | null>) => {
      setSp((prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(changes)) {
          if (v === undefined || v === null || v === '') next.delete(k);
          else next.set(k, String(v));
        }
        return next;
      });
    },
    [setSp],
  );

  /** Apply the query form: new filters, back to page 1. */
  const setFilters = useCallback(
    (values: Record<string, unknown>) => {
      const changes: Record<string, string | undefined> = { page: undefined };
      for (const k of filterKeys) {
        const v = values[k];
        changes[k] = v === undefined || v === null || v === '' ? undefined : String(v).trim() || undefined;
      }
      update(changes);
    },
    [filterKeys, update],
  );

  const resetFilters = useCallback(() => {
    const changes: Record<string, undefined> = { page: undefined };
    for (const k of filterKeys) changes[k] = undefined;
    update(changes);
  }, [filterKeys, update]);

  /** For a column's controlled sortOrder. */
  const sortOrderOf = useCallback(
    (field: string): 'ascend' | 'descend' | null => (sort === field ? 'ascend' : sort === `-${field}` ? 'descend' : null),
    [sort],
  );

  const onChange: TableProps<T>['onChange'] = (pagination: TablePaginationConfig, _f, sorter) => {
    const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<T> | undefined;
    const field = s?.columnKey ?? (typeof s?.field === 'string' ? s.field : undefined);
    const nextSort = s?.order && field ? `${s.order === 'descend' ? '-' : ''}${String(field)}` : undefined;
    const sortChanged = (nextSort ?? defaultSort) !== sort;
    update({
      page: sortChanged || pagination.pageSize !== pageSize ? undefined : pagination.current === 1 ? undefined : pagination.current,
      pageSize: pagination.pageSize === defaultPageSize ? undefined : pagination.pageSize,
      sort: nextSort === defaultSort ? undefined : (nextSort ?? ''),
    });
  };

  const tableProps: TableProps<T> = {
    rowKey: 'id',
    dataSource: query.data?.items ?? [],
    loading: query.isFetching,
    onChange,
    pagination: {
      current: page,
      pageSize,
      total: query.data?.total ?? 0,
      showSizeChanger: true,
      pageSizeOptions: [10, 20, 50, 100],
      showTotal: (total) => `共 ${fmtCount(total)} 条`,
    },
    scroll: { x: 'max-content' },
  };

  return { query, params, filters: filterValues, setFilters, resetFilters, sortOrderOf, tableProps, refetch: query.refetch };
}
