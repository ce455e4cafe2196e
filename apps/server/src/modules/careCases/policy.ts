import { careCaseTransitions, type CareCaseStatus } from '@gg/shared';
import { can, type Actor } from '../../platform/authz/actor.js';

/** The parts of a case the rules look at (scope is already checked by the repository). */
export interface CaseFacts {
  status: string;
  closureRequestedBy: string | null;
  closureRequestedAt: string | null;
  /** Anonymised after the retention period: read-only for good. */
  anonymizedAt?: string | null;
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
  transition: (a: Actor, c: CaseFacts) => can(a, 'careCase:update') && !c.anonymizedAt && careCaseTransitions[c.status as CareCaseStatus]?.length > 0 && !closurePending(c),
  requestClosure: (a: Actor, c: CaseFacts) => can(a, 'careCase:update') && c.status === 'in_progress' && !c.closureRequestedAt,
  /** A supervisor holding approveClosure, never the one who asked (four eyes). */
  decideClosure: (a: Actor, c: CaseFacts) => can(a, 'careCase:approveClosure') && closurePending(c) && c.closureRequestedBy !== a.userId,
  reopen: (a: Actor, c: CaseFacts) => can(a, 'careCase:update') && c.status === 'closed' && !c.anonymizedAt,
  recordWork: (a: Actor, c: CaseFacts) => can(a, 'careCase:update') && open(c),
  pairMentor: (a: Actor, c: CaseFacts) => can(a, 'careCase:update') && open(c),
  recordAssistance: (a: Actor, c: CaseFacts) => can(a, 'careCase:assist') && open(c),
  merge: (a: Actor, c: CaseFacts) => can(a, 'careCase:merge') && open(c),
  unmask: (a: Actor, c: CaseFacts) => can(a, 'careCase:unmask') && !c.anonymizedAt,
  /** Register a request to view, correct or delete this young person's data (D24). */
  dataRequest: (a: Actor, c: CaseFacts) => can(a, 'careCase:dataRequest') && c.status !== 'merged',
  /** Asking to read the sealed part is offered on every case alike. */
  requestSealed: (a: Actor, _c: CaseFacts) => can(a, 'sealed:request'),
};

export type CareCaseAction = keyof typeof careCasePolicy;

export function careCaseActions(actor: Actor, c: CaseFacts): CareCaseAction[] {
  return (Object.keys(careCasePolicy) as CareCaseAction[]).filter((k) => careCasePolicy[k](actor, c));
}
