/** 报表: the yearly work report (Word, official layout) and statistical returns (Excel), both from the dashboard's figures. */
export { reportRoutes } from './routes.js';
