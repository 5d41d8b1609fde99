// /o/:org/media/:image — an uploaded site image, public. The bytes behind an address never change
// (a new upload is a new id), so it is cached for a year.
import { data } from 'react-router';
import { requireOrganization, services } from '#app/lib/guards.server.ts';
import { getSiteImage } from '#domain/content/find-images.server.ts';
import { parseImageFile } from '#domain/content/image-address.ts';
import { DomainError } from '#domain/errors.ts';
import type { Route } from './+types/media.ts';

export async function loader({ context, params }: Route.LoaderArgs) {
  const org = await requireOrganization(context, params.org);
  const file = parseImageFile(params.image);
  if (!file) throw data(null, { status: 404 });
  const image = await getSiteImage(services(context).db, org.id, file.id, file.extension).catch((error: unknown) => {
    if (error instanceof DomainError && error.code === 'IMAGE_NOT_FOUND') throw data(null, { status: 404 });
    throw error;
  });
  return new Response(new Uint8Array(image.bytes), {
    headers: {
      'content-type': image.contentType,
      'content-length': String(image.bytes.length),
      'cache-control': 'public, max-age=31536000, immutable',
      'content-disposition': 'inline',
    },
  });
}
