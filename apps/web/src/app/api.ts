import type { ErrorBody, FieldError } from '@gg/shared';

/** An error reply from the API, carrying the stable code, the Chinese message and the request id. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId: string | null,
    readonly details: FieldError[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type QueryValue = string | number | boolean | null | undefined;
export type QueryParams = Record<string, QueryValue | QueryValue[]>;

type Listener = (err: ApiError) => void;
let onAuthProblem: Listener = () => {};
let onServerError: Listener = () => {};

/** The app installs what happens on 401/403-pending (navigation) and on 5xx (a message). */
export function installApiHandlers(handlers: { authProblem: Listener; serverError: Listener }) {
  onAuthProblem = handlers.authProblem;
  onServerError = handlers.serverError;
}

/** Codes that mean "go somewhere else first" rather than "this request failed". */
export const redirectCodes: Record<string, string> = {
  UNAUTHENTICATED: '/login',
  SESSION_EXPIRED: '/login',
  PASSWORD_CHANGE_REQUIRED: '/change-password',
  PASSWORD_EXPIRED: '/change-password',
  SECOND_FACTOR_SETUP_REQUIRED: '/second-factor',
};

export function withQuery(url: string, params?: QueryParams): string {
  if (!params) return url;
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    const values = Array.isArray(v) ? v : [v];
    for (const one of values) if (one !== undefined && one !== null && one !== '') sp.append(k, String(one));
  }
  const s = sp.toString();
  return s ? `${url}${url.includes('?') ? '&' : '?'}${s}` : url;
}

/** Turns a non-OK response into an ApiError (works for JSON error bodies and anything else). */
export async function errorFromResponse(res: Response): Promise<ApiError> {
  let body: Partial<ErrorBody> | undefined;
  try {
    body = (await res.json()) as Partial<ErrorBody>;
  } catch {
    body = undefined;
  }
  const requestId = body?.requestId ?? res.headers.get('x-request-id');
  const fallback = res.status >= 500 ? '系统内部错误，请稍后重试或联系管理员' : `请求失败（${res.status}）`;
  return new ApiError(res.status, body?.code ?? `HTTP_${res.status}`, body?.message ?? fallback, requestId, body?.details ?? []);
}

/** Routes every failed response through the global handlers, then throws it to the caller. */
export function report(err: ApiError): ApiError {
  if (err.code in redirectCodes) onAuthProblem(err);
  else if (err.status >= 500) onServerError(err);
  return err;
}

/**
 * The answer early.ts already asked for this GET URL, once (later requests go out afresh); undefined when it did not.
 * Either way the response is handled as if this request had sent it.
 */
export function takeEarly(url: string): Promise<Response> | undefined {
  const early = (window as unknown as { __ggEarly?: Map<string, Promise<Response>> }).__ggEarly;
  const res = early?.get(url);
  early?.delete(url);
  return res;
}

export async function request<T>(method: string, url: string, options: { body?: unknown; query?: QueryParams; quiet?: boolean } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) body = options.body;
  else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let res: Response;
  try {
    const full = withQuery(url, options.query);
    res = await ((method === 'GET' ? takeEarly(full) : undefined) ?? fetch(full, { method, headers, body, credentials: 'same-origin' }));
  } catch {
    const err = new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试', null);
    if (!options.quiet) onServerError(err);
    throw err;
  }
  if (!res.ok) {
    const err = await errorFromResponse(res);
    throw options.quiet ? err : report(err);
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(url: string, query?: QueryParams) => request<T>('GET', url, { query }),
  post: <T>(url: string, body: unknown = {}) => request<T>('POST', url, { body }),
  patch: <T>(url: string, body: unknown = {}) => request<T>('PATCH', url, { body }),
  put: <T>(url: string, body: unknown = {}) => request<T>('PUT', url, { body }),
  delete: <T>(url: string) => request<T>('DELETE', url),
};

/** A list reply, as every list route answers. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** Saves a download (an export or a template) from the API; resolves once the browser has the file. */
export async function download(url: string, query?: QueryParams, fallbackName = '导出.xlsx'): Promise<void> {
  const res = await fetch(withQuery(url, query), { credentials: 'same-origin' });
  if (!res.ok) throw report(await errorFromResponse(res));
  const blob = await res.blob();
  const disposition = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  const name = star ? decodeURIComponent(star[1]) : plain ? plain[1] : fallbackName;
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
