/** 我的工作: the elder volunteer's own summary, lecture report and certificate for the phone pages (/m/). */
export { myWorkRoutes } from './routes.js';
