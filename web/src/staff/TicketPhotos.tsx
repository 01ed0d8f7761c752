/**
 * The photos a citizen attached to a ticket. Photos uploaded to this
 * server (/api/media/…) are shown; any other address (an Open311 client's
 * `media_url`, an imported ticket) is only linked, never loaded, so a
 * ticket cannot make a staff browser fetch from elsewhere.
 */
import { useI18n } from '../i18n';

function ownPhoto(url: string): string | null {
  try {
    const u = new URL(url, window.location.origin);
    return u.origin === window.location.origin && u.pathname.startsWith('/api/media/') ? u.pathname : null;
  } catch {
    return null;
  }
}

export function TicketPhotos({ urls }: { urls: string[] }) {
  const { t } = useI18n();
  if (!urls.length) return null;
  return (
    <section aria-labelledby="ticket-photos-title" data-testid="ticket-photos">
      <h2 id="ticket-photos-title">{t('field.photos')}</h2>
      <ul className="photos">
        {urls.map((url, i) => {
          const own = ownPhoto(url);
          const alt = t('field.photoN', { n: i + 1 });
          return (
            <li key={url}>
              {own ? (
                <a href={own} target="_blank" rel="noopener">
                  <img src={own} alt={alt} loading="lazy" />
                </a>
              ) : (
                <a href={url} target="_blank" rel="noopener noreferrer nofollow" className="external">
                  {alt}: {url}
                </a>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
