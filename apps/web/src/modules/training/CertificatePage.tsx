import { Link, useParams } from 'react-router';
import { Breadcrumb, Button, Result, Skeleton, Space } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { trainingIndustryLabels, type TrainingClass, type TrainingEnrolment, type TrainingSession } from '@gg/shared';
import { api } from '../../app/api';
import { DownloadButton } from '../../components/DownloadButton';

const cn = (d: string) => { const [y, m, day] = d.split('-').map(Number); return `${y}年${m}月${day}日`; };

/** 结业证书 — the printable page (the Word file carries the same text). Printing hides the menu and header. */
export default function CertificatePage() {
  const { id = '', enrolmentId = '' } = useParams();
  const klass = useQuery({ queryKey: ['training-classes', id], queryFn: () => api.get<TrainingClass>(`/api/training/classes/${id}`) });
  const people = useQuery({ queryKey: ['training-classes', id, 'enrolments'], queryFn: () => api.get<TrainingEnrolment[]>(`/api/training/classes/${id}/enrolments`) });
  const sessions = useQuery({ queryKey: ['training-classes', id, 'sessions'], queryFn: () => api.get<TrainingSession[]>(`/api/training/classes/${id}/sessions`) });
  if (klass.isError || people.isError) return <Result status="404" title="证书不存在或不在您的管理范围内" />;
  if (!klass.data || !people.data || !sessions.data) return <Skeleton active />;
  const c = klass.data;
  const e = people.data.find((p) => p.id === enrolmentId);
  if (!e || !e.actions.includes('certificate')) return <Result status="warning" title="该学员未结业，不能开具结业证书" extra={<Link to={`/training/classes/${id}`}>返回培训班</Link>} />;
  const hours = sessions.data.filter((s) => s.held).reduce((sum, s) => sum + s.hours, 0);
  const issued = (c.finishedAt ?? new Date().toISOString()).slice(0, 10);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <style>{`@media print { .ant-layout-sider, .ant-layout-header, .no-print { display: none !important; } .ant-layout-content { margin: 0 !important; padding: 0 !important; } .certificate { border: none !important; box-shadow: none !important; } }`}</style>
      <div className="no-print">
        <Breadcrumb items={[{ title: <Link to="/training/classes">培训班</Link> }, { title: <Link to={`/training/classes/${id}`}>{c.title}</Link> }, { title: `结业证书 · ${e.name}` }]} />
        <Space style={{ marginTop: 12 }}>
          <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>打印</Button>
          <DownloadButton url={`/api/training/classes/${id}/enrolments/${e.id}/certificate`} fileName="结业证书.docx">下载 Word</DownloadButton>
        </Space>
      </div>
      <div className="certificate" role="document" aria-label="结业证书"
        style={{ background: '#fff', border: '12px double #c8102e', padding: '56px 72px', maxWidth: 960, margin: '0 auto', fontFamily: '"FangSong", "仿宋", serif', color: '#000' }}>
        <h1 style={{ textAlign: 'center', fontSize: 44, letterSpacing: 24, fontFamily: '"SimSun", "宋体", serif', margin: '0 0 8px' }}>结业证书</h1>
        <p style={{ textAlign: 'right', fontSize: 16 }}>证书编号：{e.certificateNo}</p>
        <p style={{ fontSize: 22, lineHeight: 2.2, textIndent: '2em' }}>
          <b>{e.name}</b>同志于{cn(c.startDate)}至{cn(c.endDate)}参加“{c.title}”（{trainingIndustryLabels[c.industry]}·{c.skill}），完成全部课程共{hours.toFixed(1)}学时，经考核合格，准予结业。
        </p>
        <p style={{ fontSize: 22, lineHeight: 2.2, textIndent: '2em' }}>特发此证。</p>
        <p style={{ fontSize: 22, textAlign: 'right', marginTop: 48 }}>{c.orgUnitName}关心下一代工作委员会</p>
        <p style={{ fontSize: 22, textAlign: 'right', paddingRight: '2em' }}>{cn(issued)}</p>
      </div>
    </Space>
  );
}
