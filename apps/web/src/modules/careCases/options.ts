import {
  assistanceKindLabels, careCaseCategoryLabels, careCaseOutcomeLabels, careCaseStatusLabels, mentorRoleLabels, needKindLabels, politicalStatusLabels,
  riskLevelLabels, visitModeLabels,
} from '@gg/shared';

const toOptions = <K extends string>(labels: Record<K, string>, omit: K[] = []) =>
  (Object.entries(labels) as [K, string][]).filter(([k]) => !omit.includes(k)).map(([value, label]) => ({ value, label }));

export const categoryOptions = toOptions(careCaseCategoryLabels);
export const statusOptions = toOptions(careCaseStatusLabels, ['merged']);
export const riskOptions = toOptions(riskLevelLabels);
export const outcomeOptions = toOptions(careCaseOutcomeLabels);
export const assistanceKindOptions = toOptions(assistanceKindLabels);
export const needKindOptions = toOptions(needKindLabels);
export const visitModeOptions = toOptions(visitModeLabels);
export const mentorRoleOptions = toOptions(mentorRoleLabels);
export const politicalOptions = toOptions(politicalStatusLabels);

export const riskColors = { low: 'green', medium: 'orange', high: 'red' } as const;
export const statusColors: Record<string, string> = { intake: 'default', assessment: 'processing', plan: 'processing', in_progress: 'blue', closed: 'success', reopened: 'warning', merged: 'default' };

/** Fen to yuan for display, and back for forms. */
export const yuan = (fen: number) => fen / 100;
export const fen = (yuanValue: number) => Math.round(yuanValue * 100);
