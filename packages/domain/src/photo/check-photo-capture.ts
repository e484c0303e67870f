import { CAPTURE_YEARS, type PhotoCapture } from './read-photo-capture.js';

/** A capture time may be this far ahead of the receiving clock: phones' clocks and time zones drift. */
export const CAPTURE_CLOCK_SKEW_MS = 24 * 60 * 60 * 1000;

export type PhotoCaptureField = 'capturedAt' | 'latitude' | 'longitude';

export interface PhotoCaptureProblem {
  field: PhotoCaptureField;
  /** What to tell the person, in Chinese. */
  message: string;
}

/**
 * What is implausible in capture info a phone sends with a record (read with readPhotoCapture
 * before compressing), or an empty list: the time lies between CAPTURE_YEARS.first and a day after
 * `now`, the latitude within −90…90 and the longitude within −180…180, and a position has both.
 *
 * @example checkPhotoCapture({ capturedAt: null, latitude: 91, longitude: 117 }, new Date()).map((p) => p.field) // ['latitude']
 */
export function checkPhotoCapture(capture: PhotoCapture, now: Date): PhotoCaptureProblem[] {
  const problems: PhotoCaptureProblem[] = [];
  const { capturedAt, latitude, longitude } = capture;
  if (capturedAt !== null) {
    const time = capturedAt.getTime();
    if (Number.isNaN(time) || capturedAt.getUTCFullYear() < CAPTURE_YEARS.first) {
      problems.push({ field: 'capturedAt', message: `拍摄时间应在 ${CAPTURE_YEARS.first} 年以后` });
    } else if (time > now.getTime() + CAPTURE_CLOCK_SKEW_MS) {
      problems.push({ field: 'capturedAt', message: '拍摄时间晚于当前时间，请检查手机时间' });
    }
  }
  if (latitude !== null && !(latitude >= -90 && latitude <= 90)) problems.push({ field: 'latitude', message: `纬度应在 -90 到 90 之间，实际为 ${latitude}` });
  if (longitude !== null && !(longitude >= -180 && longitude <= 180)) {
    problems.push({ field: 'longitude', message: `经度应在 -180 到 180 之间，实际为 ${longitude}` });
  }
  if ((latitude === null) !== (longitude === null)) {
    problems.push({ field: latitude === null ? 'latitude' : 'longitude', message: '拍摄位置须同时有纬度和经度' });
  }
  return problems;
}
