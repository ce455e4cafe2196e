import { DatePicker } from 'antd';
import dayjs from 'dayjs';

/**
 * A date picker whose value is the string YYYY-MM-DD (as the API and the URL carry it).
 * `id` comes from Form.Item so the field's <label> points at it (accessibility, and tests find it by label).
 */
export function DateInput({
  id,
  value,
  onChange,
  placeholder,
  disabled,
}: {
  id?: string;
  value?: string;
  onChange?: (v: string | undefined) => void;
  placeholder?: string;
  disabled?: boolean;
}) {
  return (
    <DatePicker
      id={id}
      style={{ width: '100%' }}
      value={value ? dayjs(value) : null}
      onChange={(d) => onChange?.(d ? d.format('YYYY-MM-DD') : undefined)}
      placeholder={placeholder}
      disabled={disabled}
      format="YYYY-MM-DD"
    />
  );
}
