/**
 * Orders strings by UTF-16 code units: the same order on every machine. `localeCompare` follows the
 * process's locale (in Danish `aa` sorts after `z`), so an order that reaches a file — label columns of a
 * model, rows of a dataset — would differ between machines.
 */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
