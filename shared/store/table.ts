import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/**
 * The one table. Its key design (every item kind and access pattern) is documented in
 * shared/store/README.md; CDK and the local stack both create it from `tableDefinition`.
 */

export const KEY = { pk: 'pk', sk: 'sk' } as const;
export const GSI1 = { name: 'gsi1', pk: 'gsi1pk', sk: 'gsi1sk' } as const;

/** The TTL attribute (epoch seconds): DynamoDB deletes an item some time after it. */
export const TTL_ATTRIBUTE = 'ttl';

export const tableName = (): string => process.env.ZX_TABLE ?? 'zx-elections';

export const tableDefinition = (name: string = tableName()): CreateTableCommandInput => ({
  TableName: name,
  BillingMode: 'PAY_PER_REQUEST',
  AttributeDefinitions: [
    { AttributeName: KEY.pk, AttributeType: 'S' },
    { AttributeName: KEY.sk, AttributeType: 'S' },
    { AttributeName: GSI1.pk, AttributeType: 'S' },
    { AttributeName: GSI1.sk, AttributeType: 'S' },
  ],
  KeySchema: [
    { AttributeName: KEY.pk, KeyType: 'HASH' },
    { AttributeName: KEY.sk, KeyType: 'RANGE' },
  ],
  GlobalSecondaryIndexes: [
    {
      IndexName: GSI1.name,
      KeySchema: [
        { AttributeName: GSI1.pk, KeyType: 'HASH' },
        { AttributeName: GSI1.sk, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    },
  ],
});
