/**
 * The one way the app talks to the server: JSON in and out, the UI language
 * in Accept-Language (so server messages come back in it), the CSRF token on
 * every change, and errors as ApiError carrying the server's code, message
 * and field issues. A 401 SESSION_EXPIRED / UNAUTHENTICATED is announced so
 * the shell can send the user to sign in and back to where they were.
 */

export interface FieldIssue {
  path: string;
  code: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let currentLang: 'zh' | 'en' = 'zh';
export function setApiLanguage(lang: 'zh' | 'en'): void {
  currentLang = lang;
}
export function apiLanguage(): 'zh' | 'en' {
  return currentLang;
}

type AuthListener = (code: string) => void;
const authListeners = new Set<AuthListener>();
/** Called when the server says the session is gone; returns an unsubscribe function. */
export function onAuthLost(fn: AuthListener): () => void {
  authListeners.add(fn);
  return () => authListeners.delete(fn);
}

function csrfToken(): string | null {
  const m = document.cookie.match(/(?:^|;\s*)jiesu_csrf=([^;]+)/);
  return m?.[1] ? decodeURIComponent(m[1]) : null;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined | null>;
  /** do not broadcast a 401 (the sign-in probe expects one) */
  quietAuth?: boolean;
  idempotencyKey?: string;
  signal?: AbortSignal;
  /** a file sent as the raw request body (uploads take no multipart: docs/online-services.md) */
  file?: Blob;
  /** revalidate with the server instead of using a cached copy (reference answers have max-age=60; an editor needs its own edit) */
  fresh?: boolean;
}

export function withQuery(path: string, query: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

export async function api<T>(path: string, o: RequestOptions = {}): Promise<T> {
  const method = o.method ?? (o.body === undefined && o.file === undefined ? 'GET' : 'POST');
  const headers: Record<string, string> = {
    accept: 'application/json',
    'accept-language': currentLang === 'en' ? 'en' : 'zh-CN',
  };
  if (o.file !== undefined) headers['content-type'] = o.file.type || 'application/octet-stream';
  else if (o.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') {
    const token = csrfToken();
    if (token) headers['x-csrf-token'] = token;
  }
  if (o.idempotencyKey) headers['idempotency-key'] = o.idempotencyKey;
  let res: Response;
  try {
    res = await fetch(withQuery(path, o.query), {
      method,
      headers,
      body: o.file ?? (o.body === undefined ? undefined : JSON.stringify(o.body)),
      credentials: 'same-origin',
      signal: o.signal,
      ...(o.fresh ? { cache: 'no-cache' as const } : {}),
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK', '');
  }
  const text = await res.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!res.ok) {
    const e = (data as { error?: { code?: string; message?: string; fields?: FieldIssue[] } } | null)?.error;
    const err = new ApiError(res.status, e?.code ?? `HTTP_${res.status}`, e?.message ?? '', e?.fields ?? []);
    if (res.status === 401 && !o.quietAuth) for (const fn of authListeners) fn(err.code);
    throw err;
  }
  return data as T;
}

/** A fresh idempotency key per submitted form, kept across retries of that form. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}
