import { type CfnElement, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { type IRole, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  HttpMethods,
  type IBucket,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import type { CodeAccess } from './access.ts';

/**
 * The uploads bucket (shared/uploads/bucket.ts): organizers' browsers POST large files (a
 * province's roll CSV, up to 512 MiB) straight into it with a form the API presigns, and a
 * function streams them back. Nothing in it is meant to last: a lifecycle rule removes every
 * object 7 days after its upload.
 */

export interface UploadsBucketProps {
  /** `https://<console host>`: the one origin whose pages may POST here (CORS). */
  consoleOrigin: string;
  /** Where S3 writes the bucket's server access logs (the console's log bucket). */
  accessLogs: IBucket;
}

/** The bucket: private, encrypted, TLS only, logged, emptied by its lifecycle, CORS for the console. */
export function createUploadsBucket(scope: Construct, props: UploadsBucketProps): Bucket {
  return new Bucket(scope, 'Uploads', {
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    encryption: BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
    serverAccessLogsBucket: props.accessLogs,
    serverAccessLogsPrefix: 's3-uploads/',
    lifecycleRules: [
      {
        id: 'uploads-are-transient',
        expiration: Duration.days(7),
        // A form POST is one request; this only clears parts a multipart upload left behind.
        abortIncompleteMultipartUploadAfter: Duration.days(1),
      },
    ],
    cors: [
      {
        allowedMethods: [HttpMethods.POST],
        allowedOrigins: [props.consoleOrigin],
        // An upload widget may add headers (antd's Upload sends X-Requested-With, which makes
        // the browser ask first); a header can never widen what the signed policy allows.
        allowedHeaders: ['*'],
        maxAge: 3600,
      },
    ],
    // Retained like every bucket of the stack (docs/deploy.md §9); its objects expire anyway.
    removalPolicy: RemovalPolicy.RETAIN,
  });
}

/**
 * Where the console's pages POST an upload, for its CSP's connect-src: the regional S3 host of
 * any bucket (the presigned URL is `https://<bucket>.s3.<region>.amazonaws.com/`). Not this
 * bucket's own host: the CSP is part of the distribution, whose domain the bucket's CORS names,
 * and CloudFormation allows no cycle. The presigned policy, not the CSP, guards the bucket.
 */
export const uploadsConnectSource = (scope: Construct): string => {
  const stack = Stack.of(scope);
  return `https://*.s3.${stack.region}.${stack.urlSuffix}`;
};

/**
 * Grants `role` the S3 actions its code calls (infra/access.ts), on the uploads bucket only:
 * object actions on its objects, `s3:ListBucket` on the bucket itself.
 */
export function grantUploads(
  role: IRole,
  access: Pick<CodeAccess, 'uploads' | 'uploadsBucket'>,
  bucket: Bucket,
): void {
  if (access.uploads.length > 0) {
    role.addToPrincipalPolicy(
      new PolicyStatement({ actions: access.uploads, resources: [bucket.arnForObjects('*')] }),
    );
    const bucketId = Stack.of(bucket).getLogicalId(bucket.node.defaultChild as CfnElement);
    Validations.of(role).acknowledge({
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/*]`,
      reason:
        'Every object of the uploads bucket: each upload gets a key of its own when the API ' +
        'presigns it, and the bucket holds nothing else.',
    });
  }
  if (access.uploadsBucket.length > 0) {
    role.addToPrincipalPolicy(
      new PolicyStatement({ actions: access.uploadsBucket, resources: [bucket.bucketArn] }),
    );
  }
}
