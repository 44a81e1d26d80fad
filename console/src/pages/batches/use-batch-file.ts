import { useRef, useState } from 'react';
import type { FileProblem } from '../../../../shared/election/batches/batch-file.ts';
import type { ElectionPlan } from '../../../../shared/election/elections/schemas.ts';
import { ApiError, call } from '../../api/client.ts';
import { fileSize } from '../../format.ts';
import { checkBatchFileHead } from './batch-file-head.ts';
import { postUpload } from './post-upload.ts';

/** Where the file is: going up (bytes of the form sent), or being checked by the server. */
export type Transfer = { phase: 'uploading'; sent: number; total: number } | { phase: 'checking' };

/** A file refused, before the upload (its header) or after (422): its problems by row. */
export interface Refused {
  fileName: string;
  problems: FileProblem[];
}

/** A 422's details as the server writes them: `{row, column, message}` each. */
const problemsOf = (details: readonly unknown[]): FileProblem[] =>
  details.map((detail) => {
    const { row, column, message } = (detail ?? {}) as Partial<Record<keyof FileProblem, unknown>>;
    return {
      row: typeof row === 'number' ? row : 0,
      column: typeof column === 'string' ? column : '',
      message: typeof message === 'string' ? message : String(message ?? ''),
    };
  });

/**
 * A batch from one file (批量选举文件): the file chosen, checked at its start in the browser,
 * posted to the uploads bucket with its progress, then `POST /v1/batches {uploadId}`. A file
 * the server refuses (422) leaves its problems here for the dialog's table and throws only the
 * message, so the form shows it above and keeps every value. An upload that went through is
 * used again for the same file (a retry after a lost answer, a changed seat count): a
 * province's file is not sent twice.
 */
export const useBatchFile = () => {
  const [file, setFile] = useState<File | null>(null);
  const [transfer, setTransfer] = useState<Transfer | null>(null);
  const [refused, setRefused] = useState<Refused | null>(null);
  const uploaded = useRef<{ file: File; uploadId: string } | null>(null);
  const aborter = useRef<AbortController | null>(null);

  const upload = async (chosen: File): Promise<string> => {
    if (uploaded.current?.file === chosen) return uploaded.current.uploadId;
    const target = await call('POST /v1/batch-uploads', {});
    if (chosen.size > target.maxBytes) {
      throw new Error(
        `文件有 ${fileSize(chosen.size)},超过上限 ${fileSize(target.maxBytes)}:请将党组织分为几个文件,分批上传`,
      );
    }
    const controller = new AbortController();
    aborter.current = controller;
    setTransfer({ phase: 'uploading', sent: 0, total: chosen.size });
    await postUpload(
      target,
      chosen,
      (progress) => setTransfer({ phase: 'uploading', ...progress }),
      controller.signal,
    );
    uploaded.current = { file: chosen, uploadId: target.uploadId };
    return target.uploadId;
  };

  const start = async (plan: ElectionPlan) => {
    if (!file) throw new Error('请选择批量选举文件(CSV)');
    setRefused(null);
    const head = await checkBatchFileHead(file);
    if (head.length > 0) {
      setRefused({ fileName: file.name, problems: head });
      throw new Error(
        `文件 ${file.name} 未上传:有 ${head.length} 处问题(见下方),请改正后重新选择文件`,
      );
    }
    const reused = uploaded.current?.file === file;
    let sent = false;
    try {
      const uploadId = await upload(file);
      setTransfer({ phase: 'checking' });
      sent = true;
      return await call('POST /v1/batches', { body: { ...plan, uploadId } });
    } catch (error) {
      if (sent && error instanceof ApiError && (error.status === 0 || error.status >= 500)) {
        // No answer: the batch may have been made and be importing in the background.
        throw new Error(
          `服务器未能答复(${error.message}):批次可能已经创建,正在后台导入。请先在批量选举列表中查看;列表中没有时再重新提交(文件不必重新上传)。`,
        );
      }
      if (error instanceof ApiError && error.code === 'invalid-batch-file') {
        setRefused({ fileName: file.name, problems: problemsOf(error.details) });
        // The rows go to the table; the message alone above the form.
        throw new ApiError(error.status, error.code, error.message, []);
      }
      if (error instanceof ApiError && error.status === 404 && reused) {
        // The upload is gone: already imported (the answer lost on the way), or expired.
        uploaded.current = null;
        throw new Error(
          '服务器上已没有这次上传的文件:它可能已经导入(请先在批量选举列表中查看),或已过期。如需重新开始,请再次提交。',
        );
      }
      throw error;
    } finally {
      setTransfer(null);
      aborter.current = null;
    }
  };

  const choose = (chosen: File | null) => {
    setFile(chosen);
    if (chosen === null) setRefused(null);
  };

  return {
    file,
    choose,
    transfer,
    refused,
    start,
    /** Stops an upload under way (the dialog closed). */
    abort: () => aborter.current?.abort(),
    /** After a batch was made: a new dialog starts empty. */
    reset: () => {
      setFile(null);
      setRefused(null);
      uploaded.current = null;
    },
  };
};
