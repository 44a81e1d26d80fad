import { Alert } from 'antd';

/** What failed, above what it concerns: a list that did not load, a form's refusal for no one field. */
export function Problem({ text }: { text: string | null | undefined }) {
  return text ? <Alert type="error" showIcon title={text} style={{ marginBottom: 12 }} /> : null;
}
