import { careCaseTransitions, type CareCaseStatus } from '@gg/shared';
import { can, type Actor } from '../../platform/authz/actor.js';

/** The parts of a case the rules look at (scope is already checked by the repository). */
export interface CaseFacts {
  status: string;
  closureRequestedBy: string | null;
  closureRequestedAt: string | null;
}

const open = (c: CaseFacts) => c.status !== 'closed' && c.status !== 'merged';
const closurePending = (c: CaseFacts) => Boolean(c.closureRequestedAt) && c.status === 'in_progress';

/**
 * What an actor may do to a care case they can see.
 * Each rule reads: actor may <action> on case when <condition>.
 * None of them depends on whether sealed offence details exist (B15: no sign of them).
 */
export const careCasePolicy = {
  update: (a: Actor, c: CaseFacts) => can(a, 'careCase:update') && open(c),
  transition: (a: Actor, c: CaseFacts) => can(a, 'careCase:update') && careCaseTransitions[c.status as CareCaseStatus]?.length > 0 && !closurePending(c),
  requestClosure: (a: Actor, c: CaseFacts) => can(a, 'careCase:update') && c.status === 'in_progress' && !c.closureRequestedAt,
  /** A supervisor holding approveClosure, never the one who asked (four eyes). */
  decideClosure: (a: Actor, c: CaseFacts) => can(a, 'careCase:approveClosure') && closurePending(c) && c.closureRequestedBy !== a.userId,
  reopen: (a: Actor, c: CaseFacts) => can(a, 'careCase:update') && c.status === 'closed',
  recordWork: (a: Actor, c: CaseFacts) => can(a, 'careCase:update') && open(c),
  pairMentor: (a: Actor, c: CaseFacts) => can(a, 'careCase:update') && open(c),
  recordAssistance: (a: Actor, c: CaseFacts) => can(a, 'careCase:assist') && open(c),
  merge: (a: Actor, c: CaseFacts) => can(a, 'careCase:merge') && open(c),
  unmask: (a: Actor, _c: CaseFacts) => can(a, 'careCase:unmask'),
  /** Asking to read the sealed part is offered on every case alike. */
  requestSealed: (a: Actor, _c: CaseFacts) => can(a, 'sealed:request'),
};

export type CareCaseAction = keyof typeof careCasePolicy;

export function careCaseActions(actor: Actor, c: CaseFacts): CareCaseAction[] {
  return (Object.keys(careCasePolicy) as CareCaseAction[]).filter((k) => careCasePolicy[k](actor, c));
}
