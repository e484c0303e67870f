export { CAPTURE_YEARS, readPhotoCapture, type PhotoCapture } from './read-photo-capture.js';
export { CAPTURE_CLOCK_SKEW_MS, checkPhotoCapture, type PhotoCaptureField, type PhotoCaptureProblem } from './check-photo-capture.js';
