/**
 * The shape of a document id, as edXML names a document: `OrganId,YYYY/MM/DD,number/notation`
 * (`000.01.43.H41,2026/11/22,15/UBND-VP`): the sending agency's code, the date of the document, its
 * number and its notation. A document is tracked under its sender's code, so an id naming another
 * agency, or no agency, could never be found by `doc track`.
 */
import { isAgencyCode } from './agency';
import { LienthongError, displayInput } from './errors';

export const DOCUMENT_ID_EXAMPLE = '000.01.43.H41,2026/11/22,15/UBND-VP';

export interface DocumentIdParts {
  readonly organ: string;
  readonly date: { readonly year: number; readonly month: number; readonly day: number };
  readonly number: string;
  readonly notation: string;
}

const CONTROL_OR_SPACE = /[\s\p{Cc}\p{Cf}]/u;
const SHAPE = /^([^,]*),(\d{4})\/(\d{2})\/(\d{2}),([^/]+)\/(.+)$/su;

/** Why `id` is not a document id of `sender` (or of anyone, without `sender`), or undefined when it is. */
export function documentIdProblem(id: unknown, sender?: string): string | undefined {
  if (typeof id !== 'string' || id === '') return 'a document id is required';
  if (CONTROL_OR_SPACE.test(id)) {
    return `document id '${displayInput(id)}' contains a space, newline or control character`;
  }
  const m = SHAPE.exec(id);
  if (!m) {
    return `document id '${displayInput(id)}' is not of the form OrganId,YYYY/MM/DD,number/notation (e.g. ${DOCUMENT_ID_EXAMPLE})`;
  }
  const [, organ, y, mo, d, number] = m as unknown as [string, string, string, string, string, string];
  if (!isAgencyCode(organ)) {
    return `document id '${displayInput(id)}' does not start with an agency code (OrganId, e.g. 000.01.43.H41)`;
  }
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12 || date.getUTCDate() !== day || date.getUTCMonth() !== month - 1) {
    return `document id '${displayInput(id)}' has no valid date (${y}/${mo}/${d} is not a day)`;
  }
  if (number.includes(',')) {
    return `document id '${displayInput(id)}' is not of the form OrganId,YYYY/MM/DD,number/notation (e.g. ${DOCUMENT_ID_EXAMPLE})`;
  }
  if (sender !== undefined && organ !== sender) {
    return `document id '${displayInput(id)}' names ${organ} as its sender, not ${sender}: an agency sends under its own code`;
  }
  return undefined;
}

/** The parts of a document id; InvalidArgument naming the problem when it has not the edXML shape. */
export function parseDocumentId(id: string): DocumentIdParts {
  const problem = documentIdProblem(id);
  if (problem !== undefined)
    throw new LienthongError('InvalidArgument', problem, { context: { documentId: id } });
  const m = SHAPE.exec(id)!;
  return {
    organ: m[1]!,
    date: { year: Number(m[2]), month: Number(m[3]), day: Number(m[4]) },
    number: m[5]!,
    notation: m[6]!,
  };
}

/**
 * Throws InvalidArgument (`what: problem`) unless `id` is a document id of `sender`: the SDK's
 * `send()` and the home node's intake apply the same rule.
 */
export function assertDocumentIdOf(id: unknown, sender: string, what = 'send'): string {
  const problem = documentIdProblem(id, sender);
  if (problem !== undefined) {
    throw new LienthongError('InvalidArgument', `${what}: ${problem}`, {
      context: { what, documentId: typeof id === 'string' ? id : String(id), sender },
    });
  }
  return id as string;
}
