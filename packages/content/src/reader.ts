/**
 * Reads what a content subject holds, instead of a direct get (`ContentStoreOptions.read`): an agency
 * reads through its home node, which hands it only the content of documents it sent or received
 * (`file` names that content), or a stored message equal to bytes it already has (`have`, while
 * storing them).
 */
export type ContentReader = (
  subject: string,
  context: { readonly file?: string; readonly have?: Uint8Array },
) => Promise<Uint8Array | undefined>;
