import type { OverlayProps } from 'vant';

/**
 * `:overlay-props` for a van-popup or van-action-sheet that closes on a tap outside: Vant makes
 * the overlay a role=button with no name (axe: aria-command-name), so it is named, e.g. 关闭.
 *
 * @example <van-popup :overlay-props="overlayName(t('a11y.close'))">
 */
export function overlayName(label: string): Partial<OverlayProps> {
  // Overlay spreads what it does not declare onto its element as attributes; its type lists only its props.
  return { 'aria-label': label } as unknown as Partial<OverlayProps>;
}
