import type { AnswerOf } from '../../api/routes.ts';

/** Where to post a batch file, as `POST /v1/batch-uploads` answers. */
export type BatchUpload = AnswerOf<'POST /v1/batch-uploads'>;

/** How much of the file has gone. */
export interface UploadProgress {
  sent: number;
  total: number;
}

/** What S3 answers to a form it refuses, in words an organizer can act on. */
const S3_REFUSALS: Readonly<Record<string, string>> = {
  EntityTooLarge: '文件超过上传上限',
  EntityTooSmall: '文件是空的',
  AccessDenied: '上传链接已失效(超过 1 小时或已使用),请重新提交',
  ExpiredToken: '上传链接已失效,请重新提交',
};

const refusalOf = (xhr: XMLHttpRequest): string => {
  const xml = new DOMParser().parseFromString(xhr.responseText || '<Error/>', 'application/xml');
  const code = xml.querySelector('Code')?.textContent ?? '';
  const said = xml.querySelector('Message')?.textContent ?? '';
  return `文件上传失败:${S3_REFUSALS[code] ?? (said || `HTTP ${xhr.status}`)}`;
};

/**
 * Posts `file` to the uploads bucket with the form `POST /v1/batch-uploads` answered: its fields
 * first, then the file as `file` — S3 reads a form's fields only before the file. With
 * XMLHttpRequest, not fetch: only it reports how much of the body has gone (a province's file
 * takes minutes). Resolves once S3 has stored it; `signal` aborts it.
 */
export const postUpload = (
  upload: BatchUpload,
  file: Blob,
  onProgress: (progress: UploadProgress) => void,
  signal?: AbortSignal,
): Promise<void> =>
  new Promise((resolve, reject) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
    // The policy asks for this type: the file's own (often empty, or Excel's) is not sent.
    form.append('file', new Blob([file], { type: upload.contentType }), 'batch.csv');
    const xhr = new XMLHttpRequest();
    xhr.open('POST', upload.url);
    xhr.upload.onprogress = (event) => {
      onProgress({ sent: event.loaded, total: event.lengthComputable ? event.total : file.size });
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) resolve();
      else reject(new Error(refusalOf(xhr)));
    };
    xhr.onerror = () => reject(new Error('文件上传中断:请检查网络后重新提交(已填写的内容仍保留)'));
    xhr.onabort = () => reject(new DOMException('上传已取消', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(form);
  });
