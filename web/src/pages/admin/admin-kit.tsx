/**
 * The parts every admin editing form shares: one state object per form,
 * client checks before sending, and the server's refusal kept beside the
 * field it names (its `fields` paths, `body.` stripped) as well as in the
 * banner — with every value the admin typed left in place.
 */
import { type ReactNode, useCallback, useState } from 'react';
import type { Vocabulary } from '../../api/admin-types';
import { ApiError, api } from '../../api/client';
import { useLoad } from '../../api/hooks';
import { ErrorBanner, Success, ValidationSummary } from '../../components/feedback';
import { useI18n } from '../../i18n';

export type Errors = Record<string, string | undefined>;

/** Path → message from the server's field issues: under the whole path and under its first segment. */
export function serverErrors(err: unknown): Errors {
  const out: Errors = {};
  if (!(err instanceof ApiError)) return out;
  for (const f of err.fields) {
    const path = f.path.replace(/^(body|params|querystring)\.?/, '');
    if (!path) continue;
    out[path] ??= f.message;
    const first = path.split('.')[0] ?? path;
    out[first] ??= f.message;
  }
  return out;
}

export function hasAny(errors: Errors): boolean {
  return Object.values(errors).some(Boolean);
}

export function useValues<T extends object>(initial: T): [T, (p: Partial<T>) => void, (v: T) => void] {
  const [values, setValues] = useState<T>(initial);
  const patch = useCallback((p: Partial<T>) => setValues((v) => ({ ...v, ...p })), []);
  return [values, patch, setValues];
}

/**
 * Runs one submission: the client check, then the request. A refusal keeps
 * the values (they live in the caller's state) and maps field issues.
 */
export function useSubmit() {
  const [errors, setErrors] = useState<Errors>({});
  const [serverError, setServerError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const run = useCallback(async (check: () => Errors, send: () => Promise<string | undefined>) => {
    setServerError(null);
    setDone(null);
    const e = check();
    setErrors(e);
    if (hasAny(e)) return;
    setBusy(true);
    try {
      setDone((await send()) ?? null);
    } catch (err) {
      setServerError(err);
      setErrors(serverErrors(err));
    } finally {
      setBusy(false);
    }
  }, []);
  return { errors, serverError, busy, done, run, setDone };
}

export function FormShell({
  title,
  testId,
  submit,
  onSubmit,
  onCancel,
  state,
  children,
}: {
  title: string;
  testId: string;
  submit: string;
  onSubmit(): void;
  onCancel?(): void;
  state: ReturnType<typeof useSubmit>;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <form
      className="panel stack admin-form"
      noValidate
      data-testid={testId}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <h3>{title}</h3>
      {/* a refusal lists its field issues in its own banner; the summary is for the client's checks */}
      {state.serverError ? null : <ValidationSummary errors={state.errors} />}
      <ErrorBanner error={state.serverError} kept />
      {state.done ? (
        <Success>
          <p data-testid="admin-saved">{state.done}</p>
        </Success>
      ) : null}
      {children}
      <div className="actions-row">
        <button type="submit" className="btn btn-primary" disabled={state.busy} data-testid="admin-submit">
          {submit}
        </button>
        {onCancel ? (
          <button type="button" className="btn" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}

/** A whole number in range, or the message for the field. */
export function intError(
  t: ReturnType<typeof useI18n>['t'],
  field: string,
  value: string,
  min: number,
  max: number,
): string | undefined {
  const n = Number(value);
  return value.trim() !== '' && Number.isInteger(n) && n >= min && n <= max
    ? undefined
    : t('adm.range', { field, min, max });
}

export function required(
  t: ReturnType<typeof useI18n>['t'],
  field: string,
  value: string,
): string | undefined {
  return value.trim() ? undefined : t('v.required', { field });
}

let vocabularyPromise: Promise<Vocabulary> | null = null;

/** Roles, peer groups, attribute types and API scopes, with their labels (GET /api/reference/vocabulary). */
export function useVocabulary() {
  return useLoad(() => {
    vocabularyPromise ??= api<Vocabulary>('/api/reference/vocabulary').catch((e: unknown) => {
      vocabularyPromise = null;
      throw e;
    });
    return vocabularyPromise;
  }, []);
}

/** A table row's edit button and the form it opens, one at a time per section. */
export function useSelection<K>() {
  const [selected, setSelected] = useState<K | 'new' | null>(null);
  return { selected, open: setSelected, close: () => setSelected(null) };
}
