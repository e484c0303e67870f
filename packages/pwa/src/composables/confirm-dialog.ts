import { showConfirmDialog } from 'vant';
import 'vant/es/dialog/style';

/**
 * Vant's confirm dialog with a name a screen reader announces: Vant writes the title's text into
 * aria-labelledby, which names no element, so the dialog had no accessible name. Resolves on 确认,
 * rejects on 取消 like showConfirmDialog.
 */
export function confirmDialog(options: {
  title: string;
  message: string;
  confirmButtonText?: string;
  cancelButtonText?: string;
  confirmButtonColor?: string;
}): Promise<unknown> {
  // Extra options reach the dialog's element as attributes (Vant's Popup spreads its attrs on it).
  return showConfirmDialog({ ...options, 'aria-labelledby': undefined, 'aria-label': options.title } as Parameters<typeof showConfirmDialog>[0]);
}
