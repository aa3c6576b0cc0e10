'use client';

import { Switch } from '@/components/ui/switch';

/** The namespace setting's row: one switch, worded like the other push settings beside it. */
export function ScanOnPushSwitch({ checked, onChange }: { checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <div className="flex items-start justify-between gap-4">
      <div>
        <p id="scan-on-push-label" className="text-sm font-medium text-slate-800 dark:text-slate-200">
          Scan images on push
        </p>
        <p id="scan-on-push-hint" className="text-sm text-slate-600 dark:text-slate-400">
          Every pushed image is scanned for vulnerabilities and secrets. A repository can override this in its overview.
        </p>
      </div>
      <Switch checked={checked} onChange={onChange} aria-labelledby="scan-on-push-label" aria-describedby="scan-on-push-hint" />
    </div>
  );
}
