import { DatePicker } from 'antd';
import dayjs from 'dayjs';

/** A date picker whose value is the string YYYY-MM-DD (as the API and the URL carry it). */
export function DateInput({ value, onChange, placeholder }: { value?: string; onChange?: (v: string | undefined) => void; placeholder?: string }) {
  return (
    <DatePicker
      style={{ width: '100%' }}
      value={value ? dayjs(value) : null}
      onChange={(d) => onChange?.(d ? d.format('YYYY-MM-DD') : undefined)}
      placeholder={placeholder}
      format="YYYY-MM-DD"
    />
  );
}
