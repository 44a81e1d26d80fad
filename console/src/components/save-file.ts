/** Saves `blob` as a download named `fileName` (a template, an export), as a link's click does. */
export const saveFile = (blob: Blob, fileName: string) => {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // The click starts the download from the URL: revoked once it has.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
};
