export { lectureRoutes } from './routes.js';
