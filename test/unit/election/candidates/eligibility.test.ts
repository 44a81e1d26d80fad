// Proves that the eligibility decision counts every paper a nominee has shown, over all the
// nominations of them: a paper shown once has been shown.
import { describe, expect, it } from 'vitest';
import { documentsPresented } from '../../../../shared/election/candidates/eligibility.ts';

const papers = (idCard: boolean, householdRegister: boolean, diploma: boolean, photo: boolean) => ({
  documents: { idCard, householdRegister, diploma, photo },
});

describe('documentsPresented', () => {
  it('a paper shown with any nomination counts as shown', () => {
    expect(
      documentsPresented([papers(true, false, true, false), papers(false, true, false, false)]),
    ).toEqual({
      idCard: true,
      householdRegister: true,
      diploma: true,
      photo: false,
    });
  });

  it('with no nomination nothing has been shown', () => {
    expect(Object.values(documentsPresented([]))).toEqual([false, false, false, false]);
  });
});
