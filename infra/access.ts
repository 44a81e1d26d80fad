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
}

type Need = { [K in keyof CodeAccess]?: string[] };

// Transactions are authorized item by item: TransactWriteItems needs the action of each write.
const TRANSACT_WRITE = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:ConditionCheckItem',
];

/** AWS SDK v3 command → what calling it needs. (lib-dynamodb and client-dynamodb names.) */
const COMMANDS: Record<string, Need> = {
  GetCommand: { table: ['dynamodb:GetItem'] },
  GetItemCommand: { table: ['dynamodb:GetItem'] },
  BatchGetCommand: { table: ['dynamodb:BatchGetItem'] },
  BatchGetItemCommand: { table: ['dynamodb:BatchGetItem'] },
  TransactGetCommand: { table: ['dynamodb:GetItem'] },
  TransactGetItemsCommand: { table: ['dynamodb:GetItem'] },
  QueryCommand: { table: ['dynamodb:Query'], index: ['dynamodb:Query'] },
  ScanCommand: { table: ['dynamodb:Scan'], index: ['dynamodb:Scan'] },
  PutCommand: { table: ['dynamodb:PutItem'] },
  PutItemCommand: { table: ['dynamodb:PutItem'] },
  UpdateCommand: { table: ['dynamodb:UpdateItem'] },
  UpdateItemCommand: { table: ['dynamodb:UpdateItem'] },
  DeleteCommand: { table: ['dynamodb:DeleteItem'] },
  DeleteItemCommand: { table: ['dynamodb:DeleteItem'] },
  BatchWriteCommand: { table: ['dynamodb:BatchWriteItem'] },
  BatchWriteItemCommand: { table: ['dynamodb:BatchWriteItem'] },
  TransactWriteCommand: { table: TRANSACT_WRITE },
  TransactWriteItemsCommand: { table: TRANSACT_WRITE },
  SendEmailCommand: { mail: ['ses:SendEmail'] },
  SendRawEmailCommand: { mail: ['ses:SendRawEmail'] },
  StartExecutionCommand: { workflow: ['states:StartExecution'] },
  SendTaskSuccessCommand: { workflow: ['states:SendTaskSuccess'] },
  ListExecutionsCommand: { workflow: ['states:ListExecutions'] },
  SendTaskFailureCommand: { workflow: ['states:SendTaskFailure'] },
  SendTaskHeartbeatCommand: { workflow: ['states:SendTaskHeartbeat'] },
};

/** `paginateQuery(` / `paginateScan(` build their commands inside the SDK. */
const PAGINATORS: Record<string, string> = {
  paginateQuery: 'QueryCommand',
  paginateScan: 'ScanCommand',
};

const cache = new Map<string, CodeAccess>();

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
  const access: CodeAccess = { table: [], index: [], mail: [], workflow: [] };
  for (const command of [...commands].sort()) {
    const need = COMMANDS[command];
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
