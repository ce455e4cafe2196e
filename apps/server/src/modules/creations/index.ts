export { creationRoutes } from './routes.js';
