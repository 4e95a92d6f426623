import * as t from 'io-ts';

/**
 * Gives an object codec (`t.strict(props)`, or `t.exact(t.intersection([t.type(required),
 * t.partial(optional)]))`) a faster `validate` for input that is valid, which is nearly all
 * input, and keeps io-ts's own for the rest: the fast path validates every field with the
 * field's own codec, but without io-ts's per-field context and merging, and it hands any
 * input that fails (or is not a plain object) to io-ts's `validate`, which then reports
 * every bad field at its path. The result of the fast path is the object io-ts would build:
 * the declared fields, decoded; undeclared fields stripped; absent optional fields absent.
 * The codec's structure (`props`, `types`, its name) is unchanged, so anything that walks it
 * still can. A property test checks both paths agree.
 */
export const withFastValidate = <C extends t.Any>(codec: C, required: t.Props, optional: t.Props = {}): C => {
  const slow = codec.validate.bind(codec) as t.Validate<unknown, t.TypeOf<C>>;
  const requiredKeys = Object.keys(required);
  const requiredTypes = requiredKeys.map((k) => required[k] as t.Any);
  const optionalKeys = Object.keys(optional);
  const optionalTypes = optionalKeys.map((k) => optional[k] as t.Any);
  const fast: t.Validate<unknown, t.TypeOf<C>> = (u, c) => {
    if (typeof u !== 'object' || u === null || Array.isArray(u)) return slow(u, c);
    const input = u as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (let i = 0; i < requiredKeys.length; i++) {
      const k = requiredKeys[i] as string;
      const r = (requiredTypes[i] as t.Any).validate(input[k], c);
      if (r._tag === 'Left') return slow(u, c);
      out[k] = r.right;
    }
    for (let i = 0; i < optionalKeys.length; i++) {
      const k = optionalKeys[i] as string;
      const v = input[k];
      if (v === undefined) continue;
      const r = (optionalTypes[i] as t.Any).validate(v, c);
      if (r._tag === 'Left') return slow(u, c);
      out[k] = r.right;
    }
    return t.success(out as t.TypeOf<C>);
  };
  (codec as { validate: t.Validate<unknown, t.TypeOf<C>> }).validate = fast;
  return codec;
};

/**
 * Gives a union of object codecs told apart by a literal field (`kind`, `type`) a faster
 * `validate` for valid input: the member the field names validates it; when there is no such
 * member, or it refuses, io-ts's own union `validate` runs and reports as it always does.
 * Since the members' tags differ, no other member could have accepted the input.
 */
export const withTaggedFastValidate = <C extends t.Any>(codec: C, tag: string, members: Readonly<Record<string, t.Any>>): C => {
  const slow = codec.validate.bind(codec) as t.Validate<unknown, t.TypeOf<C>>;
  const fast: t.Validate<unknown, t.TypeOf<C>> = (u, c) => {
    if (typeof u !== 'object' || u === null) return slow(u, c);
    const value = (u as Record<string, unknown>)[tag];
    const member = typeof value === 'string' && Object.prototype.hasOwnProperty.call(members, value) ? members[value] : undefined;
    if (member === undefined) return slow(u, c);
    const r = member.validate(u, c);
    return r._tag === 'Right' ? (r as t.Validation<t.TypeOf<C>>) : slow(u, c);
  };
  (codec as { validate: t.Validate<unknown, t.TypeOf<C>> }).validate = fast;
  return codec;
};

/** `t.strict(props, name)` with the fast path of {@link withFastValidate}. */
export const strictObject = <P extends t.Props>(props: P, name?: string) => withFastValidate(t.strict(props, name), props);

/** An object of required and optional fields, unknown fields stripped, with the fast path of {@link withFastValidate}. */
export const exactObject = <P extends t.Props, O extends t.Props>(props: P, options: O, name?: string) =>
  withFastValidate(t.exact(t.intersection([t.type(props), t.partial(options)]), name), props, options);
