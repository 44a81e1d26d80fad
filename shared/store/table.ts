import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/**
 * The one table. Its key design (every item kind and access pattern) is documented in
 * shared/store/README.md; CDK and the local stack both create it from `tableDefinition`.
 */

export const KEY = { pk: 'pk', sk: 'sk' } as const;
export const GSI1 = { name: 'gsi1', pk: 'gsi1pk', sk: 'gsi1sk' } as const;
/**
 * The lists by kind (every organization, election, batch, pending approval): an item's gsi1 is
 * already its place under its owner (an election under its organization, an approval under its
 * election), so listing a kind across owners needs a second index.
 */
export const GSI2 = { name: 'gsi2', pk: 'gsi2pk', sk: 'gsi2sk' } as const;

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
    { AttributeName: GSI2.pk, AttributeType: 'S' },
    { AttributeName: GSI2.sk, AttributeType: 'S' },
  ],
  KeySchema: [
    { AttributeName: KEY.pk, KeyType: 'HASH' },
    { AttributeName: KEY.sk, KeyType: 'RANGE' },
  ],
  GlobalSecondaryIndexes: [GSI1, GSI2].map((index) => ({
    IndexName: index.name,
    KeySchema: [
      { AttributeName: index.pk, KeyType: 'HASH' as const },
      { AttributeName: index.sk, KeyType: 'RANGE' as const },
    ],
    Projection: { ProjectionType: 'ALL' as const },
  })),
});
