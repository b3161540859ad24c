/**
 * The name `label` takes under a label map (`--map enhancement=feature`), or `label` itself. Only
 * the map's own entries count: a label named `constructor` or `toString` is not Object.prototype's.
 */
export function mapLabel(labelMap: Readonly<Record<string, string>>, label: string): string {
  return Object.hasOwn(labelMap, label) ? (labelMap[label] as string) : label;
}
