/** The organizations' levels as organizers say them. */
export const LEVEL_NAMES: Record<'branch' | 'general-branch' | 'committee', string> = {
  branch: '党支部',
  'general-branch': '党总支',
  committee: '党委',
};
