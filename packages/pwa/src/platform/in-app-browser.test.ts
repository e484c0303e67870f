import { describe, expect, it } from 'vitest';
import { detectBrowser, type BrowserKind } from './in-app-browser';

/** User agents as these browsers send them (copied from real phones). */
const USER_AGENTS = {
  wechatAndroid:
    'Mozilla/5.0 (Linux; Android 13; V2148A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20231202 MMWEBID/2247 MicroMessenger/8.0.47.2560(0x28002F35) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64',
  wechatIos:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.47(0x18002f2c) NetType/WIFI Language/zh_CN',
  wecomAndroid:
    'Mozilla/5.0 (Linux; Android 12; SM-G9910 Build/SP1A.210812.016; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/109.0.5414.86 MQQBrowser/6.2 TBS/046141 Mobile Safari/537.36 wxwork/4.1.10 MicroMessenger/7.0.1 NetType/WIFI Language/zh Lang/zh ColorScheme/Light',
  wecomIos:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 wxwork/4.1.10 MicroMessenger/7.0.1 Language/zh ColorScheme/Light',
  dingtalkAndroid:
    'Mozilla/5.0 (Linux; U; Android 11; zh-CN; M2012K11AC Build/RKQ1.200826.002) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/69.0.3497.100 UWS/3.22.1.233 Mobile Safari/537.36 AliApp(DingTalk/6.5.50) com.alibaba.android.rimet/27468837 Channel/227200 language/zh-CN abi/64 UT4Aplus/0.2.25 colorScheme/light',
  dingtalkIos:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 15_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 AliApp(DingTalk/6.5.40) com.laiwang.DingTalk/25936393 Channel/201200 language/zh-Hans-CN UT4Aplus/0.0.6 WK',
  weiboIos:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Weibo (iPhone14,2__weibo__13.11.1__iphone__os17.1)',
  safariIos: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1',
  chromeIos: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/120.0.6099.119 Mobile/15E148 Safari/604.1',
  firefoxIos: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/121.0 Mobile/15E148 Safari/605.1.15',
  homeScreenIos: 'Mozilla/5.0 (iPhone; CPU iPhone OS 12_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
  chromeAndroid: 'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36',
  huaweiAndroid:
    'Mozilla/5.0 (Linux; Android 10; HarmonyOS; ELS-AN00; HMSCore 6.13.0.302) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/99.0.4844.88 HuaweiBrowser/14.0.5.302 Mobile Safari/537.36',
  chromeDesktop: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
} as const;

describe('detectBrowser', () => {
  const cases: [string, string, BrowserKind, { standalone?: boolean }?][] = [
    ['WeChat on Android (XWeb) is WeChat', USER_AGENTS.wechatAndroid, { inApp: 'WECHAT', os: 'ANDROID' }],
    ['WeChat on iPhone is WeChat', USER_AGENTS.wechatIos, { inApp: 'WECHAT', os: 'IOS' }],
    ['企业微信 on Android is 企业微信, not WeChat, although it says MicroMessenger', USER_AGENTS.wecomAndroid, { inApp: 'WECOM', os: 'ANDROID' }],
    ['企业微信 on iPhone is 企业微信', USER_AGENTS.wecomIos, { inApp: 'WECOM', os: 'IOS' }],
    ['DingTalk on Android (AliApp(DingTalk/…)) is DingTalk', USER_AGENTS.dingtalkAndroid, { inApp: 'DINGTALK', os: 'ANDROID' }],
    ['DingTalk on iPhone is DingTalk', USER_AGENTS.dingtalkIos, { inApp: 'DINGTALK', os: 'IOS' }],
    ["another iOS app's WKWebView (no Safari/ in the agent) is an iOS web view", USER_AGENTS.weiboIos, { inApp: 'IOS_WEBVIEW', os: 'IOS' }],
    ['Safari on iPhone is a real browser', USER_AGENTS.safariIos, { inApp: null, os: 'IOS' }],
    ['Chrome on iPhone (CriOS) is a real browser', USER_AGENTS.chromeIos, { inApp: null, os: 'IOS' }],
    ['Firefox on iPhone (FxiOS) is a real browser', USER_AGENTS.firefoxIos, { inApp: null, os: 'IOS' }],
    ['the app opened from the iOS home screen is not a web view', USER_AGENTS.homeScreenIos, { inApp: null, os: 'IOS' }, { standalone: true }],
    ['the same agent outside the home screen is a web view', USER_AGENTS.homeScreenIos, { inApp: 'IOS_WEBVIEW', os: 'IOS' }, { standalone: false }],
    ['Chrome on Android is a real browser', USER_AGENTS.chromeAndroid, { inApp: null, os: 'ANDROID' }],
    ["Huawei's browser is a real browser", USER_AGENTS.huaweiAndroid, { inApp: null, os: 'ANDROID' }],
    ['a desktop browser is a real browser on another system', USER_AGENTS.chromeDesktop, { inApp: null, os: 'OTHER' }],
    ['an empty agent is nothing known', '', { inApp: null, os: 'OTHER' }],
  ];

  it.each(cases)('%s', (_sentence, userAgent, expected, options) => {
    expect(detectBrowser(userAgent, options)).toEqual(expected);
  });
});
