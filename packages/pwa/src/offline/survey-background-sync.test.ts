import { describe, expect, it } from 'vitest';
import { PUBLIC_SURVEY, SUBMIT_SURVEY_RESPONSE } from '../graphql/queries';
import { sendsInBackground, withOperationName } from './survey-background-sync';

describe('withOperationName', () => {
  const body = (query: unknown) => JSON.stringify({ query: String(query), variables: {} });
  it.each([
    ['a survey answer is named', '/graphql', body(SUBMIT_SURVEY_RESPONSE), '/graphql?op=SubmitSurveyResponse'],
    ['the public survey query is named', '/graphql', body(PUBLIC_SURVEY), '/graphql?op=PublicSurvey'],
    ['a URL with a query string gets &op=', '/graphql?x=1', body(SUBMIT_SURVEY_RESPONSE), '/graphql?x=1&op=SubmitSurveyResponse'],
    ['an anonymous operation keeps the URL', '/graphql', body('{ __typename }'), '/graphql'],
    ['a body that is not text keeps the URL', '/graphql', new Blob(['x']), '/graphql'],
    ['a body that is not JSON keeps the URL', '/graphql', 'mutation X { a }', '/graphql'],
  ])('%s', (_what, url, requestBody, expected) => {
    expect(withOperationName(url, requestBody)).toBe(expected);
  });
});

describe('sendsInBackground', () => {
  it.each([
    ['Background Sync and a controlling service worker', { SyncManager: class {} }, { controller: {} }, true],
    ['Background Sync but no worker in control yet', { SyncManager: class {} }, { controller: null }, false],
    ['no Background Sync (Safari, Firefox)', {}, { controller: {} }, false],
    ['no service worker at all (iOS in-app browsers)', { SyncManager: class {} }, undefined, false],
  ])('%s → %s', (_what, window, serviceWorker, expected) => {
    expect(sendsInBackground({ window, serviceWorker })).toBe(expected);
  });
});
