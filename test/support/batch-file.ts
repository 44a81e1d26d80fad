// A batch file (shared/election/batches/batch-file.ts) as a province's system would export it:
// a row per member, its organization's columns first, CSV in UTF-8 with a BOM.
import { EDUCATION_NAMES } from '../../shared/notices/words.ts';
import type { Member } from '../../shared/rules/index.ts';

export interface FileOrganization {
  id: string;
  name: string;
  superior: { name: string; emails: string[] };
  members: readonly Member[];
}

const HEAD = [
  '组织编号',
  '组织名称',
  '组织类别',
  '上级党组织',
  '上级邮箱',
  '编号',
  '姓名',
  '出生日期',
  '转正时间',
  '学历',
  '组织关系',
  '党员权利',
  '健康',
  '邮箱',
];

const RIGHTS = { normal: '正常', discipline: '留党察看', suspended: '停止党员权利' } as const;

const relation = (m: Member) =>
  m.orgRelationLocal ? '在本组织' : m.orgRelationTransferable ? '可转入' : '外地';

const quoted = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);

/** The file's text: each organization's rows together, its columns on every row. */
export const batchFileCsv = (organizations: readonly FileOrganization[]): string => {
  const lines = [HEAD.join(',')];
  for (const org of organizations) {
    for (const m of org.members) {
      const cells = [
        org.id,
        org.name,
        '党支部',
        org.superior.name,
        org.superior.emails.join(';'),
        m.id,
        m.name,
        m.birthDate,
        m.fullSince ?? '',
        EDUCATION_NAMES[m.education],
        relation(m),
        m.rights ? RIGHTS[m.rights] : '',
        m.healthy === undefined ? '' : m.healthy ? '健康' : '患病',
        m.email ?? '',
      ];
      lines.push(cells.map(quoted).join(','));
    }
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
};

/** Posts a file to an upload's presigned form (`POST /v1/batch-uploads`'s answer), as the console does. */
export const postToUpload = async (
  upload: { url: string; fields: Record<string, string> },
  text: string,
): Promise<void> => {
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
  form.append('file', new Blob([text], { type: 'text/csv' }), 'batch.csv');
  const answer = await fetch(upload.url, { method: 'POST', body: form });
  if (answer.status >= 300) {
    throw new Error(`the upload was refused: ${answer.status} ${await answer.text()}`);
  }
};
