// Proves the batch form reads organization ids from a CSV as spreadsheets save it: the column
// headed 编号 (else the first), a header row skipped, quotes, BOM and CRLF, blanks and repeats.
import { describe, expect, it } from 'vitest';
import { readOrgIds } from '../../../console/src/pages/batches/org-id-file.ts';

const csv = (text: string) => new File([text], 'orgs.csv', { type: 'text/csv' });

describe('organization ids from a CSV', () => {
  it('takes the column headed 编号, wherever it is', async () => {
    const ids = await readOrgIds(
      csv('名称,编号\n"杨柳社区,一支部",sq-yangliu\n益门社区,sq-yimen\n'),
    );
    expect(ids).toEqual(['sq-yangliu', 'sq-yimen']);
  });

  it('takes the first column of a list without a header, each id once, blanks skipped', async () => {
    const ids = await readOrgIds(csv('\uFEFFsq-a\r\nsq-b\r\n\r\nsq-a\r\n'));
    expect(ids).toEqual(['sq-a', 'sq-b']);
  });

  it('reads a quoted id with a doubled quote as one cell', async () => {
    expect(await readOrgIds(csv('id\n"sq-""x"""\n'))).toEqual(['sq-"x"']);
  });
});
