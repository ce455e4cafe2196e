import { AlignmentType, Document, LineRuleType, Packer, PageOrientation, Paragraph, TextRun, convertMillimetersToTwip } from 'docx';
import { trainingIndustryLabels, type TrainingIndustry } from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import type { Actor } from '../../platform/authz/actor.js';
import type { AuditActor } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/errors.js';
import { chineseDate } from '../volunteers/certificate.js';
import { enrolmentPolicy } from './policy.js';
import type { TrainingService } from './service.js';

const font = (name: string) => ({ ascii: name, eastAsia: name, hAnsi: name, cs: name });
const run = (text: string, size: number, face = '仿宋_GB2312', bold = false) => new TextRun({ text, size, bold, font: font(face), color: '000000' });

/** What the certificate says (also the printable web page's content). */
export async function certificateData(service: TrainingService, actor: Actor, classId: string, enrolmentId: string) {
  const { c, e } = await service.loadEnrolment(actor, classId, enrolmentId);
  if (!enrolmentPolicy.certificate(actor, c, e)) throw new AppError('TRAINING_NOT_COMPLETED');
  const hours = await service.sessions(actor, classId).then((s) => s.filter((x) => x.held).reduce((sum, x) => sum + x.hours, 0));
  return { c, e, hours, issuer: `${c.orgUnitName}关心下一代工作委员会` };
}

/**
 * 结业证书: landscape A4, the trainee's name, the class, its dates, skill and hours, the certificate number, the
 * issuing committee and date (office-files.md: fonts of the official layout). No ID number on it.
 */
export function createTrainingCertificate(platform: Platform, service: TrainingService) {
  return async function certificate(actor: Actor, who: AuditActor, classId: string, enrolmentId: string) {
    const { c, e, hours, issuer } = await certificateData(service, actor, classId, enrolmentId);
    const issuedOn = (c.finishedAt ?? new Date().toISOString()).slice(0, 10);
    const line = { line: 640, lineRule: LineRuleType.EXACT };
    const doc = new Document({
      creator: '关工通',
      title: `结业证书-${e.name}`,
      sections: [
        {
          properties: {
            page: {
              size: { width: convertMillimetersToTwip(297), height: convertMillimetersToTwip(210), orientation: PageOrientation.LANDSCAPE },
              margin: { top: convertMillimetersToTwip(30), bottom: convertMillimetersToTwip(25), left: convertMillimetersToTwip(35), right: convertMillimetersToTwip(35) },
            },
          },
          children: [
            new Paragraph({ alignment: AlignmentType.CENTER, spacing: { line: 900, lineRule: LineRuleType.EXACT }, children: [run('结 业 证 书', 60, '方正小标宋简体')] }),
            new Paragraph({ alignment: AlignmentType.RIGHT, spacing: line, children: [run(`证书编号：${e.certificateNo}`, 24)] }),
            new Paragraph({
              indent: { firstLine: 640 }, spacing: line, alignment: AlignmentType.JUSTIFIED,
              children: [run(`${e.name}同志于${chineseDate(c.startDate)}至${chineseDate(c.endDate)}参加“${c.title}”（${trainingIndustryLabels[c.industry as TrainingIndustry]}·${c.skill}），完成全部课程共${hours.toFixed(1)}学时，经考核合格，准予结业。`, 32)],
            }),
            new Paragraph({ indent: { firstLine: 640 }, spacing: line, children: [run('特发此证。', 32)] }),
            new Paragraph({ spacing: line, children: [] }),
            new Paragraph({ alignment: AlignmentType.RIGHT, spacing: line, indent: { right: 640 }, children: [run(issuer, 32)] }),
            new Paragraph({ alignment: AlignmentType.RIGHT, spacing: line, indent: { right: 1280 }, children: [run(chineseDate(issuedOn), 32)] }),
          ],
        },
      ],
    });
    const buffer = await Packer.toBuffer(doc);
    await platform.record(who, { event: 'training.certificate', objectType: 'trainingEnrolment', objectId: enrolmentId, summary: `开具结业证书：${c.title} ${e.certificateNo}`, detail: { classId, certificateNo: e.certificateNo } });
    return { buffer, fileName: `结业证书-${e.name}-${e.certificateNo}.docx` };
  };
}
