import { ref } from 'vue';

export interface Position {
  lat: number;
  lng: number;
  /** Metres, as the device reports it. */
  accuracy: number | null;
}

export type LocationState = 'idle' | 'locating' | 'located' | 'denied' | 'unavailable';

/**
 * The device position for a record, when the user allows it. Failure is fine: the record is
 * valid without a location, the screen just says why there is none.
 */
export function useGeolocation(geolocation: Pick<Geolocation, 'getCurrentPosition'> | null) {
  const state = ref<LocationState>('idle');
  const position = ref<Position | null>(null);

  function locate(): Promise<Position | null> {
    if (!geolocation) {
      state.value = 'unavailable';
      return Promise.resolve(null);
    }
    state.value = 'locating';
    return new Promise((resolve) => {
      geolocation.getCurrentPosition(
        (result) => {
          position.value = {
            lat: result.coords.latitude,
            lng: result.coords.longitude,
            accuracy: Number.isFinite(result.coords.accuracy) ? result.coords.accuracy : null,
          };
          state.value = 'located';
          resolve(position.value);
        },
        (error) => {
          // PERMISSION_DENIED is 1; timeouts and no fix indoors are "unavailable".
          state.value = error.code === 1 ? 'denied' : 'unavailable';
          resolve(null);
        },
        { enableHighAccuracy: true, timeout: 20_000, maximumAge: 60_000 },
      );
    });
  }

  return { state, position, locate };
}
