import type { DemoStep } from '../context.js';
import { memberUnitsStep } from './member-units.js';
import { orgTreeStep } from './org-tree.js';
import { demoSecurityStep } from './security.js';
import { demoUsersStep } from './users.js';
import { targetsStep } from './targets.js';
import { volunteersStep } from './volunteers.js';
import { careCasesStep } from './care-cases.js';
import { activitiesStep } from './activities.js';
import { trainingStep } from './training.js';

/**
 * The generator steps, in order. A module that brings demo data (volunteers, care cases, activities, …)
 * appends its step here; each step gets its own PRNG stream, so adding one never changes the others' data.
 */
export const demoSteps: DemoStep[] = [orgTreeStep, memberUnitsStep, demoUsersStep, demoSecurityStep, volunteersStep, careCasesStep, activitiesStep, targetsStep, trainingStep];
