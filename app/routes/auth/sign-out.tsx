import { redirect } from 'react-router';
import { cookieHeaders, forwardedHeaders } from '#app/lib/auth-responses.server.ts';
import { requireOrganization, services } from '#app/lib/guards.server.ts';
import type { Route } from './+types/sign-out.ts';

// Anyone may sign out; without a session this just clears cookies.
export async function loader({ params }: Route.LoaderArgs) {
  throw redirect(`/o/${params.org}`);
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const org = await requireOrganization(context, params.org);
  const response = await services(context).auth.api.signOut({ headers: forwardedHeaders(request), asResponse: true });
  throw redirect(`/o/${org.slug}?signed-out=1`, { headers: cookieHeaders(response) });
}
