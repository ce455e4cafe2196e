/**
 * A number as zh-CN writes it — digits grouped in threes with commas, a point before the decimals, rounded half away
 * from zero — without Intl. A page's first Intl.NumberFormat loads the locale's data: ~0.1 s of main-thread time on
 * this project's test machine, and the dashboard's first figures waited for it (issue 10). The output is
 * Intl.NumberFormat('zh-CN', { minimumFractionDigits, maximumFractionDigits }).format(n) for every finite number
 * (numbers.unit.test.ts compares them); the rare exponent forms are handed to Intl.
 */
export function formatNumber(n: number, minimumFractionDigits = 0, maximumFractionDigits = Math.max(3, minimumFractionDigits)): string {
  const plain = String(Math.abs(n));
  if (!Number.isFinite(n) || plain.includes('e')) {
    return new Intl.NumberFormat('zh-CN', { minimumFractionDigits, maximumFractionDigits }).format(n);
  }
  let [int, frac = ''] = plain.split('.');
  if (frac.length > maximumFractionDigits) {
    const up = frac.charCodeAt(maximumFractionDigits) >= 53; // '5'..'9'
    frac = frac.slice(0, maximumFractionDigits);
    if (up) {
      const digits = (int + frac).split('');
      let i = digits.length - 1;
      for (; i >= 0 && digits[i] === '9'; i--) digits[i] = '0';
      if (i >= 0) digits[i] = String(Number(digits[i]) + 1);
      const all = (i < 0 ? '1' : '') + digits.join('');
      int = all.slice(0, all.length - frac.length);
      frac = all.slice(all.length - frac.length);
    }
  }
  frac = frac.replace(/0+$/, '').padEnd(minimumFractionDigits, '0');
  const sign = n < 0 || Object.is(n, -0) ? '-' : '';
  return `${sign}${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${frac ? `.${frac}` : ''}`;
}
