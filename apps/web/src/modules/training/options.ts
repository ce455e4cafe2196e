import {
  trainingClassStatusLabels, trainingClassStatuses, trainingEducationLabels, trainingEducations, trainingEnrolmentStatusLabels, trainingIndustries,
  trainingIndustryLabels, trainingOutcomeLabels, trainingOutcomes, type TrainingClassStatus, type TrainingEnrolmentStatus,
} from '@gg/shared';

export const industryOptions = trainingIndustries.map((v) => ({ value: v, label: trainingIndustryLabels[v] }));
export const classStatusOptions = trainingClassStatuses.map((v) => ({ value: v, label: trainingClassStatusLabels[v] }));
export const outcomeOptions = trainingOutcomes.map((v) => ({ value: v, label: trainingOutcomeLabels[v] }));
export const educationOptions = trainingEducations.map((v) => ({ value: v, label: trainingEducationLabels[v] }));
export const monthOptions = [3, 6, 12].map((m) => ({ value: m, label: `${m}个月` }));

export const classStatusColor: Record<TrainingClassStatus, string> = { planned: 'default', enrolling: 'processing', running: 'warning', finished: 'success' };
export const enrolmentStatusColor: Record<TrainingEnrolmentStatus, string> = { enrolled: 'processing', waiting: 'gold', withdrawn: 'default', completed: 'success', not_completed: 'error' };
export { trainingEnrolmentStatusLabels };

/** The next status of a class and the button that moves it there. */
export const nextStatus: Partial<Record<TrainingClassStatus, { to: TrainingClassStatus; label: string; confirm?: string }>> = {
  planned: { to: 'enrolling', label: '开始报名' },
  enrolling: { to: 'running', label: '开班' },
  running: { to: 'finished', label: '结业', confirm: '结业后按出勤率判定每位学员是否结业（出勤达到结业要求的发给结业证书），且不能再登记考勤。确定结业？' },
};

export const yearOptions = (() => {
  const y = new Date().getFullYear();
  return [y + 1, y, y - 1, y - 2, y - 3].map((v) => ({ value: String(v), label: `${v}年` }));
})();
