import type { ThemeConfig } from 'antd';

/** Brand: a dignified deep red with gold accents in the header; content stays clean and light. */
export const brand = {
  red: '#a8201a',
  redDark: '#7f1410',
  gold: '#f3d28b',
  page: '#f4f5f7',
};

export const theme: ThemeConfig = {
  token: {
    colorPrimary: brand.red,
    colorLink: '#1f5fbf',
    colorInfo: '#1f5fbf',
    fontSize: 14,
    fontSizeLG: 16,
    borderRadius: 4,
    controlHeight: 36,
    controlHeightLG: 44,
    colorBgLayout: brand.page,
    fontFamily:
      "'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'WenQuanYi Micro Hei', 'Noto Sans CJK SC', -apple-system, 'Segoe UI', Roboto, sans-serif",
  },
  components: {
    Layout: { headerBg: brand.redDark, headerHeight: 60, siderBg: '#ffffff', headerPadding: '0 20px' },
    Menu: { itemHeight: 44, itemSelectedBg: '#fbeceb', itemSelectedColor: brand.red, groupTitleColor: '#595959' },
    Table: { headerBg: '#fafafa', cellPaddingBlock: 12 },
    Card: { headerFontSize: 16 },
    Descriptions: { labelBg: '#fafafa' },
  },
};
