/**
 * A dialog's two ends, as its opener gives them: closing it, and closing it after it did its
 * work, then what follows (reading the list anew, or opening what it created).
 */
export const dialogEnds = <A extends unknown[]>(
  close: () => void,
  then: (...answer: A) => unknown,
) => ({
  onClose: close,
  onDone: (...answer: A) => {
    close();
    void then(...answer);
  },
});

/** What a dialog takes from its opener (`dialogEnds` gives it); `onDone` gets what it made, if anything. */
export interface DialogEnds<A extends unknown[] = []> {
  onClose: () => void;
  onDone: (...answer: A) => void;
}
