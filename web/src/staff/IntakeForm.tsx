/**
 * The agent's intake form, built for speed: keyboard only, Ctrl+Enter
 * records the call, the draft survives a refusal or a new sign-in.
 */
import { REQUEST_TYPE_LABELS, REQUEST_TYPES, type RequestType } from '@domain/vocabulary';
import type { Reference } from '../api/types';
import { ErrorBanner, ValidationSummary } from '../components/feedback';
import { CheckboxField, SelectField, TextArea, TextField } from '../components/fields';
import { useI18n } from '../i18n';
import { townsOf, villagesOf } from '../pages/citizen/places';

export interface IntakeDraft {
  phone: string;
  name: string;
  anonymous: boolean;
  type: RequestType;
  description: string;
  categoryId: string;
  town: string;
  village: string;
  address: string;
  urgent: boolean;
  key: string;
}

export const EMPTY_INTAKE: IntakeDraft = {
  phone: '',
  name: '',
  anonymous: false,
  type: 'complaint',
  description: '',
  categoryId: '',
  town: '',
  village: '',
  address: '',
  urgent: false,
  key: '',
};

export function IntakeForm({
  draft,
  patch,
  reference,
  errors,
  serverError,
  busy,
  onSubmit,
  descriptionRef,
}: {
  draft: IntakeDraft;
  patch(p: Partial<IntakeDraft>): void;
  reference: Reference | null;
  errors: Record<string, string | undefined>;
  serverError: unknown;
  busy: boolean;
  onSubmit(): void;
  descriptionRef: React.Ref<HTMLTextAreaElement>;
}) {
  const { t, lang } = useI18n();
  const areas = reference?.areas ?? [];
  const cats = reference?.categories ?? [];
  const parents = new Map(cats.filter((c) => c.level === 1).map((c) => [c.id, c]));
  const leafOptions = cats
    .filter((c) => c.level === 2)
    .map((c) => {
      const p = c.parentId === null ? null : parents.get(c.parentId);
      const n = (x: { name: string; nameEn: string }) => (lang === 'zh' ? x.name : x.nameEn);
      return { value: String(c.id), label: p ? `${n(p)} › ${n(c)}` : n(c) };
    });
  return (
    <form
      className="stack intake"
      noValidate
      data-testid="intake-form"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          onSubmit();
        }
      }}
    >
      <h2>{t('agent.form')}</h2>
      <ValidationSummary errors={errors} />
      <ErrorBanner error={serverError} kept />
      <div className="grid-2">
        <TextField
          label={t('field.callerPhone')}
          type="tel"
          value={draft.phone}
          onChange={(v) => patch({ phone: v })}
          error={errors.phone}
          maxLength={32}
          name="phone"
          autoFocus
        />
        <TextField
          label={t('field.callerName')}
          value={draft.name}
          onChange={(v) => patch({ name: v })}
          maxLength={100}
          name="name"
        />
      </div>
      <CheckboxField
        label={t('field.anonymous')}
        checked={draft.anonymous}
        onChange={(v) => patch({ anonymous: v })}
      />
      <SelectField
        label={t('field.type')}
        required
        value={draft.type}
        onChange={(v) => patch({ type: v as RequestType })}
        options={REQUEST_TYPES.map((rt) => ({ value: rt, label: REQUEST_TYPE_LABELS[rt][lang] }))}
        name="type"
      />
      <TextArea
        label={t('field.description')}
        required
        value={draft.description}
        onChange={(v) => patch({ description: v })}
        error={errors.description}
        rows={6}
        maxLength={10_000}
        name="description"
        textareaRef={descriptionRef}
      />
      <SelectField
        label={t('field.category')}
        value={draft.categoryId}
        onChange={(v) => patch({ categoryId: v })}
        options={leafOptions}
        placeholder={t('field.choose')}
        name="categoryId"
      />
      <div className="grid-2">
        <SelectField
          label={t('field.town')}
          value={draft.town}
          onChange={(v) => patch({ town: v, village: '' })}
          options={townsOf(areas).map((a) => ({ value: a.code, label: a.name }))}
          placeholder={t('field.choose')}
          name="town"
        />
        <SelectField
          label={t('field.village')}
          value={draft.village}
          disabled={!draft.town}
          onChange={(v) => patch({ village: v })}
          options={villagesOf(areas, draft.town).map((a) => ({ value: a.code, label: a.name }))}
          placeholder={t('field.choose')}
          name="village"
        />
      </div>
      <TextField
        label={t('field.address')}
        value={draft.address}
        onChange={(v) => patch({ address: v })}
        maxLength={500}
        name="address"
      />
      <CheckboxField
        label={t('field.urgent')}
        checked={draft.urgent}
        onChange={(v) => patch({ urgent: v })}
      />
      <button type="submit" className="btn btn-primary" disabled={busy} data-testid="intake-submit">
        {t('agent.submit')}
      </button>
    </form>
  );
}
