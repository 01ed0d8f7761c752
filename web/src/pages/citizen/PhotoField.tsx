/**
 * Photos of the scene, chosen on the phone, checked here (type, size, count)
 * and uploaded at once to POST /api/public/media, so a refusal shows beside
 * the field before the request is filed, and the filed request carries only
 * their URLs (`mediaUrls`). The URLs are absolute — built from this page's
 * origin — because the intake schema takes URLs, and they live in the form
 * draft, so a reload or a refused submission keeps the photos.
 */
import { useId, useState } from 'react';
import { api } from '../../api/client';
import { errorText } from '../../components/feedback';
import { useI18n } from '../../i18n';

export const MAX_PHOTOS = 3;
const MAX_BYTES = 5 * 1024 * 1024;
const TYPES = ['image/jpeg', 'image/png', 'image/webp'];

export function PhotoField({ photos, onChange }: { photos: string[]; onChange(urls: string[]): void }) {
  const { t } = useI18n();
  const id = useId();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const add = async (list: FileList | null) => {
    const picked = [...(list ?? [])];
    if (picked.some((f) => !TYPES.includes(f.type))) return setError(t('v.photoType'));
    if (picked.some((f) => f.size > MAX_BYTES)) return setError(t('v.photoSize'));
    if (photos.length + picked.length > MAX_PHOTOS) return setError(t('v.photoCount'));
    setError(undefined);
    setBusy(true);
    const uploaded: string[] = [];
    try {
      for (const file of picked) {
        const r = await api<{ url: string }>('/api/public/media', { file, query: { name: file.name } });
        uploaded.push(new URL(r.url, window.location.origin).href);
      }
    } catch (e) {
      setError(errorText(e, t));
    } finally {
      // the photos that did go up are kept even when a later one is refused
      if (uploaded.length) onChange([...photos, ...uploaded]);
      setBusy(false);
    }
  };

  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>
        {t('field.photos')} <span className="opt">（{t('common.optional')}）</span>
      </label>
      <input
        id={id}
        type="file"
        name="photos"
        accept={TYPES.join(',')}
        multiple
        disabled={busy || photos.length >= MAX_PHOTOS}
        onChange={(e) => {
          void add(e.target.files);
          e.target.value = '';
        }}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
        aria-invalid={error ? true : undefined}
      />
      <p className="hint" id={`${id}-hint`}>
        {t('field.photosHint')}
      </p>
      {busy ? (
        <p className="hint" role="status">
          {t('field.photosUploading')}
        </p>
      ) : null}
      {error ? (
        <p className="error" id={`${id}-error`} role="alert" data-testid="photo-error">
          {error}
        </p>
      ) : null}
      {photos.length ? (
        <ul className="photos" data-testid="photo-previews">
          {photos.map((u, i) => (
            <li key={u}>
              <img src={u} alt={t('field.photoN', { n: i + 1 })} />
              <button
                type="button"
                className="btn btn-quiet"
                onClick={() => onChange(photos.filter((_, j) => j !== i))}
              >
                {t('field.photoRemove', { n: i + 1 })}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
