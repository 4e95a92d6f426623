/** An event's `data` as stored: plain JSON. */
export type StoredData = Readonly<Record<string, unknown>>;

/** Turns the stored `data` of version n into the `data` of version n + 1. Pure. */
export type Upcaster = (data: StoredData) => StoredData;

/** Upcasters by event type, then by the version they upgrade from. */
export type Upcasters = Readonly<Record<string, Readonly<Record<number, Upcaster>>>>;

/**
 * Brings stored `data` of `type` from `version` up to `current`, one version at a time.
 * Left when a step is missing (an upcaster was not registered) or the stored version is
 * newer than this code knows (an older release reading a newer stream).
 */
export const upcast = (
  upcasters: Upcasters,
  type: string,
  version: number,
  current: number,
  data: StoredData,
): { readonly ok: true; readonly data: StoredData } | { readonly ok: false; readonly reason: string } => {
  if (!Number.isInteger(version) || version < 1) return { ok: false, reason: `${type} has schema version ${String(version)}; versions start at 1` };
  if (version > current) return { ok: false, reason: `${type} was stored with schema version ${version}, newer than this release knows (${current}); upgrade packledger` };
  if (version < current && (typeof data !== 'object' || data === null || Array.isArray(data))) {
    return { ok: false, reason: `${type} of schema version ${version} has data that is not an object; it cannot be upcast` };
  }
  let out = data;
  for (let v = version; v < current; v++) {
    const step = upcasters[type]?.[v];
    if (step === undefined) return { ok: false, reason: `no upcaster for ${type} from version ${v} to ${v + 1}` };
    out = step(out);
  }
  return { ok: true, data: out };
};
