/** Parts of @lienthong/content for its own tests: not a stable interface. */
export { MAX_CHUNK_SIZE, chunkFilter, domainToken, manifestFilter } from './subjects';
export { contentStreamConfig } from './stream';
export { Window } from './window';
export { UploadRuns } from './runs';
export { followUpload } from './follow';
