import type { ReactNode } from 'react';
import { Drawer, Skeleton, Space } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../app/api';
import { ActivityFormDrawer } from '../modules/activities/ActivityForm';
import { RecentActivities } from '../modules/activities/ActivityDetail';

/**
 * The detail drawer of a register entry (a base, a campaign…): loads `/api/<resource>/<id>`, shows a
 * skeleton until it arrives, then the body; the latest activities counted for it close the drawer.
 */
export function DetailDrawer<T extends { id: string; name: string }>({
  resource, id, onClose, size, emptyTitle, actions, activitiesTitle, activityFilter, children,
}: {
  /** API path segment and query key: 'bases' → GET /api/bases/:id, key ['bases', 'detail', id]. */
  resource: string;
  id: string | null;
  onClose: () => void;
  size: number;
  emptyTitle: string;
  actions: (item: T) => ReactNode;
  activitiesTitle: string;
  activityFilter: (item: T) => { baseId?: string; campaignId?: string };
  children: (item: T) => ReactNode;
}) {
  const q = useQuery({ queryKey: [resource, 'detail', id], queryFn: () => api.get<T>(`/api/${resource}/${id}`), enabled: Boolean(id) });
  const item = q.data;
  return (
    <Drawer open={Boolean(id)} onClose={onClose} size={size} title={item?.name ?? emptyTitle} extra={item ? actions(item) : undefined}>
      {!item ? (
        <Skeleton active paragraph={{ rows: 10 }} />
      ) : (
        <Space orientation="vertical" size={20} style={{ width: '100%' }}>
          {children(item)}
          <div>
            <h3 style={{ fontSize: 16 }}>{activitiesTitle}</h3>
            <RecentActivities filter={activityFilter(item)} />
          </div>
        </Space>
      )}
    </Drawer>
  );
}

/** The create/edit drawer of a register entry: `editing` is the entry, 'new', or null (closed). */
export function EditDrawer<T extends { name: string }>({ editing, onClose, size, newTitle, editTitle, children }: {
  editing: T | 'new' | null;
  onClose: () => void;
  size: number;
  newTitle: string;
  editTitle: string;
  children: (item: T | null) => ReactNode;
}) {
  return (
    <Drawer open={Boolean(editing)} onClose={onClose} size={size} destroyOnHidden title={editing === 'new' ? newTitle : `${editTitle} · ${editing?.name ?? ''}`}>
      {editing && children(editing === 'new' ? null : editing)}
    </Drawer>
  );
}

/** 登记活动 for a base or a campaign, prefilled with it; on save the activity lists and the register refresh. */
export function RecordActivityDrawer({ defaults, onClose, onSaved }: { defaults: { baseId?: string; campaignId?: string } | null; onClose: () => void; onSaved: () => Promise<unknown> }) {
  const qc = useQueryClient();
  return (
    <ActivityFormDrawer
      target={defaults ? 'new' : null}
      defaults={defaults ?? undefined}
      onClose={onClose}
      onSaved={async () => {
        onClose();
        await qc.invalidateQueries({ queryKey: ['activities'] });
        await onSaved();
      }}
    />
  );
}
