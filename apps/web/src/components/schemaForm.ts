import { useCallback, useMemo } from 'react';
import { Form, type FormInstance } from 'antd';
import type { Rule } from 'antd/es/form';
import type { z } from 'zod';
import { ApiError, redirectCodes } from '../app/api';
import { showError } from '../app/feedback';

type AnyObject = z.ZodObject<z.ZodRawShape>;

/** antd gives null for cleared numbers and pickers; the schemas expect a missing key instead. */
export function cleanValues(values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) if (v !== null && v !== undefined) out[k] = v;
  return out;
}

/**
 * One schema, used twice: the shared zod schema becomes the antd form's rules. Every change runs
 * safeParse over the whole form (so cross-field refinements work too) and shows the issues of each field.
 */
export function useSchemaForm<S extends AnyObject>(schema: S, options: { extra?: () => Record<string, unknown> } = {}) {
  const [form] = Form.useForm();
  const { extra } = options;

  /** The form's values limited to the schema's keys (forms may hold helper fields such as a confirmation). */
  const schemaValues = useCallback((): Record<string, unknown> => {
    const all = { ...cleanValues(form.getFieldsValue(true) as Record<string, unknown>), ...(extra?.() ?? {}) };
    return Object.fromEntries(Object.entries(all).filter(([k]) => k in schema.shape));
  }, [form, schema, extra]);

  const issuesFor = useCallback(
    (name: string): string | undefined => {
      const result = schema.safeParse(schemaValues());
      if (result.success) return undefined;
      const issue = result.error.issues.find((i) => String(i.path[0] ?? '') === name);
      return issue?.message;
    },
    [schema, schemaValues],
  );

  const rule = useCallback(
    (name: string): Rule[] => [
      {
        validator: async () => {
          const message = issuesFor(name);
          if (message) throw new Error(message);
        },
      },
    ],
    [issuesFor],
  );

  /** A field is required (red mark) when its schema refuses a missing value. */
  const required = useCallback(
    (name: string): boolean => {
      const field = schema.shape[name] as z.ZodType | undefined;
      return field ? !field.safeParse(undefined).success : false;
    },
    [schema],
  );

  /** Props to spread on a Form.Item: name, rules and the required mark from the schema. */
  const item = useCallback((name: string) => ({ name, rules: rule(name), required: required(name) }), [rule, required]);

  /** Validates everything; resolves to the cleaned values ready to send, or null (errors are shown on the fields). */
  const submitValues = useCallback(async (): Promise<Record<string, unknown> | null> => {
    try {
      await form.validateFields();
    } catch {
      return null;
    }
    const values = schemaValues();
    const result = schema.safeParse(values);
    if (!result.success) {
      // An issue on a key without a field of its own (e.g. an id passed in `extra`): say it at the top.
      const names = new Set(Object.keys(form.getFieldsValue(true) as object));
      const stray = result.error.issues.find((i) => !names.has(String(i.path[0] ?? '')));
      if (stray) showError(new Error(stray.message));
      return null;
    }
    return values;
  }, [form, schema, schemaValues]);

  /** Puts the server's field errors next to their fields; anything else becomes a message. */
  const applyServerError = useCallback((err: unknown) => applyFieldErrors(form, err), [form]);

  return useMemo(() => ({ form, rule, required, item, submitValues, applyServerError }), [form, rule, required, item, submitValues, applyServerError]);
}

export function applyFieldErrors(form: FormInstance, err: unknown) {
  if (err instanceof ApiError && err.details.length) {
    const names = new Set(Object.keys(form.getFieldsValue(true) as object));
    const fields = err.details
      .map((d) => ({ name: d.path.split('.')[0], errors: [d.message] }))
      .filter((f) => names.has(f.name));
    if (fields.length) {
      form.setFields(fields);
      showError(err);
      return;
    }
  }
  // 5xx and redirects were already reported by the api client.
  if (err instanceof ApiError && (err.status >= 500 || err.status === 0 || err.code in redirectCodes)) return;
  showError(err);
}
