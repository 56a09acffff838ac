import type { Request } from 'express';
import type { z } from 'zod';
import { DomainError } from '../domain/errors.js';

function fieldOf(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return issue.keys.join(', ');
  return issue.path.map(String).join('.') || '(body)';
}

/** Parses a value with a zod schema; a failure becomes one invalid-input error naming every bad field. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, where: 'query' | 'path' | 'body'): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const errors = parsed.error.issues.map((i) => ({
    field: fieldOf(i),
    in: where,
    message: i.code === 'unrecognized_keys' ? `unknown ${where} parameter` : i.message,
  }));
  const first = errors[0]!;
  throw new DomainError('invalid-input', `Invalid ${where} parameter "${first.field}": ${first.message}.`, {
    field: first.field,
    errors,
  });
}

export const query = <S extends z.ZodType>(schema: S, req: Request): z.infer<S> => parseWith(schema, req.query, 'query');
export const params = <S extends z.ZodType>(schema: S, req: Request): z.infer<S> => parseWith(schema, req.params, 'path');
export const body = <S extends z.ZodType>(schema: S, req: Request): z.infer<S> => parseWith(schema, req.body ?? {}, 'body');

/** A posted HTML form as express.urlencoded gives it: text, or a list of texts for a repeated name. */
export type FormBody = Record<string, string | string[] | undefined>;

/** The posted form, or an empty one when the request has no body. */
export const formBody = (req: Request): FormBody => (req.body ?? {}) as FormBody;
