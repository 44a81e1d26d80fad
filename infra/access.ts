import { buildSync } from 'esbuild';
import { ROOT } from './functions.ts';

/**
 * What a Lambda entry's code calls on AWS, read from the code itself, so each function is
 * granted exactly that (least privilege) and a grant never lags behind a handler that started
 * sending mail or releasing a task. The entry is bundled (our modules only, packages left
 * external) with tree shaking: code no export of the entry reaches is gone, and every AWS SDK
 * command the rest constructs (`new XCommand(`) names an IAM need. A command this table does
 * not know fails the synth, rather than an AccessDenied on AWS.
 */
export interface CodeAccess {
  /** DynamoDB actions on the table (`dynamodb:*Item`, `Query`…). */
  table: string[];
  /** DynamoDB actions on the GSI (`Query`, `Scan`). */
  index: string[];
  /** SES actions on the sender identity. */
  mail: string[];
  /** Step Functions actions on the election state machine. */
  workflow: string[];
  /** Secrets Manager actions (the SMTP password), granted on the one secret by infra/mail.ts. */
  secrets: string[];
  /** S3 actions on the uploads bucket's objects (infra/uploads.ts): the only bucket our code names. */
  uploads: string[];
  /** S3 actions on the uploads bucket itself. */
  uploadsBucket: string[];
}

type Need = { [K in keyof CodeAccess]?: string[] };

// Transactions are authorized item by item: TransactWriteItems needs the action of each write.
const TRANSACT_WRITE = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:ConditionCheckItem',
];

/**
 * DynamoDB's commands by their client-dynamodb name → what calling them needs. lib-dynamodb's
 * twin of each drops the `Item`/`Items` (`GetItemCommand` → `GetCommand`) and needs the same.
 */
const DYNAMODB: Record<string, Need> = {
  GetItem: { table: ['dynamodb:GetItem'] },
  BatchGetItem: { table: ['dynamodb:BatchGetItem'] },
  TransactGetItems: { table: ['dynamodb:GetItem'] },
  Query: { table: ['dynamodb:Query'], index: ['dynamodb:Query'] },
  Scan: { table: ['dynamodb:Scan'], index: ['dynamodb:Scan'] },
  PutItem: { table: ['dynamodb:PutItem'] },
  UpdateItem: { table: ['dynamodb:UpdateItem'] },
  DeleteItem: { table: ['dynamodb:DeleteItem'] },
  BatchWriteItem: { table: ['dynamodb:BatchWriteItem'] },
  TransactWriteItems: { table: TRANSACT_WRITE },
};

/** AWS SDK v3 command → what calling it needs. */
const COMMANDS: Record<string, Need> = {
  ...Object.fromEntries(
    Object.entries(DYNAMODB).flatMap(([name, need]) => [
      [`${name}Command`, need],
      [`${name.replace(/Items?$/, '')}Command`, need],
    ]),
  ),
  SendEmailCommand: { mail: ['ses:SendEmail'] },
  SendRawEmailCommand: { mail: ['ses:SendRawEmail'] },
  GetSecretValueCommand: { secrets: ['secretsmanager:GetSecretValue'] },
  StartExecutionCommand: { workflow: ['states:StartExecution'] },
  StopExecutionCommand: { workflow: ['states:StopExecution'] },
  SendTaskSuccessCommand: { workflow: ['states:SendTaskSuccess'] },
  ListExecutionsCommand: { workflow: ['states:ListExecutions'] },
  SendTaskFailureCommand: { workflow: ['states:SendTaskFailure'] },
  SendTaskHeartbeatCommand: { workflow: ['states:SendTaskHeartbeat'] },
  // Without s3:ListBucket, S3 answers a missing object with 403 instead of 404 (uploadSize).
  HeadObjectCommand: { uploads: ['s3:GetObject'], uploadsBucket: ['s3:ListBucket'] },
  GetObjectCommand: { uploads: ['s3:GetObject'] },
  DeleteObjectCommand: { uploads: ['s3:DeleteObject'] },
};

/** `paginateQuery(` / `paginateScan(` build their commands inside the SDK. */
const PAGINATORS: Record<string, string> = {
  paginateQuery: 'QueryCommand',
  paginateScan: 'ScanCommand',
};

/** Signers send nothing, but S3 authorizes what they sign as their caller's own request. */
const SIGNERS: Record<string, Need> = {
  // A presigned POST is a PutObject by the signer: without it S3 refuses the browser's form.
  createPresignedPost: { uploads: ['s3:PutObject'] },
};

const cache = new Map<string, CodeAccess>();

/** Access to nothing: what code that makes no AWS call needs. */
export const noAccess = (): CodeAccess => ({
  table: [],
  index: [],
  mail: [],
  workflow: [],
  secrets: [],
  uploads: [],
  uploadsBucket: [],
});

/** The access an entry's code needs (`entry` relative to the repository root). Cached. */
export function accessOf(entry: string): CodeAccess {
  const known = cache.get(entry);
  if (known) return known;
  let result: ReturnType<typeof buildSync>;
  try {
    result = buildSync({
      absWorkingDir: ROOT,
      entryPoints: [entry],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'node',
      packages: 'external',
      treeShaking: true,
      logLevel: 'silent',
    });
  } catch (error) {
    throw new Error(
      `${entry}: cannot bundle it to read its AWS calls: ${(error as Error).message}`,
    );
  }
  const code = result.outputFiles?.[0]?.text ?? '';
  const access = accessFromCode(code, entry);
  cache.set(entry, access);
  return access;
}

/** The access the AWS calls in bundled code need (exported for tests). */
export function accessFromCode(code: string, where: string): CodeAccess {
  const commands = new Set<string>();
  // esbuild may suffix a renamed import (`GetCommand2`); the SDK's names carry no digits.
  for (const [, name] of code.matchAll(/\bnew\s+(?:[\w$]+\.)?([A-Z]\w*Command)\d*\s*\(/g)) {
    commands.add(name as string);
  }
  for (const [, paginator] of code.matchAll(/\b(paginate(?:Query|Scan))\d*\s*\(/g)) {
    commands.add(PAGINATORS[paginator as string] as string);
  }
  for (const [, signer] of code.matchAll(/\b(createPresignedPost)\d*\s*\(/g)) {
    commands.add(signer as string);
  }
  const access = noAccess();
  for (const command of [...commands].sort()) {
    const need = COMMANDS[command] ?? SIGNERS[command];
    if (!need) {
      throw new Error(
        `${where} calls ${command}, which infra/access.ts grants nothing for: ` +
          'add the IAM actions it needs to COMMANDS',
      );
    }
    for (const key of Object.keys(need) as (keyof CodeAccess)[]) {
      access[key] = [...new Set([...access[key], ...(need[key] ?? [])])].sort();
    }
  }
  return access;
}
