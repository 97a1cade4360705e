import { describe, expect, it } from 'vitest';
import { PhraseMatcher, loadGazetteer } from './gazetteer';
import { tokenize } from './tokenize';

const lookup = (phrase: string, languages: string[] = []) => {
  const tokens = tokenize(phrase.toLowerCase()).map((token) => token.text);
  const match = loadGazetteer(languages).places.matchAt(tokens, 0);
  return match && match.length === tokens.length ? match.value : undefined;
};

describe('place gazetteer', () => {
  it('resolves English names, official names and common abbreviations to ISO codes', () => {
    expect(lookup('north korea')).toMatchObject({ kind: 'country', countryCode: 'KP', name: 'North Korea' });
    expect(lookup("democratic people's republic of korea")).toMatchObject({ countryCode: 'KP' });
    expect(lookup('dprk')).toMatchObject({ countryCode: 'KP' });
    expect(lookup('u.s.')).toMatchObject({ countryCode: 'US', name: 'United States' });
    expect(lookup('uk')).toMatchObject({ countryCode: 'GB' });
  });

  it('knows demonyms as their country', () => {
    expect(lookup('chinese')).toMatchObject({ kind: 'demonym', countryCode: 'CN', name: 'China' });
    expect(lookup('north korean')).toMatchObject({ kind: 'demonym', countryCode: 'KP' });
  });

  it('adds country names of the requested language', () => {
    expect(lookup('nordkorea')).toBeUndefined();
    expect(lookup('nordkorea', ['deu'])).toMatchObject({ countryCode: 'KP', name: 'North Korea' });
    expect(lookup('russie', ['fra'])).toMatchObject({ countryCode: 'RU' });
  });

  it('lists major cities without a country code on the entity side', () => {
    expect(lookup('beijing')).toMatchObject({ kind: 'city', countryCode: 'CN' });
    expect(lookup('pyongyang')).toMatchObject({ kind: 'city', countryCode: 'KP' });
  });
});

describe('PhraseMatcher', () => {
  it('prefers the longest phrase', () => {
    const matcher = new PhraseMatcher<string>();
    matcher.add('New York', 'city');
    matcher.add('New York Times', 'paper');
    expect(matcher.matchAt(['the', 'new', 'york', 'times'], 1)).toEqual({ length: 3, value: 'paper' });
    expect(matcher.matchAt(['new', 'york', 'city'], 0)).toEqual({ length: 2, value: 'city' });
    expect(matcher.matchAt(['new', 'jersey'], 0)).toBeUndefined();
  });
});
