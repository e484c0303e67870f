/**
 * Which browser a link was opened in, read from its user agent. Field workers often tap links in
 * WeChat, 企业微信 or DingTalk: those built-in browsers cannot install the app, and on iOS (WKWebView)
 * they run no service worker, so the app cannot be reopened offline there.
 */

/** An app's built-in browser: 微信, 企业微信, 钉钉, or another iOS app's WKWebView. */
export type InAppBrowser = 'WECHAT' | 'WECOM' | 'DINGTALK' | 'IOS_WEBVIEW';

export type MobileOs = 'IOS' | 'ANDROID' | 'OTHER';

export interface BrowserKind {
  /** null in a real browser (Safari, Chrome, the phone maker's browser, a desktop browser). */
  inApp: InAppBrowser | null;
  os: MobileOs;
}

export interface DetectOptions {
  /** iOS's navigator.standalone: the app opened from the home screen, whose user agent has no "Safari/" either. */
  standalone?: boolean;
}

/** iPadOS 13+ says "Macintosh"; only an app's own user agent (iPhone, iPad, iPod) is taken as iOS here. */
const IOS = /\b(iPhone|iPad|iPod)\b/;
/** Browsers on iOS that are real browsers although they are WKWebViews: Chrome, Firefox, Edge, Opera, Yandex. */
const IOS_BROWSERS = /\b(CriOS|FxiOS|EdgiOS|OPiOS|YaBrowser)\//;

/**
 * The built-in browser a page runs in, and the phone's system.
 *
 * @example detectBrowser(navigator.userAgent) // { inApp: 'WECHAT', os: 'ANDROID' } in Android WeChat
 */
export function detectBrowser(userAgent: string, options: DetectOptions = {}): BrowserKind {
  const os: MobileOs = IOS.test(userAgent) ? 'IOS' : /\bAndroid\b/.test(userAgent) ? 'ANDROID' : 'OTHER';
  // 企业微信 also says MicroMessenger: look for it first.
  if (/\bwxwork\//i.test(userAgent)) return { inApp: 'WECOM', os };
  if (/\bMicroMessenger\//i.test(userAgent)) return { inApp: 'WECHAT', os };
  if (/\bDingTalk\b|AliApp\(DingTalk/i.test(userAgent)) return { inApp: 'DINGTALK', os };
  if (os === 'IOS' && /\bAppleWebKit\//.test(userAgent) && !/\bSafari\//.test(userAgent) && !IOS_BROWSERS.test(userAgent) && !options.standalone) {
    return { inApp: 'IOS_WEBVIEW', os };
  }
  return { inApp: null, os };
}
