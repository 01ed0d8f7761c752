/**
 * 地图选点 A point on the district map as a form field: the picker (loaded
 * only when the form shows it), the chosen coordinates and a way to clear
 * them. A point in another township moves the form's township with it and
 * empties its village, which belonged to the old one.
 */
import { lazy, Suspense } from 'react';
import type { RefArea } from '../api/types';
import { Loading } from '../components/feedback';
import { useI18n } from '../i18n';

const MapPicker = lazy(() => import('./MapPicker'));

export interface MapPointPatch {
  lat: number | null;
  lng: number | null;
  town?: string;
  village?: string;
}

export interface MapPointFieldProps {
  towns: RefArea[];
  town: string;
  lat: number | null;
  lng: number | null;
  onChange: (patch: MapPointPatch) => void;
}

export function MapPointField({ towns, town, lat, lng, onChange }: MapPointFieldProps) {
  const { t } = useI18n();
  return (
    <div className="field">
      <p className="label-like">{t('field.map')}</p>
      <p className="hint">{t('field.mapHint')}</p>
      {/* The map's own box while its code loads: it is tall (480 × 865), and a form that grew by
          its height after the fact moved the submit button from under a tap already on its way. */}
      <Suspense
        fallback={
          <div className="map-picker map-picker-pending">
            <Loading />
          </div>
        }
      >
        <MapPicker
          towns={towns}
          town={town}
          point={lat !== null && lng !== null ? { lat, lng } : null}
          onPick={(p) =>
            onChange({
              lat: p.lat,
              lng: p.lng,
              ...(p.town && p.town !== town ? { town: p.town, village: '' } : {}),
            })
          }
        />
      </Suspense>
      {lat !== null && lng !== null ? (
        <p className="hint" data-testid="map-picked">
          {t('field.mapPicked', { lat: lat.toFixed(4), lng: lng.toFixed(4) })}{' '}
          <button type="button" className="btn btn-quiet" onClick={() => onChange({ lat: null, lng: null })}>
            {t('field.mapClear')}
          </button>
        </p>
      ) : null}
    </div>
  );
}
