import type { ContentStore } from './store';
import type { DownloadOptions } from './store-options';
import { ContentMissingError } from './errors';
import { Window } from './window';
import { newUploadId, uploadHints } from './marks';
import { chunkSubject } from './subjects';

/**
 * Makes a content complete in `target` (another domain): copies the chunks it lacks, each checked
 * against its hash as it is read, then the manifest. Idempotent: chunks already there are skipped,
 * so a copy cut short resumes where it stopped.
 */
export async function copyContent(
  source: ContentStore,
  target: ContentStore,
  sha256Hex: string,
  opts: DownloadOptions = {},
): Promise<{ copied: number; skipped: number; copiedBytes: number }> {
  const there = await target.manifest(sha256Hex);
  if (there) return { copied: 0, skipped: there.chunks.length, copiedBytes: 0 };
  const manifest = await source.manifest(sha256Hex);
  if (!manifest) {
    throw new ContentMissingError(
      `content ${sha256Hex} is not complete in domain '${source.domain}'; cannot copy it to '${target.domain}'`,
      sha256Hex,
      source.domain,
    );
  }
  const win = new Window(source.window);
  // The target's guard follows a first copy as it follows an upload.
  const upload = newUploadId();
  let copied = 0;
  let skipped = 0;
  let bytes = 0;
  let copiedBytes = 0;
  const total = Number(manifest.size);
  const hexes = manifest.chunks.map((c) => Buffer.from(c).toString('hex'));
  const counted = (size: number): void => {
    bytes += size;
    opts.onProgress?.({ bytes, total });
  };
  // A first copy (the first chunk is not there) streams every chunk across, and a chunk that is
  // there after all is refused and counted as skipped; a copy that resumes (the first chunk is
  // there) asks for each chunk before sending it, and sends only the missing ones.
  const resuming = hexes.length > 0 && (await target.has(chunkSubject(target.domain, hexes[0]!)));
  try {
    if (!resuming) {
      let i = 0;
      for await (const data of source.inOrder(sha256Hex, manifest)) {
        if (opts.signal?.aborted) throw opts.signal.reason;
        const hints = uploadHints(upload, i);
        const hex = hexes[i++]!;
        await win.add(async () => {
          if (await target.putChunk(chunkSubject(target.domain, hex), data, hex, hints)) {
            copied++;
            copiedBytes += data.length;
          } else skipped++;
          counted(data.length);
        });
      }
    } else {
      for (let i = 0; i < hexes.length; i++) {
        if (opts.signal?.aborted) throw opts.signal.reason;
        const hex = hexes[i]!;
        await win.add(async () => {
          const subject = chunkSubject(target.domain, hex);
          if (await target.has(subject)) {
            skipped++;
            counted(i === hexes.length - 1 ? total - i * manifest.chunkSize : manifest.chunkSize);
          } else {
            const data = await source.chunk(sha256Hex, hex, i);
            await target.putChunk(subject, data, hex);
            copied++;
            copiedBytes += data.length;
            counted(data.length);
          }
        });
      }
    }
    await win.drain();
  } catch (e) {
    await win.settle();
    throw e;
  }
  await target.putManifest(manifest, upload);
  return { copied, skipped, copiedBytes };
}
