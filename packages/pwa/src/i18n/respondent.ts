/**
 * The texts of the public survey link (survey.html), in both languages: its own small entry loads
 * only these. zh-CN.ts and en.ts take them from here, so every text is still written once.
 */
export const respondentZhCN = {
  app: {
    insecure: '当前为不安全连接（http），无法离线使用和安装；请改用 https 地址',
    insecureHelp: '如何改用 https',
  },
  common: {
    loading: '加载中…',
    optional: '选填',
    retry: '重试',
  },
  kiosk: { recordTitle: '问卷 · {title}' },
  survey: {
    position: '第 {n} 题 / 共 {total} 题',
    prev: '上一题',
    next: '下一题',
    submit: '提交',
    thanks: '谢谢您的参与！',
    textPlaceholder: '请在此填写您的意见（选填）',
    levels: { l0: '非常满意', l1: '满意', l2: '基本满意', l3: '不满意', l4: '非常不满意' },
  },
  publicSurvey: {
    title: '满意度调查',
    offline: '无法连接服务器，请联网后重试',
    invalid: '问卷链接无效或已失效',
    closed: '问卷不在收集时间内，感谢您的关注',
    codeHint: '请输入您收到的问卷码（每个问卷码只能使用一次）',
    code: '问卷码',
    codePlaceholder: '8 位问卷码',
    start: '开始作答',
    sent: '您的答卷已提交',
    queuedBackground: '已保存在本机，联网后会自动发送（可以关闭页面）',
    queuedNextVisit: '已保存在本机，下次打开本页时发送',
    queueFailed: '答卷无法保存：{message}',
    repeat: '您已提交过本问卷',
    repeatHint: '每台手机只能提交一份答卷，感谢您的参与',
    tooMany: '此刻提交的人较多，请 {seconds} 秒后再点“提交”，您的回答已保留',
    codeUsed: '这个问卷码已经用过了，请核对您收到的问卷码',
    codeInvalid: '问卷码不正确，请核对后重新输入',
    closedNow: '问卷已截止或尚未开始，答卷未能提交',
    reload: '页面已过期，请重新打开问卷链接后作答',
    failed: '提交未成功：{message}',
  },
};

export type RespondentMessages = typeof respondentZhCN;

export const respondentEn: RespondentMessages = {
  app: {
    insecure: 'This connection is not secure (http): the app cannot work offline or be installed. Please use the https address.',
    insecureHelp: 'How to switch to https',
  },
  common: {
    loading: 'Loading…',
    optional: 'Optional',
    retry: 'Retry',
  },
  kiosk: { recordTitle: 'Survey · {title}' },
  survey: {
    position: 'Question {n} of {total}',
    prev: 'Previous',
    next: 'Next',
    submit: 'Submit',
    thanks: 'Thank you!',
    textPlaceholder: 'Your comments (optional)',
    levels: { l0: 'Very satisfied', l1: 'Satisfied', l2: 'Fairly satisfied', l3: 'Dissatisfied', l4: 'Very dissatisfied' },
  },
  publicSurvey: {
    title: 'Satisfaction survey',
    offline: 'Cannot reach the server. Try again when online',
    invalid: 'This survey link is invalid or has expired',
    closed: 'The survey is not collecting responses now. Thank you for your interest',
    codeHint: 'Enter the survey code you received (each code can be used once)',
    code: 'Survey code',
    codePlaceholder: '8-character code',
    start: 'Start',
    sent: 'Your response has been submitted',
    queuedBackground: 'Saved on this phone; it will be sent by itself when online (you may close the page)',
    queuedNextVisit: 'Saved on this phone; it will be sent the next time you open this page',
    queueFailed: 'Your response could not be saved: {message}',
    repeat: 'You have already answered this survey',
    repeatHint: 'Each phone can submit one response. Thank you for taking part',
    tooMany: 'Many people are submitting right now. Tap “Submit” again in {seconds} seconds; your answers are kept',
    codeUsed: 'This survey code has already been used; check the code you received',
    codeInvalid: 'The survey code is not correct; check it and enter it again',
    closedNow: 'The survey has closed or has not started; the response was not submitted',
    reload: 'This page has expired. Open the survey link again to answer',
    failed: 'Not submitted: {message}',
  },
};
