export { baseRoutes } from './routes.js';
