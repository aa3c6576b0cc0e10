import type { ComponentType, SVGProps } from 'react';
import { BoxIcon, BugIcon, FolderIcon, HomeIcon, KeyIcon, LayersIcon, ListIcon, ShieldIcon, UsersIcon } from '@/components/ui/icons';

export interface NavItem {
  href: string;
  label: string;
  icon: ComponentType<SVGProps<SVGSVGElement>>;
  /** Shown to installation administrators only. */
  adminOnly?: boolean;
}

/**
 * The console's navigation, in order. Only pages that exist are listed; add an entry when a page lands, e.g.
 *   { href: '/tokens', label: 'Access tokens', icon: KeyIcon },
 *   { href: '/users', label: 'Users', icon: UsersIcon, adminOnly: true },
 *   { href: '/policies', label: 'Policies', icon: ShieldIcon, adminOnly: true },
 *   { href: '/audit', label: 'Audit', icon: ListIcon, adminOnly: true },
 * (KeyIcon, UsersIcon, ShieldIcon and ListIcon are in components/ui/icons.tsx.)
 */
export const NAV_ITEMS: readonly NavItem[] = [
  { href: '/', label: 'Overview', icon: HomeIcon },
  { href: '/repositories', label: 'Repositories', icon: BoxIcon },
  { href: '/namespaces', label: 'Namespaces', icon: FolderIcon },
  // Everyone: how current the data behind scan reports is; the import form inside is for administrators.
  { href: '/vulnerability-data', label: 'Vulnerability data', icon: BugIcon },
  { href: '/tokens', label: 'Tokens', icon: KeyIcon },
  // Everyone: a namespace owner reads the events of their own namespaces, an administrator every event.
  { href: '/audit', label: 'Audit', icon: ListIcon },
  { href: '/users', label: 'Users', icon: UsersIcon, adminOnly: true },
  { href: '/policies', label: 'Policies', icon: ShieldIcon, adminOnly: true },
  // Garbage collection runs and storage use (cr:ManageStorage, which only administrators hold).
  { href: '/storage', label: 'Storage', icon: LayersIcon, adminOnly: true },
];

export function visibleNavItems(isAdmin: boolean): NavItem[] {
  return NAV_ITEMS.filter((item) => !item.adminOnly || isAdmin);
}

export function isNavItemActive(item: NavItem, pathname: string): boolean {
  // `/` is the overview alone, not a prefix of every page.
  return pathname === item.href || (item.href !== '/' && pathname.startsWith(`${item.href}/`));
}
