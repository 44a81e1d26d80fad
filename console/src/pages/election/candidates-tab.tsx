import { Space } from 'antd';
import type { ElectionTabProps } from './election-data.ts';
import { InspectionsCard } from './inspections-card.tsx';
import { ObjectionsCard } from './objections-card.tsx';
import { StatementForm } from './statement-form.tsx';
import { SuggestionCard } from './suggestion-card.tsx';

/** After the review: objections during 公示, inspections, statements, suggestion lists. */
export function CandidatesTab(props: ElectionTabProps) {
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <ObjectionsCard {...props} />
      <InspectionsCard {...props} />
      <SuggestionCard {...props} />
      <StatementForm {...props} />
    </Space>
  );
}
