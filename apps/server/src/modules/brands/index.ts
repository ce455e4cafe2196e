export { brandRoutes } from './routes.js';
