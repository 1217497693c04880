import * as z from 'zod/mini';
import { parseExtendsSpec } from './extends-spec.js';

/** `extends:`: a spec that reads as one (extends-spec.ts); whether it can be fetched is the host's to say. */
export const extendsSpec = z.string().check(
  z.superRefine((value, ctx) => {
    const spec = parseExtendsSpec(value);
    if ('problem' in spec) ctx.addIssue({ code: 'custom', message: spec.problem });
  }),
);
