import { ApiError, redirectCodes } from '../app/api';
import { showError } from '../app/feedback';

/** Default onError for mutations: say what went wrong unless the api client already did (5xx, redirects). */
export function onMutationError(err: unknown) {
  if (err instanceof ApiError && (err.status >= 500 || err.status === 0 || err.code in redirectCodes)) return;
  showError(err);
}
