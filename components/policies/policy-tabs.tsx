'use client';

import { usePathname } from 'next/navigation';
import { TabLinks } from '@/components/ui/tabs';

/** Policies and the simulator that tries them: two pages under one heading. */
export function PolicyTabs() {
  const pathname = usePathname();
  return (
    <div className="mb-6">
      <TabLinks
        label="Policies"
        items={[
          { href: '/policies', label: 'Policies', active: pathname === '/policies' },
          { href: '/policies/simulate', label: 'Simulator', active: pathname === '/policies/simulate' },
        ]}
      />
    </div>
  );
}
