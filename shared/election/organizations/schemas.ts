import * as z from 'zod';
import { OrgId } from '../elections/schemas.ts';

/** Request shapes of the organizations routes, shared with the console's forms. */

/** A new organization and the committee that approves its results. */
export const NewOrganization = z.strictObject({
  id: OrgId,
  name: z.string().min(1).max(200),
  level: z.enum(['branch', 'general-branch', 'committee']),
  /** The approving committee (街道党工委 / 矿党委): its e-mails get the approval requests. */
  superior: z.strictObject({
    name: z.string().min(1).max(200),
    emails: z.array(z.email()).min(1).max(20),
  }),
});
