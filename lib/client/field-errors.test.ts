import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseFormFields, type FieldErrors } from './field-errors';

const schema = z.object({ name: z.string().min(1, 'enter a name'), size: z.number().int('a whole number') });

describe('parseFormFields', () => {
  it('gives the data and clears the errors when the input parses', () => {
    let errors: FieldErrors = { name: 'old' };
    expect(parseFormFields(schema, { name: 'a', size: 2 }, (e) => (errors = e))).toEqual({ name: 'a', size: 2 });
    expect(errors).toEqual({});
  });

  it('gives null and each field its first message when it does not', () => {
    let errors: FieldErrors = {};
    expect(parseFormFields(schema, { name: '', size: 1.5 }, (e) => (errors = e))).toBeNull();
    expect(errors).toEqual({ name: 'enter a name', size: 'a whole number' });
  });
});
