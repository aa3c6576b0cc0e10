/** A layer by its number (1-based, as the tag page lists layers), with its digest as a tooltip. */
export function LayerRef({ index, layers }: { index: number; layers: readonly string[] }) {
  const digest = layers[index];
  return (
    <span className="cursor-help tabular-nums underline decoration-dotted underline-offset-2" title={digest ? `Layer ${index + 1}: ${digest}` : undefined}>
      {index + 1}
    </span>
  );
}
