import type { Assessment, AssessmentStatus, Rubric, RubricAppliesTo, RubricItem, RubricItemKind, RubricMetric, RubricScoring } from '@gg/shared';
import type { Actor } from '../../platform/authz/actor.js';
import type { RubricItemTable, RubricTable } from '../../platform/db/schema.js';
import type { AssessmentRow } from './repository.js';
import { assessmentActions, rubricPolicy } from './policy.js';

const n = (v: number | null) => (v === null || v === undefined ? null : Number(v));

export function presentItem(i: RubricItemTable): RubricItem {
  return {
    id: i.id, section: i.section, title: i.title, kind: i.kind as RubricItemKind, scoring: i.scoring as RubricScoring, maxPoints: n(i.maxPoints),
    metric: i.metric as RubricMetric | null, threshold: n(i.threshold), perUnit: n(i.perUnit), sortOrder: Number(i.sortOrder),
  };
}

export function presentRubric(actor: Actor, r: RubricTable, items: RubricItemTable[], inUse: boolean): Rubric {
  return {
    id: r.id, code: r.code, name: r.name, appliesTo: r.appliesTo as RubricAppliesTo, description: r.description, status: r.status as Rubric['status'],
    fullMarks: items.filter((i) => i.kind === 'item').reduce((s, i) => s + Number(i.maxPoints ?? 0), 0),
    inUse, items: items.map(presentItem),
    actions: [...(rubricPolicy.update(actor) ? ['update', 'copy'] : []), ...(rubricPolicy.editItems(actor, inUse) ? ['editItems'] : [])],
  };
}

export function presentAssessment(actor: Actor, a: AssessmentRow): Assessment {
  return {
    id: a.id, year: Number(a.year), rubricId: a.rubricId, rubricName: a.rubricName, memberUnitId: a.memberUnitId, orgUnitId: a.orgUnitId, ownerName: a.ownerName,
    status: a.status as AssessmentStatus, selfTotal: n(a.selfTotal), reviewTotal: n(a.reviewTotal), finalScore: n(a.finalScore),
    selfComment: a.selfComment, reviewComment: a.reviewComment, finalComment: a.finalComment,
    submittedAt: a.submittedAt, reviewedAt: a.reviewedAt, finalizedAt: a.finalizedAt, actions: assessmentActions(actor, a),
  };
}
