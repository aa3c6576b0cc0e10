'use client';

import { SwitchRow } from '@/components/ui/switch';

/** The namespace setting's row: one switch, worded like the other push settings beside it. */
export function ScanOnPushSwitch({ checked, onChange }: { checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <SwitchRow
      id="scan-on-push"
      label="Scan images on push"
      hint="Every pushed image is scanned for vulnerabilities and secrets. A repository can override this in its overview."
      checked={checked}
      onChange={onChange}
    />
  );
}
