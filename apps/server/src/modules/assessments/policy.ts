import type { Actor } from '../../platform/authz/actor.js';
import { can } from '../../platform/authz/actor.js';
import type { AssessmentRow } from './repository.js';

/**
 * The workflow: the unit self-assesses and submits (pending → submitted); the office reviews
 * (submitted → reviewed), may return it (submitted → pending) or re-review, and fixes the final score
 * (reviewed → final). Every step is kept in the history.
 */
export const assessmentPolicy = {
  selfAssess: (actor: Actor, a: AssessmentRow) => can(actor, 'assessment:self') && a.status === 'pending',
  submit: (actor: Actor, a: AssessmentRow) => can(actor, 'assessment:self') && a.status === 'pending',
  review: (actor: Actor, a: AssessmentRow) => can(actor, 'assessment:review') && (a.status === 'submitted' || a.status === 'reviewed'),
  return: (actor: Actor, a: AssessmentRow) => can(actor, 'assessment:review') && (a.status === 'submitted' || a.status === 'reviewed'),
  finalize: (actor: Actor, a: AssessmentRow) => can(actor, 'assessment:review') && a.status === 'reviewed',
};
export type AssessmentAction = keyof typeof assessmentPolicy;
export function assessmentActions(actor: Actor, a: AssessmentRow): AssessmentAction[] {
  return (Object.keys(assessmentPolicy) as AssessmentAction[]).filter((k) => assessmentPolicy[k](actor, a));
}

export const rubricPolicy = {
  update: (actor: Actor) => can(actor, 'assessment:rubric'),
  editItems: (actor: Actor, inUse: boolean) => can(actor, 'assessment:rubric') && !inUse,
};
