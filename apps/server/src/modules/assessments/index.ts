/** Yearly assessment (目标考核): rubrics, the self-assessment → review → final workflow, ranking, Excel and Word. */
export { assessmentRoutes } from './routes.js';
