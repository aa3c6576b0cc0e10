/** Berth's mark: a container resting at a quay. */
export function Logo({ className = 'size-7' }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" className={className} aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="7" className="fill-teal-700 dark:fill-teal-500" />
      <rect x="8" y="9" width="16" height="10" rx="1.5" fill="white" />
      <path d="M12 9v10M16 9v10M20 9v10" stroke="currentColor" strokeWidth="1.5" className="text-teal-700 dark:text-teal-500" />
      <path d="M5 23h22" stroke="white" strokeWidth="2.5" strokeLinecap="round" />
    </svg>
  );
}
