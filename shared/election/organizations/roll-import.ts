import { conflict, unprocessable } from '../../errors.ts';
import type { Member } from '../../rules/index.ts';
import { readRollSheet } from '../../rules/roll-sheet.ts';
import { readSheet } from '../../sheets/read.ts';
import { replaceRoll } from '../../store/organizations.ts';
import type { OrganizationRecord } from '../../store/records.ts';
import { ConditionFailed } from '../../store/transact.ts';

/**
 * Replaces an organization's roll (PUT /v1/organizations/{orgId}/roll) from JSON members or a
 * spreadsheet (.xlsx or CSV). From a sheet nothing is stored unless every row is valid: 422
 * listing every bad row's problems `{row, column, message}`; with `dropInvalid` (the
 * organizer's explicit choice) only the valid rows are stored and the others are named.
 */

/** Exactly one of the two (the endpoint's schema checks it). */
export type RollInput = {
  members?: Member[] | undefined;
  file?: { contentType: string; bytes: Uint8Array } | undefined;
};

export interface RollImported {
  count: number;
  /** Rows left out (`dropInvalid`), as Excel numbers them. */
  dropped?: number[];
  /** Headers matching no known column. */
  ignoredColumns?: string[];
}

const membersOf = async (
  input: RollInput,
  dropInvalid: boolean,
): Promise<{ members: Member[] } & Omit<RollImported, 'count'>> => {
  if (input.members || !input.file) return { members: input.members ?? [] };
  const sheet = readRollSheet(await readSheet(input.file.bytes));
  if (sheet.problems.length > 0) {
    throw unprocessable(
      'invalid-roll-sheet',
      `名册表格无法导入:${sheet.problems.map((p) => p.message).join(';')}`,
      sheet.problems.map((p) => ({ row: 1, ...p })),
    );
  }
  const bad = sheet.rows.filter((r) => !r.ok);
  if (bad.length > 0 && (!dropInvalid || bad.length === sheet.rows.length)) {
    throw unprocessable(
      'invalid-roll-rows',
      `名册有 ${bad.length} 行不符合要求,未导入任何数据${dropInvalid ? '(没有有效行)' : ';可修改后重新上传,或选择只导入有效行'}`,
      bad.flatMap((r) => r.problems.map((p) => ({ row: r.row, ...p }))),
    );
  }
  return {
    members: sheet.members,
    ...(dropInvalid ? { dropped: bad.map((r) => r.row) } : {}),
    ...(sheet.ignoredColumns.length > 0 ? { ignoredColumns: sheet.ignoredColumns } : {}),
  };
};

export const importRoll = async (
  org: OrganizationRecord,
  input: RollInput,
  { dropInvalid, actor }: { dropInvalid: boolean; actor: string },
): Promise<RollImported> => {
  const { members, ...report } = await membersOf(input, dropInvalid);
  try {
    await replaceRoll(org, members, actor);
  } catch (error) {
    if (error instanceof ConditionFailed) {
      throw conflict(
        'roll-changed',
        'the roll was replaced by someone else meanwhile; send it again',
      );
    }
    throw error;
  }
  return { count: members.length, ...report };
};
