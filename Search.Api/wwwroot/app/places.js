// The province's communes and industrial parks (GET /api/places/*), fetched once per page load.
import { api } from './api.js';

let loading = null;

export function places() {
  loading ??= Promise.all([api('/api/places/communes'), api('/api/places/industrial-parks')]).then(([communes, parks]) => ({
    communes: new Map(communes.map(c => [c.code, c])),
    parks: new Map(parks.map(p => [p.code, p.name])),
    parkList: parks,
    communeList: communes,
  }));
  return loading;
}
