/**
 * 我要反映 — a citizen files a request: type, text, place (town and village
 * pickers, a map), photos (uploaded as they are picked), contact or
 * anonymous. On a phone it is one column
 * with large targets. The draft survives a rejected submit and a reload.
 */
import { REQUEST_TYPE_LABELS, REQUEST_TYPES, type RequestType } from '@domain/vocabulary';
import { useRef, useState } from 'react';
import { Link } from 'react-router';
import { ApiError, api, newIdempotencyKey } from '../../api/client';
import { useReference } from '../../api/hooks';
import { useDraft } from '../../components/draft';
import { ErrorBanner, Loading, ValidationSummary } from '../../components/feedback';
import { CheckboxField, SelectField, TextArea, TextField } from '../../components/fields';
import { useI18n } from '../../i18n';
import { MapPointField } from '../../map/MapPointField';
import { PhotoField } from './PhotoField';
import { townsOf } from './places';
import { TownVillageFields } from './TownVillageFields';
import { hasErrors, phone, requiredText } from './validate';

interface Draft {
  type: RequestType | '';
  description: string;
  town: string;
  village: string;
  address: string;
  lat: number | null;
  lng: number | null;
  name: string;
  phone: string;
  anonymous: boolean;
  /** absolute URLs of the photos already uploaded */
  photos: string[];
  key: string;
}

const EMPTY: Draft = {
  type: '',
  description: '',
  town: '',
  village: '',
  address: '',
  lat: null,
  lng: null,
  name: '',
  phone: '',
  anonymous: false,
  photos: [],
  key: '',
};

export function FilePage() {
  const { t, lang } = useI18n();
  const ref = useReference();
  const [d, patch, reset] = useDraft<Draft>('citizen-file', EMPTY);
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [serverError, setServerError] = useState<unknown>(null);
  const [sending, setSending] = useState(false);
  const [done, setDone] = useState<{ number: string; anonymous: boolean } | null>(null);
  const top = useRef<HTMLHeadingElement>(null);

  const areas = ref.data?.areas ?? [];
  const towns = townsOf(areas);

  const validate = () => {
    const e = {
      type: d.type ? undefined : t('v.choose', { field: t('field.type') }),
      description: requiredText(t, t('field.description'), d.description, 10, 10_000),
      phone: d.anonymous ? undefined : phone(t, d.phone, true),
      name: d.name.length > 100 ? t('v.maxLength', { field: t('field.name'), n: 100 }) : undefined,
      address: d.address.length > 500 ? t('v.maxLength', { field: t('field.address'), n: 500 }) : undefined,
    };
    setErrors(e);
    return !hasErrors(e);
  };

  const submit = async (ev: React.FormEvent) => {
    ev.preventDefault();
    setServerError(null);
    if (!validate()) {
      top.current?.focus();
      return;
    }
    const key = d.key || newIdempotencyKey();
    if (!d.key) patch({ key });
    setSending(true);
    try {
      const r = await api<{ number: string }>('/api/public/tickets', {
        idempotencyKey: key,
        body: {
          type: d.type,
          description: d.description,
          areaCode: d.village || d.town || null,
          address: d.address.trim() || null,
          lat: d.lat,
          lng: d.lng,
          anonymous: d.anonymous,
          name: d.anonymous ? null : d.name.trim() || null,
          phone: d.anonymous ? null : d.phone.trim() || null,
          ...(d.photos.length ? { mediaUrls: d.photos } : {}),
        },
      });
      setDone({ number: r.number, anonymous: d.anonymous });
      reset();
    } catch (e) {
      // A refused request is remembered under its key; the corrected form is a new request.
      if (e instanceof ApiError && e.status >= 400 && e.status < 500) patch({ key: '' });
      setServerError(e);
      top.current?.focus();
    } finally {
      setSending(false);
    }
  };

  if (done) {
    return (
      <section className="page narrow" data-testid="file-done">
        <h1 tabIndex={-1}>{t('file.done')}</h1>
        <p>{t('file.number')}</p>
        <p className="ticket-number" data-testid="ticket-number">
          {done.number}
        </p>
        <p>{done.anonymous ? t('file.doneAnonymous') : t('file.doneHint')}</p>
        <p className="actions-row">
          {done.anonymous ? null : (
            <Link className="btn btn-primary" to={`/track?number=${encodeURIComponent(done.number)}`}>
              {t('file.trackIt')}
            </Link>
          )}
          <button type="button" className="btn" onClick={() => setDone(null)}>
            {t('file.another')}
          </button>
        </p>
      </section>
    );
  }

  return (
    <section className="page narrow">
      <h1 ref={top} tabIndex={-1}>
        {t('file.title')}
      </h1>
      <p>{t('file.intro')}</p>
      <ValidationSummary errors={errors} />
      <ErrorBanner error={serverError} kept />
      <form onSubmit={submit} noValidate className="stack" data-testid="file-form">
        <SelectField
          label={t('field.type')}
          required
          value={d.type}
          onChange={(v) => patch({ type: v as RequestType })}
          placeholder={t('field.choose')}
          options={REQUEST_TYPES.map((rt) => ({ value: rt, label: REQUEST_TYPE_LABELS[rt][lang] }))}
          error={errors.type}
          name="type"
        />
        <TextArea
          label={t('field.description')}
          required
          hint={t('field.descriptionHint')}
          value={d.description}
          onChange={(v) => patch({ description: v })}
          error={errors.description}
          rows={6}
          name="description"
        />
        {ref.loading ? <Loading /> : <ErrorBanner error={ref.error} />}
        <TownVillageFields areas={areas} town={d.town} village={d.village} onChange={patch} />
        <TextField
          label={t('field.address')}
          hint={t('field.addressHint')}
          value={d.address}
          onChange={(v) => patch({ address: v })}
          error={errors.address}
          maxLength={500}
          name="address"
          autoComplete="street-address"
        />
        <MapPointField towns={towns} town={d.town} lat={d.lat} lng={d.lng} onChange={patch} />
        <PhotoField photos={d.photos} onChange={(photos) => patch({ photos })} />
        <fieldset className="field-group">
          <legend>{t('field.contact')}</legend>
          <CheckboxField
            label={t('field.anonymous')}
            checked={d.anonymous}
            onChange={(v) => patch({ anonymous: v })}
            name="anonymous"
          />
          {d.anonymous ? null : (
            <>
              <TextField
                label={t('field.phone')}
                required
                type="tel"
                inputMode="tel"
                autoComplete="tel"
                hint={t('field.phoneHint')}
                value={d.phone}
                onChange={(v) => patch({ phone: v })}
                error={errors.phone}
                maxLength={32}
                name="phone"
              />
              <TextField
                label={t('field.name')}
                autoComplete="name"
                value={d.name}
                onChange={(v) => patch({ name: v })}
                error={errors.name}
                maxLength={100}
                name="name"
              />
            </>
          )}
        </fieldset>
        <button type="submit" className="btn btn-primary btn-big" disabled={sending}>
          {sending ? t('file.submitting') : t('file.submit')}
        </button>
      </form>
    </section>
  );
}
