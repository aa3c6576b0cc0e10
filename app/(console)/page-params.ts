import type { Metadata } from 'next';

export type ParamsOf<K extends string> = { params: Promise<Record<K, string>> };

/** A route parameter as the user wrote it (the URL carries it encoded). */
export async function routeParam<K extends string>({ params }: ParamsOf<K>, key: K): Promise<string> {
  return decodeURIComponent((await params)[key]);
}

/** `generateMetadata` for a page titled by one of its route parameters (a namespace, a user, a policy). */
export function titledBy<K extends string>(key: K, prefix = ''): (props: ParamsOf<K>) => Promise<Metadata> {
  return async (props) => ({ title: `${prefix}${await routeParam(props, key)}` });
}
