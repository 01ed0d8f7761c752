import { Link } from 'react-router';
import { useI18n } from '../../i18n';

export function HomePage() {
  const { t } = useI18n();
  return (
    <section className="page narrow" data-testid="home">
      <h1>{t('home.title')}</h1>
      <p className="lead">{t('home.intro')}</p>
      <ul className="tiles">
        <li>
          <Link to="/file" className="tile">
            <strong>{t('home.file')}</strong>
            <span>{t('home.fileHint')}</span>
          </Link>
        </li>
        <li>
          <Link to="/track" className="tile">
            <strong>{t('home.track')}</strong>
            <span>{t('home.trackHint')}</span>
          </Link>
        </li>
        <li>
          <Link to="/services" className="tile">
            <strong>{t('home.services')}</strong>
            <span>{t('home.servicesHint')}</span>
          </Link>
        </li>
        <li>
          <Link to="/verify" className="tile">
            <strong>{t('home.verify')}</strong>
            <span>{t('home.verifyHint')}</span>
          </Link>
        </li>
        <li>
          <Link to="/open-data" className="tile">
            <strong>{t('home.openData')}</strong>
            <span>{t('home.openDataHint')}</span>
          </Link>
        </li>
      </ul>
    </section>
  );
}
