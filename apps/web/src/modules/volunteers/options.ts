import {
  ageBandLabels,
  committeePostLabels,
  politicalStatusLabels,
  sexLabels,
  volunteerAvailabilityLabels,
  volunteerCategoryLabels,
  volunteerHealthLabels,
  volunteerServiceSourceLabels,
  volunteerSpecialtyLabels,
  volunteerStatusLabels,
  volunteerTeamKindLabels,
  volunteerTeamRoleLabels,
} from '@gg/shared';
import { fmtHours } from '../../app/format';

const options = <K extends string>(labels: Record<K, string>) => (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }));

export const categoryOptions = options(volunteerCategoryLabels);
export const statusOptions = options(volunteerStatusLabels);
export const specialtyOptions = options(volunteerSpecialtyLabels);
export const ageBandOptions = options(ageBandLabels);
export const sexOptions = options(sexLabels);
export const committeePostOptions = options(committeePostLabels);
export const politicalStatusOptions = options(politicalStatusLabels);
export const healthOptions = options(volunteerHealthLabels);
export const availabilityOptions = options(volunteerAvailabilityLabels);
export const teamKindOptions = options(volunteerTeamKindLabels);
export const teamRoleOptions = options(volunteerTeamRoleLabels);
export const sourceLabels = volunteerServiceSourceLabels;

/** ★★★☆☆ for service-level stars. */
export const starText = (n: number) => (n > 0 ? '★'.repeat(n) + '☆'.repeat(5 - n) : '—');
export const hoursText = (h: number) => `${fmtHours(h)} 小时`;
