import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldInputProps } from '../registry/component-registry.js';
import { parseNumber } from './check-value.js';

interface Point {
  lat: number;
  lng: number;
}

/** Latitude and longitude inputs plus "use my location" (browser geolocation). */
export function GeoPointInput({
  value,
  onChange,
  onInputError,
  inputId,
  disabled,
  describedBy,
}: FieldInputProps) {
  const { t } = useTranslation();
  const p = (value ?? null) as Point | null;
  const [lat, setLat] = useState(p ? String(p.lat) : '');
  const [lng, setLng] = useState(p ? String(p.lng) : '');

  function update(nextLat: string, nextLng: string) {
    setLat(nextLat);
    setLng(nextLng);
    if (nextLat.trim() === '' && nextLng.trim() === '') {
      onInputError(null);
      return onChange(null);
    }
    const a = parseNumber(nextLat);
    const b = parseNumber(nextLng);
    if (a === null || a < -90 || a > 90) return onInputError(t('field.invalidLat'));
    if (b === null || b < -180 || b > 180) return onInputError(t('field.invalidLng'));
    onInputError(null);
    onChange({ lat: a, lng: b });
  }

  return (
    <div className="sc-geo" aria-describedby={describedBy}>
      <input
        id={inputId}
        className="sc-input"
        inputMode="decimal"
        aria-label={t('field.lat')}
        placeholder={t('field.lat')}
        value={lat}
        disabled={disabled}
        onChange={(e) => update(e.target.value, lng)}
      />
      <input
        className="sc-input"
        inputMode="decimal"
        aria-label={t('field.lng')}
        placeholder={t('field.lng')}
        value={lng}
        disabled={disabled}
        onChange={(e) => update(lat, e.target.value)}
      />
      <button
        type="button"
        className="sc-button"
        disabled={disabled}
        onClick={() => {
          if (!navigator.geolocation) return onInputError(t('field.locationUnavailable'));
          navigator.geolocation.getCurrentPosition(
            (pos) => update(pos.coords.latitude.toFixed(6), pos.coords.longitude.toFixed(6)),
            () => onInputError(t('field.locationUnavailable')),
          );
        }}
      >
        {t('field.useLocation')}
      </button>
    </div>
  );
}
