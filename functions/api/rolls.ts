import * as z from 'zod';
import { knownOrganization } from '../../shared/election/access.ts';
import { OrgId } from '../../shared/election/elections/schemas.ts';
import { importRoll } from '../../shared/election/organizations/roll-import.ts';
import { endpoint, routeGroup } from '../../shared/http/endpoint.ts';
import { Roll } from '../../shared/rules/index.ts';
import { SHEET_TYPES, XLSX_TYPE } from '../../shared/sheets/read.ts';
import { TEMPLATE_FILENAME, writeRollTemplate } from '../../shared/sheets/template.ts';

/**
 * The roll (党员名册) in: JSON members, or the spreadsheet organizers keep (.xlsx or CSV); and
 * the template to fill. A group of its own: exceljs (≈1 MB) is bundled here and nowhere else.
 */

const OrgParams = z.strictObject({ orgId: OrgId });

/**
 * JSON `{members}`, or a spreadsheet as the pipeline passes a file body on (shared/http/body.ts:
 * `{file}`). One object rather than a union, so a bad member is still named by its path.
 */
const RollBody = z
  .strictObject({
    members: Roll.optional(),
    file: z
      .object({ contentType: z.enum(SHEET_TYPES), bytes: z.instanceof(Uint8Array) })
      .optional(),
  })
  .refine((body) => (body.members === undefined) !== (body.file === undefined), {
    message: 'send either {members} as JSON or the spreadsheet file',
  });

export const { endpoints, handler } = routeGroup([
  endpoint({
    method: 'PUT',
    path: '/v1/organizations/{orgId}/roll',
    response: z.object({
      count: z.number(),
      /** Rows left out with `dropInvalid=true`, as Excel numbers them. */
      dropped: z.array(z.number()).optional(),
      /** Sheet headers matching no known column (their cells were not read). */
      ignoredColumns: z.array(z.string()).optional(),
    }),
    auth: ['organizer'],
    summary:
      'Replace the member roll (党员名册) whole, from JSON or a spreadsheet (.xlsx, CSV: columns by header); 422 lists every bad row {row, column, message} and stores nothing, unless dropInvalid=true',
    params: OrgParams,
    query: z.strictObject({
      dropInvalid: z
        .enum(['true', 'false'])
        .default('false')
        .transform((v) => v === 'true'),
    }),
    body: RollBody,
    files: SHEET_TYPES,
    handle: async ({ params, query, body, principal }) => {
      const org = await knownOrganization(params.orgId, principal);
      return {
        body: await importRoll(org, body, { dropInvalid: query.dropInvalid, actor: principal.sub }),
      };
    },
  }),
  endpoint({
    method: 'GET',
    path: '/v1/organizations/roll-template',
    auth: ['organizer'],
    download: XLSX_TYPE,
    summary: 'The roll template (.xlsx): the columns read by header, an example row, the rules',
    handle: async () => ({
      file: {
        bytes: await writeRollTemplate(),
        contentType: XLSX_TYPE,
        filename: TEMPLATE_FILENAME,
      },
    }),
  }),
]);
